import { createReadStream, readSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, relative } from 'node:path';
import { isMainThread } from 'node:worker_threads';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { splitCsv } from './csv-row.js';
import { decodeSubscription, eventsOfJson, type LogEvent } from './log-event.js';
import { FallbackField, Field, LineScanner, Scanned } from './line-scanner.js';
import { NameCache, scanFlatEvent } from './scan-flat-event.js';
import { ownerOf, type Shard } from './shard.js';

/**
 * Lines the WebAssembly scanner read (see LineScanner), for collectSandboxes: one record per line
 * that carries something, in line order; a FALLBACK record stands for the events the JavaScript
 * path made of its line. Valid until the reader is asked for its next item (the records and the
 * bytes are the scanner's, and reused).
 */
export interface ScannedBatch {
  readonly scanned: true;
  /** `count` records of `stride` numbers (see Field) */
  readonly records: Float64Array;
  readonly count: number;
  readonly stride: number;
  /** stream and group names by id, every id the records name */
  readonly names: readonly string[];
  /** the events of the fallback lines */
  readonly fallback: readonly LogEvent[];
  /** the bytes the records' offsets point into */
  readonly input: Buffer;
}

/** Counters a reader fills while it streams. */
export interface ReadCounts {
  lines: number;
  bytes: number;
  unreadable: number;
  /** where the first unreadable lines are (`file:line`, at most {@link UNREADABLE_SHOWN}); filled when present */
  unreadableAt?: string[];
}

/** How many unreadable lines are named by position; the rest are only counted. */
export const UNREADABLE_SHOWN = 10;

/**
 * Counts one line that looks like a record but cannot be read, and keeps its position while
 * fewer than {@link UNREADABLE_SHOWN} are kept (`where` is called only then: working a position
 * out can mean counting the lines of a chunk).
 *
 * @example
 * ```ts
 * noteUnreadable(counts, () => 'app.log:17');
 * ```
 */
export function noteUnreadable(counts: ReadCounts, where: () => string): void {
  counts.unreadable++;
  const at = (counts.unreadableAt ??= []);
  if (at.length < UNREADABLE_SHOWN) at.push(where());
}

/** Adds the positions another reader kept (a worker's) to `counts`, up to {@link UNREADABLE_SHOWN}. */
export function addUnreadableAt(counts: ReadCounts, more: readonly string[] | undefined): void {
  if (!more?.length) return;
  const at = (counts.unreadableAt ??= []);
  for (const w of more) if (at.length < UNREADABLE_SHOWN) at.push(w);
}

const TIME_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?)\s+/;

/**
 * Streams the log events of one input (plain or gzip, detected by its magic bytes): JSON Lines,
 * one JSON document (exports), or text lines (optionally timestamp-prefixed, as in S3 exports).
 * Text and JSON Lines use constant memory; a single JSON document is parsed whole. Events come in
 * batches, one per chunk read, so the consumer pays one asynchronous step per chunk, not per line.
 * With a `shard`, only the events of the log streams that shard owns are kept (see analyzeLogFiles).
 *
 * Lines are split on bytes (`\n`, `\r\n`). A flat CloudWatch event line is read from its bytes
 * ({@link scanFlatEvent}); every other line is decoded as UTF-8 (invalid bytes become U+FFFD) and
 * parsed in full.
 *
 * @example
 * ```ts
 * for await (const batch of readEventBatches(createReadStream('app.log'), 'app.log', counts)) for (const e of batch) console.log(e.message);
 * ```
 */
export async function* readEventBatches(input: Readable, name: string, counts: ReadCounts, shard?: Shard): AsyncGenerator<LogEvent[]> {
  yield* batchesOf((await decompressed(input, counts)) as AsyncIterable<Buffer | string>, name, counts, shard, false, name) as AsyncGenerator<LogEvent[]>;
}

/**
 * readEventBatches for collectSandboxes (and analyzeLogs): JSON Lines of flat CloudWatch events are
 * read by the WebAssembly scanner, whose records come as {@link ScannedBatch}es; everything else as
 * events. The same findings either way, faster.
 *
 * @example
 * ```ts
 * await analyzeLogs([readScannedBatches(process.stdin, 'stdin', counts)], counts);
 * ```
 */
export async function* readScannedBatches(input: Readable, name: string, counts: ReadCounts, shard?: Shard): AsyncGenerator<LogEvent[] | ScannedBatch> {
  yield* batchesOf((await decompressed(input, counts)) as AsyncIterable<Buffer | string>, name, counts, shard, true, name);
}

/**
 * Lines to events, chunk by chunk. A chunk may be reused by its source once the next is asked
 * for: nothing kept refers to it (a line's unfinished tail is copied). `label` names the input in
 * the positions of unreadable lines (`label:line`).
 */
async function* batchesOf(chunks: AsyncIterable<Buffer | string>, name: string, counts: ReadCounts, shard: Shard | undefined, scanned: boolean, label: string): AsyncGenerator<LogEvent[] | ScannedBatch> {
  let mode: 'unknown' | 'text' | 'jsonl' | 'doc' | 'csv' = 'unknown';
  let header: string[] = [];
  let pending = '';
  const doc: string[] = [];
  const names = new NameCache(shard);
  // with a shard, only the events of this worker's log streams (the fast path checks the name's bytes)
  const owned = new Map<string | undefined, boolean>();
  const mineStream = (stream: string | undefined): boolean => {
    if (!shard) return true;
    let yes = owned.get(stream);
    if (yes === undefined) {
      yes = ownerOf(stream, shard.of) === shard.index;
      if (owned.size >= 65_536) owned.clear();
      owned.set(stream, yes);
    }
    return yes;
  };
  const mine = (e: LogEvent): boolean => mineStream(e.stream);
  let scanner: LineScanner | undefined | null = scanned ? undefined : null; // made once the input shows JSON Lines
  const ownsTextLines = !shard || ownerOf(name, shard.of) === shard.index;
  // the events of a line this shard claimed (see NameCache.claimed) are all its own
  let claimed = false;
  const push = (out: LogEvent[], events: Iterable<LogEvent>): void => {
    for (const e of events) if (claimed || mine(e)) out.push(e);
  };
  // Lines of this input read so far (the position of an unreadable line). A line the scanner hands
  // back to JavaScript (a fallback record) is counted when JavaScript reads it, after the scanner
  // counted the rest of its chunk: its number is worked out from its offset in the chunk.
  let inputLines = 0;
  let chunkLines = 0; // lines before the chunk the scanner reads now
  let scanning: Buffer | undefined; // that chunk, while JavaScript reads one of its lines
  let fallbackAt = 0; // and that line's offset in it
  const lineNow = (): number => {
    if (!scanning) return inputLines;
    let n = chunkLines + 1;
    for (let i = scanning.indexOf(10); i >= 0 && i < fallbackAt; i = scanning.indexOf(10, i + 1)) n++;
    return n;
  };
  // With shards, every worker reads every line: a line that cannot be read is counted once, by the
  // shard that claimed it, else by shard 0 (the caller adds up the shards' counts).
  const unreadable = (where?: string): void => {
    if (!shard || claimed || names.ownsUnnamed) noteUnreadable(counts, () => where ?? `${label}:${lineNow()}`);
  };
  function onLine(line: string, out: LogEvent[]): void {
    if (mode === 'unknown') {
      const t = line.trim();
      if (t === '') return;
      if (t.startsWith('{') || t.startsWith('[')) mode = tryJson(t) !== undefined && t.startsWith('{') ? 'jsonl' : 'doc';
      else if (isCsvHeader(t)) {
        // a Logs Insights or Application Insights CSV export: the header names the fields
        mode = 'csv';
        header = (splitCsv(t) ?? []).map((h) => h.replace(/ \[(?:UTC|Local Time)\]$/, ''));
        return;
      } else mode = 'text';
    }
    if (mode === 'jsonl') {
      if (!mayMatter(line) || line.trim() === '') return;
      const v = tryJson(line);
      if (v === undefined) unreadable();
      else push(out, inputNamed(eventsOfJson(v), name));
    } else if (mode === 'text') {
      if (line.startsWith('H4sI')) {
        const v = decodeSubscription(line);
        if (v === undefined) unreadable();
        else push(out, eventsOfJson(v));
        return;
      }
      if (!ownsTextLines) return; // a text file is one sandbox: one worker reads it
      const m = line.charCodeAt(0) === 50 /* '2' */ ? TIME_PREFIX.exec(line) : null;
      const time = m?.[1] ? Date.parse(m[1]) : NaN;
      out.push(Number.isNaN(time) ? { message: line, stream: name } : { message: line, stream: name, time });
    } else if (mode === 'doc') doc.push(line);
    else {
      pending = pending ? `${pending}\n${line}` : line;
      const cells = splitCsv(pending);
      if (!cells) return;
      pending = '';
      if (cells.length === 1 && cells[0] === '') return;
      if (cells.length !== header.length) unreadable();
      else push(out, eventsOfJson(Object.fromEntries(header.map((h, i) => [h, cells[i]]))));
    }
  }
  function onBytes(b: Buffer, start: number, end: number, out: LogEvent[]): void {
    counts.lines++;
    inputLines++;
    if (end > start && b[end - 1] === 13) end--;
    claimed = false;
    if (mode === 'jsonl') {
      const e = scanFlatEvent(b, start, end, names);
      if (e === null) return; // a START line, or another shard's: nothing to count
      if (e !== undefined) {
        out.push(e);
        return;
      }
      claimed = names.claimed;
    }
    onLine(b.toString('utf8', start, end), out);
  }
  let rest: Buffer[] = []; // a line longer than a chunk, in pieces (copies): joined once, when it ends
  for await (const data of chunks) {
    const chunk = typeof data === 'string' ? Buffer.from(data) : data;
    let at = chunk.indexOf(10);
    if (at < 0) {
      rest.push(Buffer.from(chunk));
      continue;
    }
    let out: LogEvent[] = [];
    // Once the scanner reads this input, the line the last chunk left unfinished is finished in its
    // memory and read there with the chunk's lines; before (or without room), by JavaScript. On the
    // 1 GB fleet that line was one JavaScript event per chunk, posted apart from the chunk's batch.
    let lead = 0;
    if (scanner && (mode as string) === 'jsonl') for (const piece of rest) lead += piece.length;
    const last = chunk.lastIndexOf(10);
    let from = 0;
    if (!scanner || (mode as string) !== 'jsonl' || lead + last + 1 > scanner.input.length - 64) {
      if (rest.length > 0) {
        rest.push(chunk.subarray(0, at));
        const line = Buffer.concat(rest);
        rest = [];
        onBytes(line, 0, line.length, out);
      } else onBytes(chunk, 0, at, out);
      from = at + 1;
      lead = 0;
    }
    if ((mode as string) === 'jsonl' && scanner !== null) {
      scanner ??= LineScanner.create() ?? null;
      // the chunk's whole lines (after the unfinished one, if any), copied into the scanner's memory and read there
      const sc = scanner;
      if (sc && last >= from && lead + last + 1 - from <= sc.input.length - 64) {
        if (out.length > 0) {
          yield out;
          out = [];
        }
        // the first line in the scanner's memory is the one after the lines counted so far (the unfinished one, if any)
        chunkLines = inputLines;
        let n = 0;
        for (const piece of rest) n += piece.copy(sc.input, n);
        rest = [];
        n += chunk.copy(sc.input, n, from, last + 1);
        for (let p = 0; p < n; ) {
          let scan;
          try {
            scan = sc.scan(p, n);
          } catch {
            // the scanner failed (it should not): JavaScript reads the rest of this input
            scanner = null;
            for (let nl = sc.input.indexOf(10, p); nl >= 0 && nl < n; nl = sc.input.indexOf(10, p)) {
              onBytes(sc.input, p, nl, out);
              p = nl + 1;
            }
            break;
          }
          const { stop, count, lines } = scan;
          counts.lines += lines;
          inputLines += lines;
          const r = sc.records;
          const fallback: LogEvent[] = [];
          for (let k = 0, o = 0; k < count; k++, o += sc.stride) {
            if (r[o] === Scanned.Fallback) {
              const first = fallback.length;
              scanning = sc.input;
              fallbackAt = r[o + Field.LineStart] as number;
              onBytes(sc.input, fallbackAt, r[o + Field.LineEnd] as number, fallback);
              scanning = undefined;
              r[o + FallbackField.From] = first;
              r[o + FallbackField.To] = fallback.length;
            } else {
              const stream = sc.name(r[o + Field.Stream] as number);
              sc.name(r[o + Field.Group] as number);
              if (shard && !mineStream(stream)) r[o] = Scanned.Skipped;
            }
          }
          yield { scanned: true, records: r, count, stride: sc.stride, names: sc.names, fallback, input: sc.input };
          p = stop;
        }
        from = last + 1;
      }
    }
    while ((at = chunk.indexOf(10, from)) >= 0) {
      onBytes(chunk, from, at, out);
      from = at + 1;
    }
    if (from < chunk.length) rest.push(Buffer.from(chunk.subarray(from)));
    if (out.length > 0) yield out;
  }
  const out: LogEvent[] = [];
  if (rest.length > 0) {
    const line = Buffer.concat(rest);
    if (line.length > 0) onBytes(line, 0, line.length, out);
  }
  claimed = false;
  if (pending) unreadable();
  if ((mode as string) === 'doc') {
    const v = tryJson(doc.join('\n'));
    if (v === undefined) unreadable(`${label} (one JSON document, lines 1–${inputLines})`);
    else push(out, inputNamed(eventsOfJson(v), name));
  }
  if (out.length > 0) yield out;
}

/**
 * The events of one input one by one (see {@link readEventBatches}, which is faster to consume).
 *
 * @example
 * ```ts
 * for await (const e of readEvents(createReadStream('app.log'), 'app.log', counts)) console.log(e.message);
 * ```
 */
export function readEvents(input: Readable, name: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  return flatten(readEventBatches(input, name, counts));
}

async function* flatten(batches: AsyncIterable<LogEvent[]>): AsyncGenerator<LogEvent> {
  for await (const batch of batches) yield* batch;
}

/** Bytes read from a file at a time (a larger buffer made peak memory less steady, not the run faster). */
const CHUNK = 1 << 18;

/**
 * Opens a file as batches of events named by its base name. A plain file is read into one reused
 * buffer (no allocation per chunk: the process's memory stays flat on a 1 GB input); a gzip file
 * (by its magic bytes) is streamed through gunzip.
 *
 * @example
 * ```ts
 * readFileEventBatches('logs/report.log.gz', counts);
 * ```
 */
export function readFileEventBatches(path: string, counts: ReadCounts, shard?: Shard): AsyncGenerator<LogEvent[]> {
  return fileBatches(path, counts, shard, false) as AsyncGenerator<LogEvent[]>;
}

/**
 * readFileEventBatches for collectSandboxes: JSON Lines of flat CloudWatch events come as
 * {@link ScannedBatch}es (see readScannedBatches).
 *
 * @example
 * ```ts
 * await analyzeLogs([readFileScannedBatches('fleet.jsonl', counts)], counts);
 * ```
 */
export function readFileScannedBatches(path: string, counts: ReadCounts, shard?: Shard): AsyncGenerator<LogEvent[] | ScannedBatch> {
  return fileBatches(path, counts, shard, true);
}

/**
 * Events of a JSON line or document that name neither their log stream nor their group (a Lambda
 * JSON-format line copied as it is, a get-log-events export): the input is their sandbox and names
 * their function, as for text lines.
 */
function* inputNamed(events: Iterable<LogEvent>, name: string): Generator<LogEvent> {
  for (const e of events) yield e.stream === undefined && e.group === undefined ? { ...e, stream: name } : e;
}

/** A file's path as positions show it: relative to the working directory when inside it. */
function shown(path: string): string {
  const r = relative(process.cwd(), path);
  return r !== '' && !r.startsWith('..') ? r : path;
}

async function* fileBatches(path: string, counts: ReadCounts, shard: Shard | undefined, scanned: boolean): AsyncGenerator<LogEvent[] | ScannedBatch> {
  const name = basename(path).replace(/\.gz$/, '');
  const handle = await open(path, 'r');
  let streamed = false;
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const first = (await handle.read(buffer, 0, CHUNK, null)).bytesRead;
    if (first >= 2 && buffer[0] === 0x1f && buffer[1] === 0x8b) streamed = true;
    else yield* batchesOf(fileChunks(handle, buffer, first, counts), name, counts, shard, scanned, shown(path));
  } finally {
    await handle.close();
  }
  if (streamed) yield* batchesOf((await decompressed(createReadStream(path, { highWaterMark: CHUNK }), counts)) as AsyncIterable<Buffer | string>, name, counts, shard, scanned, shown(path));
}

/**
 * Off the main thread (the CLI reads a large file on a worker of its own; `--workers`) a chunk is
 * read synchronously: nothing else runs on that thread, and an asynchronous read is a round trip
 * through libuv's thread pool for each 256 KB chunk, ~4,000 per GB. On a 1 GB fleet log the run
 * took 0.77 s (8 %) less (median of 5 alternating pairs, 2 vCPUs, Node 20; benchmarks/RESULTS.md). On the
 * main thread reads stay asynchronous, so timers (the progress bar) and other work still run.
 */
const SYNC_READS = !isMainThread;

/** The chunks of an open file, read into the same buffer each time (the first already read). */
async function* fileChunks(handle: FileHandle, buffer: Buffer, first: number, counts: ReadCounts): AsyncGenerator<Buffer> {
  let n = first;
  while (n > 0) {
    counts.bytes += n;
    yield n === buffer.length ? buffer : buffer.subarray(0, n);
    n = SYNC_READS ? readSync(handle.fd, buffer, 0, buffer.length, null) : (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
  }
}

/**
 * Opens a file as a stream of events named by its base name.
 *
 * @example
 * ```ts
 * readFileEvents('logs/report.log.gz', counts);
 * ```
 */
export function readFileEvents(path: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  return flatten(readFileEventBatches(path, counts));
}

/** `@timestamp,@message,…` (Logs Insights) or `timestamp [UTC],id,name,…,duration,…` (Application Insights). */
function isCsvHeader(line: string): boolean {
  if (!line.includes(',')) return false;
  if (line.startsWith('@')) return true;
  return /^"?(?:timestamp|TimeGenerated)\b/.test(line) && /(?:^|,)"?(?:duration|DurationMs)"?(?:,|$)/.test(line);
}

/**
 * A JSON Lines event that cannot hold a record the detectors use is skipped before it is parsed:
 * `START` and `INIT_START` platform lines (a third of a Lambda log) carry nothing we count.
 */
function mayMatter(line: string): boolean {
  if (line.length > 600 || (!line.includes('START RequestId:') && !line.includes('INIT_START'))) return true;
  // one short event holding a START: skipped unless something else shares the line
  return line.includes('REPORT') || line.includes('END RequestId') || line.includes('Leakwatch') || line.includes('platform.');
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

async function decompressed(input: Readable, counts: ReadCounts): Promise<Readable> {
  const out = new PassThrough();
  let first = true;
  let target: NodeJS.WritableStream = out;
  input.on('error', (e) => out.destroy(e));
  input.on('data', (chunk: Buffer) => {
    counts.bytes += chunk.length;
    if (first) {
      first = false;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        const gunzip = createGunzip();
        gunzip.on('error', (e) => out.destroy(e));
        gunzip.pipe(out);
        target = gunzip;
      }
    }
    if (!target.write(chunk)) {
      input.pause();
      target.once('drain', () => input.resume());
    }
  });
  input.on('end', () => target.end());
  return out;
}
