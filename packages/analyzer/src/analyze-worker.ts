// A worker of analyzeLogFiles, in one of three roles:
// - a shard (`--workers N`): reads every file, keeps the events of its share of the log streams,
//   judges those sandboxes and sends the sandbox pass back (plain data);
// - the reader of a pipelined analysis: reads and scans the files and posts the batches to the judge;
// - the judge of a pipelined analysis: takes the reader's batches, judges every sandbox, sends the pass.
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import type { WorkerAnswer, WorkerTask } from './analyze-files.js';
import { collectSandboxes, type EventSource } from './analyze-logs.js';
import type { LogEvent } from './log-event.js';
import { BatchReceiver, BatchSender, type PostedItem, type TakenItem } from './pipeline-transport.js';
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

/**
 * Batches (one per chunk read, ~256 KB of lines) posted together. Each post wakes the other
 * thread, and on this VM a wake costs about as much as judging a small batch: posted one by one,
 * reader and judge each waited 1.7–2.5 s of a 6 s run on the 1 GB fleet; in groups of 8, ~0.3 s.
 */
const GROUP = 8;
/** Groups posted and not yet taken: how far the reader may run ahead (~4 MB a group, the buffers reused). */
const IN_FLIGHT = 3;

/** The reader's side: every file read and scanned here, the batches posted to the judge in groups, at most IN_FLIGHT groups ahead. */
async function read(port: MessagePort): Promise<void> {
  const sender = new BatchSender();
  let inFlight = 0;
  let wake: (() => void) | undefined;
  port.on('message', (taken: TakenItem[]) => {
    for (const t of taken) sender.recycle(t);
    inFlight--;
    wake?.();
    wake = undefined;
  });
  let parts: PostedItem[] = [];
  let transfer: ArrayBuffer[] = [];
  const flush = async (): Promise<void> => {
    port.postMessage({ parts }, transfer);
    parts = [];
    transfer = [];
    inFlight++;
    while (inFlight >= IN_FLIGHT) await new Promise<void>((resolve) => (wake = resolve));
  };
  for (const path of task.paths) {
    for await (const item of readFileScannedBatches(path, counts)) {
      progress[0] = counts.bytes;
      const packed = sender.pack(item);
      parts.push(packed.post);
      transfer.push(...packed.transfer);
      if (parts.length >= GROUP) await flush();
    }
  }
  if (parts.length > 0) await flush();
  port.postMessage({ done: true });
  port.close();
}

/** The judge's side: the reader's batches, each group acknowledged (its buffers sent back) once collectSandboxes has taken it. */
async function* posted(port: MessagePort): AsyncGenerator<readonly LogEvent[] | ScannedBatch> {
  const queue: Array<{ parts: PostedItem[] } | { done: true }> = [];
  let wake: (() => void) | undefined;
  port.on('message', (m: { parts: PostedItem[] } | { done: true }) => {
    queue.push(m);
    wake?.();
    wake = undefined;
  });
  const receiver = new BatchReceiver();
  try {
    while (true) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const m = queue.shift() as { parts: PostedItem[] } | { done: true };
      if ('done' in m) return;
      const taken: TakenItem[] = [];
      const transfer: ArrayBuffer[] = [];
      for (const part of m.parts) {
        yield receiver.unpack(part);
        const back = receiver.taken(part);
        taken.push(back.taken);
        transfer.push(...back.transfer);
      }
      port.postMessage(taken, transfer);
    }
  } finally {
    port.close();
  }
}

async function main(): Promise<WorkerAnswer> {
  try {
    if (task.role === 'read') {
      await read(task.port as MessagePort);
      return { ok: true, pass: { findings: [], totals: [], events: 0, reports: 0, sandboxes: 0, unreadable: 0, unreadableAt: [] }, counts };
    }
    if (task.role === 'judge') {
      const source: EventSource = posted(task.port as MessagePort);
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
