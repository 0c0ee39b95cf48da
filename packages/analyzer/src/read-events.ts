import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { PassThrough, type Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { splitCsv } from './csv-row.js';
import { decodeSubscription, eventsOfJson, type LogEvent } from './log-event.js';

/** Counters a reader fills while it streams. */
export interface ReadCounts {
  lines: number;
  bytes: number;
  unreadable: number;
}

const TIME_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?)\s+/;

/**
 * Streams the log events of one input (plain or gzip, detected by its magic bytes): JSON Lines,
 * one JSON document (exports), or text lines (optionally timestamp-prefixed, as in S3 exports).
 * Text and JSON Lines use constant memory; a single JSON document is parsed whole.
 *
 * @example
 * ```ts
 * for await (const e of readEvents(createReadStream('app.log'), 'app.log', counts)) console.log(e.message);
 * ```
 */
export async function* readEvents(input: Readable, name: string, counts: ReadCounts): AsyncGenerator<LogEvent> {
  const lines = createInterface({ input: await decompressed(input, counts), crlfDelay: Infinity });
  let mode: 'unknown' | 'text' | 'jsonl' | 'doc' | 'csv' = 'unknown';
  let header: string[] = [];
  let pending = '';
  const doc: string[] = [];
  for await (const line of lines) {
    counts.lines++;
    if (mode === 'unknown') {
      const t = line.trim();
      if (t === '') continue;
      if (t.startsWith('{') || t.startsWith('[')) mode = tryJson(t) !== undefined && t.startsWith('{') ? 'jsonl' : 'doc';
      else if (t.startsWith('@') && t.includes(',')) {
        // a Logs Insights CSV export: the header names the fields
        mode = 'csv';
        header = splitCsv(t) ?? [];
        continue;
      } else mode = 'text';
    }
    if (mode === 'doc') doc.push(line);
    else if (mode === 'csv') {
      pending = pending ? `${pending}\n${line}` : line;
      const cells = splitCsv(pending);
      if (!cells) continue;
      pending = '';
      if (cells.length === 1 && cells[0] === '') continue;
      if (cells.length !== header.length) counts.unreadable++;
      else yield* eventsOfJson(Object.fromEntries(header.map((h, i) => [h, cells[i]])));
    }
    else if (mode === 'jsonl') {
      if (line.trim() === '') continue;
      const v = tryJson(line);
      if (v === undefined) counts.unreadable++;
      else yield* eventsOfJson(v);
    } else if (line.startsWith('H4sI')) {
      const v = decodeSubscription(line);
      if (v === undefined) counts.unreadable++;
      else yield* eventsOfJson(v);
    } else {
      const m = TIME_PREFIX.exec(line);
      const time = m?.[1] ? Date.parse(m[1]) : NaN;
      yield Number.isNaN(time) ? { message: line, stream: name } : { message: line, stream: name, time };
    }
  }
  if (pending) counts.unreadable++;
  if (mode === 'doc') {
    const v = tryJson(doc.join('\n'));
    if (v === undefined) counts.unreadable++;
    else yield* eventsOfJson(v);
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
  return readEvents(createReadStream(path), basename(path).replace(/\.gz$/, ''), counts);
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
