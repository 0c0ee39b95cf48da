// The public surface of @leakwatch/guard. Nothing runs at import: hooks start with the first wrapped invocation.
export { withLeakGuard } from './with-leak-guard.js';
export { deadlineSignal } from './deadline-signal.js';
export type { DeadlineContext } from './deadline-signal.js';
export { resolveGuardOptions } from './options.js';
export type { GuardOptions } from './options.js';
export { emfLine } from './emf-line.js';
export type { InvocationMetrics } from './emf-line.js';
