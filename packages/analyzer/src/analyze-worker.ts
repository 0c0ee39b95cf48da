// A worker of analyzeLogFiles, in one of three roles:
// - a shard (`--workers N`): reads every file, keeps the events of its share of the log streams,
//   judges those sandboxes and sends the sandbox pass back (plain data);
// - the reader of a pipelined analysis: reads and scans the files and posts the batches to the judge;
// - the judge of a pipelined analysis: takes the reader's batches, judges every sandbox, sends the pass.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WorkerAnswer, WorkerTask } from './analyze-files.js';
import { collectSandboxes, type EventSource } from './analyze-logs.js';
import type { LogEvent } from './log-event.js';
import { RING_SIZE, RingReader, RingWriter } from './pipeline-transport.js';
import { readFileScannedBatches, type ReadCounts, type ScannedBatch } from './read-events.js';

const task = workerData as WorkerTask;
const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
const shard = { index: task.index, of: task.of };
const progress = new Float64Array(task.progress);

async function* reported<T>(source: AsyncIterable<T>): AsyncGenerator<T> {
  for await (const item of source) {
    progress[0] = counts.bytes;
    yield item;
  }
}

/** The reader's side: every file read and scanned here, each item written to the ring (blocking while it is full). */
async function read(ring: SharedArrayBuffer, port: MessagePort): Promise<void> {
  const writer = new RingWriter(ring, RING_SIZE, port);
  for (const path of task.paths) {
    for await (const item of readFileScannedBatches(path, counts)) {
      progress[0] = counts.bytes;
      writer.write(item);
    }
  }
  writer.end();
  port.close();
}

/** The judge's side: the reader's items, each slot given back once collectSandboxes has taken its item. */
async function* posted(ring: SharedArrayBuffer, port: MessagePort): AsyncGenerator<readonly LogEvent[] | ScannedBatch> {
  const reader = new RingReader(ring, RING_SIZE, port);
  try {
    for (let item = reader.next(); item !== undefined; item = reader.next()) {
      yield item;
      reader.release();
    }
  } finally {
    port.close();
  }
}

async function main(): Promise<WorkerAnswer> {
  try {
    if (task.role === 'read') {
      await read(task.ring as SharedArrayBuffer, task.port as MessagePort);
      return { ok: true, pass: { findings: [], totals: [], events: 0, reports: 0, sandboxes: 0, unreadable: 0, unreadableAt: [] }, counts };
    }
    if (task.role === 'judge') {
      const source: EventSource = posted(task.ring as SharedArrayBuffer, task.port as MessagePort);
      return { ok: true, pass: await collectSandboxes([source], task.options), counts };
    }
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
