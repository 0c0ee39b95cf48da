import type { LeakwatchRule } from '../rule.js';
import { noUnreleasedConnection } from './no-unreleased-connection.js';
import { requireRequestTimeout } from './require-request-timeout.js';

/** Every rule, by name (without the `@leakwatch/` prefix). */
export const rules: Record<string, LeakwatchRule> = {
  'no-unreleased-connection': noUnreleasedConnection,
  'require-request-timeout': requireRequestTimeout,
};
