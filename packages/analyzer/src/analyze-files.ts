import { open } from 'node:fs/promises';
import { MessageChannel, Worker, type MessagePort, type Transferable } from 'node:worker_threads';
import { InputError } from '@leakwatch/core';
import type { LeakwatchErrorCode } from '@leakwatch/core';
import { collectSandboxes, finishAnalysis, type AnalyzeOptions, type LogAnalysis, type SandboxPass } from './analyze-logs.js';
import { allocateRing, RING_SIZE } from './pipeline-transport.js';
import { addUnreadableAt, readFileScannedBatches, type ReadCounts } from './read-events.js';

/** Options of {@link analyzeLogFiles}. */
export interface FileAnalysisOptions extends Omit<AnalyzeOptions, 'onSandbox'> {
  /**
   * Worker threads that read the files, each judging the sandboxes (log streams) that hash to it;
   * default 1: read on the calling thread. See benchmarks/RESULTS.md (Analyzer) before raising it.
   */
  workers?: number;
  /**
   * With one worker: analyze on worker threads instead of the calling thread. For plain JSON Lines
   * of flat CloudWatch events (see pipelineFits) two, a reader (read and scan the lines) and a judge
   * (update and judge the sandboxes), working at once on the two halves of the job; for other
   * inputs one. Their young generations are capped (8 MB), so the process's peak memory no
   * longer depends on when V8 collects the caller's heap (the calling thread only waits). On the
   * 1 GB fleet: ~30 % less time than one thread (benchmarks/RESULTS.md). The CLI does this for
   * large inputs.
   */
  isolated?: boolean;
}

/** What a worker is given (see analyze-worker.ts). */
export interface WorkerTask {
  paths: string[];
  /** a pipelined analysis's reader (reads and scans `paths`, posts to `port`) or judge (takes from `port`); else a shard */
  role?: 'read' | 'judge';
  port?: MessagePort;
  /** a pipelined analysis's ring of batches (see allocateRing), shared by its reader and judge */
  ring?: SharedArrayBuffer;
  index: number;
  of: number;
  options: Omit<AnalyzeOptions, 'onSandbox'>;
  /** worker 0 writes the bytes it has read here, for a progress bar */
  progress: SharedArrayBuffer;
}

/** What a worker answers. */
export type WorkerAnswer = { ok: true; pass: SandboxPass; counts: ReadCounts } | { ok: false; error: { message: string; code?: string; input?: string; line?: number } };

/**
 * Analyzes log files, on the calling thread or split over `workers` worker threads. Every worker
 * reads every file (from the page cache after the first) but keeps only the events of the log
 * streams that hash to it, skipping the others from their bytes; each judges its own
 * sandboxes, and the parts are added up on the calling thread. The findings are the ones
 * {@link analyzeLogs} gives for the same files (same order; sums of money may differ in the last
 * digits), as long as every worker holds the sandboxes alive at once (see `maxLiveSandboxes`, which
 * each worker applies to its own share). A worker skips another's events as soon as it has read
 * their stream name; so each worker still splits and scans every line up to that name, which
 * bounds the gain (about a quarter of the one-thread time per worker, on the generated fleet).
 * gzip files are read on one thread: every worker would inflate all of them.
 *
 * @example
 * ```ts
 * const counts = { lines: 0, bytes: 0, unreadable: 0 };
 * const { findings } = await analyzeLogFiles(['fleet.jsonl'], counts, { workers: 4 });
 * ```
 */
export async function analyzeLogFiles(paths: readonly string[], counts: ReadCounts, options: FileAnalysisOptions = {}): Promise<LogAnalysis> {
  const { workers: asked, isolated, ...rest } = options;
  const workers = asked !== undefined && asked > 1 && !(await anyGzip(paths)) ? Math.floor(asked) : 1;
  if (workers <= 1 && !isolated) return finishAnalysis([await collectSandboxes(paths.map((p) => readFileScannedBatches(p, counts)), rest)], counts, rest.prices);
  // LEAKWATCH_PIPELINE=off: one worker reads and judges (the analysis before the pipeline), to compare or to rule it out
  if (workers <= 1 && process.env['LEAKWATCH_PIPELINE'] !== 'off' && (await pipelineFits(paths))) return finishAnalysis([await pipelined(paths, counts, rest)], counts, rest.prices);
  const { progress, stop } = progressFromWorkers(counts);
  try {
    const started = Array.from({ length: workers }, (_, index) => runWorker({ paths: [...paths], index, of: workers, options: rest, progress }));
    let answers;
    try {
      answers = await Promise.all(started.map((w) => w.answer));
    } catch (error) {
      // one worker could not read an input: the others stop too, nothing half-read is reported
      await Promise.all(started.map((w) => w.worker.terminate()));
      throw error;
    }
    // every worker read every line: lines and bytes are worker 0's; each unreadable line was counted by one worker
    const first = answers[0] as { pass: SandboxPass; counts: ReadCounts };
    counts.lines += first.counts.lines;
    counts.bytes = first.counts.bytes;
    for (const a of answers) {
      counts.unreadable += a.counts.unreadable;
      addUnreadableAt(counts, a.counts.unreadableAt);
    }
    return finishAnalysis(answers.map((a) => a.pass), counts, rest.prices);
  } finally {
    stop();
  }
}

/**
 * One file analysis on two worker threads: a reader reads the files and scans their lines (the
 * WebAssembly scanner, the JavaScript path for the rest) and posts each batch to a judge, which
 * updates the sandboxes and judges them. Both cores work at once on different halves of the job,
 * where `workers: 2` makes each of two workers scan every byte. The reader runs at most 16
 * batches ahead, through a ring in shared memory (see allocateRing); both young generations are capped (the
 * calling thread only waits, so its heap stays small). Findings and counts are those of the
 * one-thread analysis.
 */
export async function pipelined(paths: readonly string[], counts: ReadCounts, options: Omit<AnalyzeOptions, 'onSandbox'>): Promise<SandboxPass> {
  const { progress, stop } = progressFromWorkers(counts);
  const { port1, port2 } = new MessageChannel();
  const ring = allocateRing(RING_SIZE);
  const reader = runWorker({ role: 'read', port: port1, ring, paths: [...paths], index: 0, of: 1, options, progress }, [port1]);
  const judge = runWorker({ role: 'judge', port: port2, ring, paths: [], index: 0, of: 1, options, progress }, [port2]);
  try {
    const [read, judged] = await Promise.all([reader.answer, judge.answer]);
    counts.lines += read.counts.lines;
    counts.bytes = read.counts.bytes;
    counts.unreadable += read.counts.unreadable;
    addUnreadableAt(counts, read.counts.unreadableAt);
    return judged.pass;
  } catch (error) {
    // the reader could not read an input (or a worker failed): both stop, nothing half-read is reported
    await Promise.all([reader.worker.terminate(), judge.worker.terminate()]);
    throw error;
  } finally {
    stop();
  }
}

/**
 * A worker's young generation, MB. V8's default lets each isolate grow it to tens of MB: 2 workers
 * on the 1 GB fleet peaked at 185–189 MB of RSS, and 146–162 MB with 8 MB, in the same time
 * (20–21 s, 2 vCPUs, Node 20; 4 and 6 MB saved nothing more).
 */
const YOUNG_GENERATION_MB = 8;

const WORKER_URL = new URL('../dist/analyze-worker.js', import.meta.url); // from src/ (tests) and dist/ alike

function runWorker(task: WorkerTask, transferList: Transferable[] = []): { worker: Worker; answer: Promise<{ pass: SandboxPass; counts: ReadCounts }> } {
  const worker = new Worker(WORKER_URL, { workerData: task, transferList, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
  const answer = new Promise<{ pass: SandboxPass; counts: ReadCounts }>((resolve, reject) => {
    let settled = false;
    worker.once('message', (a: WorkerAnswer) => {
      settled = true;
      if (a.ok) resolve({ pass: a.pass, counts: a.counts });
      else reject(workerError(a.error));
    });
    worker.once('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`log analysis worker ${task.index} stopped (exit code ${code}) before answering`));
    });
  });
  return { worker, answer };
}

function workerError(e: { message: string; code?: string; input?: string; line?: number }): Error {
  if (e.code?.startsWith('LW_')) return new InputError(e.code as LeakwatchErrorCode, e.message, { ...(e.input !== undefined ? { input: e.input } : {}), ...(e.line !== undefined ? { line: e.line } : {}) });
  return Object.assign(new Error(e.message), e.code !== undefined ? { code: e.code } : {});
}

/** Workers write the bytes read so far into a shared number; the calling thread copies it into `counts` for the progress bar. */
function progressFromWorkers(counts: ReadCounts): { progress: SharedArrayBuffer; stop: () => void } {
  const progress = new SharedArrayBuffer(8);
  const read = new Float64Array(progress);
  const tick = setInterval(() => {
    counts.bytes = read[0] as number;
  }, 100);
  tick.unref();
  return { progress, stop: () => clearInterval(tick) };
}

/**
 * The reader/judge pipeline pays for plain JSON Lines of flat CloudWatch events, the line scanner's
 * input: the reader's share (read, scan) is then about the judge's. For other inputs the reader
 * posts event objects, which are cloned between the threads: on a 137 MB Lambda text log the
 * pipeline took 5.5–6.2 s and 184 MB against one worker's 4.3–4.8 s and 105 MB, and on a 27 MB gzip
 * of JSON Lines 4.1–4.4 s against 2.9–3.7 s. So every file must be plain (not gzip) and start with a
 * line that is a JSON object with a string `message` and `logStreamName` (empty files pass).
 *
 * @example
 * ```ts
 * await pipelineFits(['fleet.jsonl']); // true
 * await pipelineFits(['app.log']); // false
 * ```
 */
export async function pipelineFits(paths: readonly string[]): Promise<boolean> {
  const head = Buffer.alloc(64 * 1024);
  for (const p of paths) {
    const h = await open(p, 'r');
    try {
      const { bytesRead } = await h.read(head, 0, head.length, 0);
      if (bytesRead >= 2 && head[0] === 0x1f && head[1] === 0x8b) return false;
      const text = head.toString('utf8', 0, bytesRead);
      const nl = text.indexOf('\n');
      const first = text.split('\n').find((l, i, all) => l.trim() !== '' && (i < all.length - 1 || nl < 0));
      if (first === undefined) {
        if (bytesRead === head.length) return false; // one line longer than the head: not the scanner's
        continue;
      }
      let v: unknown;
      try {
        v = JSON.parse(first);
      } catch {
        return false;
      }
      const o = v as { message?: unknown; logStreamName?: unknown } | null;
      if (o === null || typeof o !== 'object' || Array.isArray(o) || typeof o.message !== 'string' || typeof o.logStreamName !== 'string') return false;
    } finally {
      await h.close();
    }
  }
  return true;
}

async function anyGzip(paths: readonly string[]): Promise<boolean> {
  const magic = Buffer.alloc(2);
  for (const p of paths) {
    const h = await open(p, 'r');
    try {
      const { bytesRead } = await h.read(magic, 0, 2, 0);
      if (bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b) return true;
    } finally {
      await h.close();
    }
  }
  return false;
}
