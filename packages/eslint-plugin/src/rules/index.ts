import type { LeakwatchRule } from '../rule.js';
import { noDanglingAsync } from './no-dangling-async.js';
import { noUnboundedModuleState } from './no-unbounded-module-state.js';
import { noUnreleasedConnection } from './no-unreleased-connection.js';
import { requireRequestTimeout } from './require-request-timeout.js';

/** Every rule, by name (without the `@leakwatch/` prefix). */
export const rules: Record<string, LeakwatchRule> = {
  'no-unreleased-connection': noUnreleasedConnection,
  'require-request-timeout': requireRequestTimeout,
  'no-dangling-async': noDanglingAsync,
  'no-unbounded-module-state': noUnboundedModuleState,
};
