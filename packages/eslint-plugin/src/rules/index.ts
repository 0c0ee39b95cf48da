import type { LeakwatchRule } from '../rule.js';
import { noClientPerInvocation } from './no-client-per-invocation.js';
import { noDanglingAsync } from './no-dangling-async.js';
import { noListenerPerInvocation } from './no-listener-per-invocation.js';
import { noUnboundedModuleState } from './no-unbounded-module-state.js';
import { noUnreleasedConnection } from './no-unreleased-connection.js';
import { requireRequestTimeout } from './require-request-timeout.js';

/**
 * Every rule, by name (without the `@leakwatch/` prefix).
 *
 * @example
 * ```ts
 * rules['no-dangling-async'].meta.docs.leakwatchKind; // 'dangling-work'
 * ```
 */
export const rules: Record<string, LeakwatchRule> = {
  'no-unreleased-connection': noUnreleasedConnection,
  'require-request-timeout': requireRequestTimeout,
  'no-dangling-async': noDanglingAsync,
  'no-unbounded-module-state': noUnboundedModuleState,
  'no-listener-per-invocation': noListenerPerInvocation,
  'no-client-per-invocation': noClientPerInvocation,
};
