import { basename, extname } from 'node:path';
import { UsageError } from '@leakwatch/core';
import { runFrozen } from './freeze/run-frozen.js';
import { loadHandler, type Handler } from './load-handler.js';
import { resolveOptions, type RunOptions } from './run-options.js';
import type { Run } from './run.js';
import { runSandbox } from './sandbox-runner.js';

/** A handler function, or a module to load it from (required for `freeze`). */
export type HandlerRef = Handler | ((...args: never[]) => unknown) | { module: string; export?: string };

/**
 * Runs a handler many times like one warm Lambda sandbox and returns the run: the findings and
 * every series they were judged on. In-process by default; with `freeze: true` in a child process
 * stopped between invocations.
 *
 * @example
 * ```ts
 * const run = await runInvocations({ module: 'examples/seed/global-list.mjs' }, { invocations: 100 });
 * run.findings.map((f) => f.kind); // ['heap-growth']
 * ```
 */
export async function runInvocations(handler: HandlerRef, options: RunOptions = {}): Promise<Run> {
  if (typeof handler === 'function') {
    const resolved = resolveOptions(options, handler.name || 'handler');
    if (resolved.freeze) throw new UsageError('freeze needs the handler as { module, export } so the child process can load it');
    return runSandbox(handler as Handler, '', resolved, 'in-process');
  }
  if (!handler || typeof handler.module !== 'string') throw new UsageError('handler must be a function or { module: string, export?: string }');
  const exportName = handler.export ?? 'handler';
  const resolved = resolveOptions(options, basename(handler.module, extname(handler.module)));
  if (resolved.freeze) return runFrozen(handler.module, exportName, resolved);
  const loaded = await loadHandler(handler.module, exportName, resolved.cwd);
  return runSandbox(loaded.handler, loaded.file, resolved, 'in-process');
}
