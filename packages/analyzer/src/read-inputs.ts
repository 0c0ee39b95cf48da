import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import { InputError } from '@leakwatch/core';
import type { LogRecord, MessageContext } from './record.js';
import { parseObject } from './parse-object.js';
import { parseText } from './parse-text.js';
import { parseCsvRecords } from './csv.js';

/** Counts of what was read, for the summary ("count what could not be read"). */
export interface ReadStats {
  files: number;
  lines: number;
  records: number;
  unreadable: number;
  /** up to 5 unreadable lines as `file:line` */
  unreadableSamples: string[];
}

export function emptyStats(): ReadStats {
  return { files: 0, lines: 0, records: 0, unreadable: 0, unreadableSamples: [] };
}

/** One input: a path (file or folder) or a stream (standard input). */
export type LogInput = { path: string } | { name: string; stream: Readable };

/**
 * Expands folders (sorted, recursively) into files. A missing path is an InputError naming it.
 */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let s;
    try {
      s = await stat(p);
    } catch {
      throw new InputError('LW_INPUT', 'no such file or folder', { input: p });
    }
    if (s.isDirectory()) {
      const entries = (await readdir(p)).sort();
      out.push(...(await expandPaths(entries.filter((e) => !e.startsWith('.')).map((e) => join(p, e)))));
    } else out.push(p);
  }
  return out;
}

function openText(input: LogInput): { name: string; stream: Readable } {
  if ('stream' in input) return { name: input.name, stream: decoded(input.stream) };
  return { name: input.path, stream: decoded(createReadStream(input.path)) };
}

/** Transparently gunzips a stream that starts with the gzip magic bytes (S3 exports, `.gz`). */
function decoded(src: Readable): Readable {
  const toBuf = (v: unknown): Buffer => (Buffer.isBuffer(v) ? v : Buffer.from(String(v)));
  return Readable.from(
    (async function* () {
      const it = src[Symbol.asyncIterator]();
      const first = await it.next();
      if (first.done) return;
      const head = toBuf(first.value);
      async function* all(): AsyncGenerator<Buffer> {
        yield head;
        for (;;) {
          const next = await it.next();
          if (next.done) return;
          yield toBuf(next.value);
        }
      }
      if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(all()).pipe(createGunzip());
      else yield* all();
    })(),
    { objectMode: false },
  );
}

/**
 * Reads log inputs of any supported shape and yields records, streaming line by line (a whole
 * JSON document is parsed at once only when the file is one pretty-printed document, as
 * `aws logs get-log-events` writes). Nothing is held beyond the current line.
 *
 * @example
 * ```ts
 * for await (const rec of readRecords([{ path: 'logs/' }], stats, { fn: 'orders' })) aggregate.add(rec);
 * ```
 */
export async function* readRecords(inputs: readonly LogInput[], stats: ReadStats, defaults: { fn?: string } = {}): AsyncGenerator<LogRecord> {
  for (const input of inputs) {
    const { name, stream } = openText(input);
    stats.files++;
    const rl = createInterface({ input: stream, crlfDelay: Infinity });
    let mode: 'unknown' | 'jsonl' | 'document' | 'text' | 'csv' = 'unknown';
    let doc: string[] = [];
    let csvLines: string[] = [];
    let lineNo = 0;
    const fn = defaults.fn ?? fileFunction(name);
    const ctx = (line: number): MessageContext => ({ origin: { file: name, line }, fn, sandbox: name });
    try {
      for await (const line of rl) {
        lineNo++;
        stats.lines++;
        if (mode === 'unknown') {
          const t = line.trim();
          if (t === '') continue;
          if (t.startsWith('{') || t.startsWith('[')) {
            try {
              JSON.parse(t);
              mode = 'jsonl';
            } catch {
              mode = 'document';
            }
          } else if (/^"?@?(timestamp|message|@message|@timestamp)"?\s*,/.test(t) || /(^|,)"?@message"?(,|$)/.test(t)) mode = 'csv';
          else mode = 'text';
        }
        if (mode === 'document') {
          doc.push(line);
          continue;
        }
        if (mode === 'csv') {
          csvLines.push(line);
          continue;
        }
        const recs = parseLine(line, ctx(lineNo));
        if (recs === undefined) countUnreadable(stats, name, lineNo);
        else for (const r of recs) {
          stats.records++;
          yield r;
        }
      }
    } catch (error) {
      if (error instanceof InputError) throw error;
      throw new InputError('LW_INPUT', `cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (is it a log file?)`, { input: name, line: lineNo, cause: error });
    }
    if (mode === 'document') {
      const text = doc.join('\n');
      doc = [];
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        const pos = /position (\d+)/.exec((error as Error).message);
        const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : undefined;
        throw new InputError('LW_INVALID_JSON', `not valid JSON (cut short?): ${(error as Error).message.split('\n')[0]}`, { input: name, ...(line ? { line } : {}) });
      }
      const recs = parseObject(value, ctx(1));
      if (recs === undefined) countUnreadable(stats, name, 1);
      else for (const r of recs) {
        stats.records++;
        yield r;
      }
    }
    if (mode === 'csv') {
      const recs = parseCsvRecords(csvLines.join('\n'), ctx(1));
      csvLines = [];
      for (const r of recs) {
        stats.records++;
        yield r;
      }
    }
  }
}

function countUnreadable(stats: ReadStats, file: string, line: number): void {
  stats.unreadable++;
  if (stats.unreadableSamples.length < 5) stats.unreadableSamples.push(`${file}:${line}`);
}

const BASE64_GZIP = /^H4sI[A-Za-z0-9+/=]+$/;

/** One line of a text or JSON-lines file. */
function parseLine(line: string, ctx: MessageContext): LogRecord[] | undefined {
  const t = line.trim();
  if (t === '') return [];
  if (BASE64_GZIP.test(t)) {
    try {
      return parseObject(JSON.parse(gunzipSync(Buffer.from(t, 'base64')).toString('utf8')), ctx);
    } catch {
      return undefined;
    }
  }
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      return parseObject(JSON.parse(t), ctx) ?? [];
    } catch {
      // wrapped or cut JSON: parse what is inside as text by its labels
      return parseText(t, ctx);
    }
  }
  return parseText(line, ctx);
}

/** A function name for inputs that do not carry one: the file's base name without extensions. */
function fileFunction(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/(\.(log|txt|json|jsonl|csv|gz))+$/i, '') || 'stdin';
}
