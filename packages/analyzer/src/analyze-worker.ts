// One worker of analyzeLogFiles: reads every file, keeps the events of its share of the log
// streams, judges those sandboxes and sends the sandbox pass back (plain data).
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerAnswer, WorkerTask } from './analyze-files.js';
import { collectSandboxes } from './analyze-logs.js';
import { readFileScannedBatches, type ReadCounts } from './read-events.js';

const task = workerData as WorkerTask;
const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
const shard = { index: task.index, of: task.of };

async function* reported<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  const read = new Float64Array(task.progress);
  for await (const item of source) {
    read[0] = counts.bytes;
    yield item;
  }
}

async function main(): Promise<WorkerAnswer> {
  try {
    const sources = task.paths.map((p) => (task.index === 0 ? reported(readFileScannedBatches(p, counts, shard)) : readFileScannedBatches(p, counts, shard)));
    const pass = await collectSandboxes(sources, task.options);
    return { ok: true, pass, counts };
  } catch (error) {
    const e = error as { message?: unknown; code?: unknown; input?: unknown; line?: unknown };
    return {
      ok: false,
      error: {
        message: typeof e?.message === 'string' ? e.message : String(error),
        ...(typeof e?.code === 'string' ? { code: e.code } : {}),
        ...(typeof e?.input === 'string' ? { input: e.input } : {}),
        ...(typeof e?.line === 'number' ? { line: e.line } : {}),
      },
    };
  }
}

parentPort?.postMessage(await main());
