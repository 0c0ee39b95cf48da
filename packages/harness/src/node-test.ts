import { test } from 'node:test';
import { assertNoLeaks } from './assert.js';
import { runInvocations, type HandlerRef } from './run-invocations.js';
import type { RunOptions } from './run-options.js';
import type { Run } from './run.js';

/**
 * Registers a `node:test` test that runs the handler like a warm sandbox and fails with the
 * rendered findings when anything leaks. Returns the run through `onRun` for further checks.
 *
 * @example
 * ```js
 * import { leakTest } from '@leakwatch/harness/node-test';
 * leakTest('orders handler does not leak', { module: './handler.mjs' }, { invocations: 100 });
 * ```
 */
export function leakTest(name: string, handler: HandlerRef, options: RunOptions = {}, onRun?: (run: Run) => void | Promise<void>): Promise<void> {
  return test(name, async () => {
    const run = await runInvocations(handler, options);
    await onRun?.(run);
    assertNoLeaks(run);
  });
}

export { assertNoLeaks };
