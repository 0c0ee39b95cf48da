// The frozen sandbox: hosts the same runner as in-process mode and relays over IPC. Started by
// run-frozen.ts with --expose-gc and --max-old-space-size; stopped with SIGSTOP between invocations.
import { isLeakwatchError } from '@leakwatch/core';
import { loadHandler } from '../load-handler.js';
import { runSandbox } from '../sandbox-runner.js';
import type { FromChild, ToChild } from './protocol.js';

const send = (message: FromChild): Promise<void> =>
  new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, undefined, () => resolve());
  });

let resume: (() => void) | undefined;

process.on('message', (message: ToChild) => {
  if (message.type === 'resume') {
    resume?.();
    return;
  }
  void start(message);
});

async function start(message: Extract<ToChild, { type: 'start' }>): Promise<void> {
  try {
    const { handler, file } = await loadHandler(message.module, message.exportName, message.options.cwd);
    const run = await runSandbox(handler, file, message.options, 'freeze', {
      onSample: (sample) => void send({ type: 'sample', sample }),
      between: (index) =>
        new Promise<void>((resolve) => {
          resume = resolve;
          void send({ type: 'paused', index });
        }),
    });
    await send({ type: 'run', run });
  } catch (error) {
    const e = error as Error & { code?: string; input?: string; line?: number; column?: number };
    await send({
      type: 'error',
      error: {
        code: isLeakwatchError(e) ? e.code : 'LW_CHILD_FAILED',
        message: e?.message ?? String(error),
        ...(e?.input ? { input: e.input } : {}),
        ...(e?.line ? { line: e.line } : {}),
        ...(e?.column ? { column: e.column } : {}),
      },
    });
  }
  process.disconnect?.();
  // Leaked handles would keep the sandbox alive; the parent kills it, this is the fallback.
  setTimeout(() => process.exit(0), 1000).unref();
}
