// The public surface of @leakwatch/guard. Nothing runs at import: channels and hooks start with the first guarded invocation.
export { withLeakGuard } from './with-leak-guard.js';
export { leakGuardMiddleware } from './leak-guard-middleware.js';
export type { LeakGuardMiddleware, MiddyRequestLike } from './leak-guard-middleware.js';
export { withLeakGuardAzure } from './with-leak-guard-azure.js';
export type { AzureInvocationContextLike } from './with-leak-guard-azure.js';
export { withLeakGuardHttp, withLeakGuardCloudEvent } from './with-leak-guard-gcp.js';
export type { GcpRequestLike, GcpResponseLike, CloudEventLike } from './with-leak-guard-gcp.js';
export { deadlineSignal } from './deadline-signal.js';
export type { DeadlineContext } from './deadline-signal.js';
export { withResource, disposable } from './with-resource.js';
export { boundedCache, BoundedCache } from './bounded-cache.js';
export type { BoundedCacheOptions } from './bounded-cache.js';
export { resolveGuardOptions } from './options.js';
export type { GuardOptions } from './options.js';
export { emfLine } from './emf-line.js';
export type { InvocationMetrics } from './emf-line.js';
