import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { analyzeLogs } from './analyze-logs.js';
import { AppField, Field, LineScanner, ReportField, Scanned, useLineScanner } from './line-scanner.js';
import { parseMessage } from './parse-message.js';
import { readFileScannedBatches, readScannedBatches, type ReadCounts } from './read-events.js';
import { hashId } from './sandbox-series.js';
import { decodeString, NameCache, scanFlatEvent } from './scan-flat-event.js';
import { syntheticFleet } from './synthetic-fleet.js';

afterEach(() => {
  useLineScanner(true);
  vi.restoreAllMocks();
});

const SIGNATURES = ['{"a":1}', 'Task timed out after 3.00 seconds', 'Runtime.OutOfMemory', 'signal: killed', 'ECONNREFUSED', 'Too Many Connections', 'too many clients already', 'ER_CON_COUNT_ERROR',
  'END RequestId: x', 'report requestid: y', 'Function execution took 5 ms', 'Process exited before completing request', 'heap out of memory', 'remaining connection slots are reserved',
  'Memory limit of 256 MB exceeded', 'exceeded the memory limit', 'recycling', "Executed 'Functions.a'", 'Timeout value of 00:05:00', 'OUTOFMEMORY', 'proc', 'processing', 'tim', 'memo'];
const num = fc.oneof(fc.integer({ min: 0, max: 2_000_000_000 }).map(String), fc.tuple(fc.integer({ min: 0, max: 999_999_999 }), fc.integer({ min: 0, max: 9_999_999 }), fc.integer({ min: 1, max: 7 }))
  .map(([a, b, k]) => `${a}.${String(b).padStart(k, '0').slice(0, k)}`), fc.constantFrom('1e3', '0.5', '00012', '.5', '7.', '-1', '1,5'));
const field = fc.oneof(
  num.map((n) => `Duration: ${n} ms`), num.map((n) => `Billed Duration: ${n} ms`), num.map((n) => `Memory Size: ${n} MB`), num.map((n) => `Max Memory Used: ${n} MB`),
  num.map((n) => `Init Duration: ${n} ms`), fc.constantFrom('Status: timeout', 'Restore Duration: 5 ms', 'Duration: 5 MB', 'Max Memory Used:  5 MB', 'Memory Size:5 MB', 'Duration: 5 ms '),
);
const id = fc.oneof(fc.uuid(), fc.stringMatching(/^[0-9a-zA-Z-]{1,40}$/), fc.constantFrom('xECONNREFUSEDx', 'ABCDEF12', 'd15eae68'));
const report = fc.oneof(
  fc.tuple(fc.uuid(), num, num, num, num, fc.option(num), fc.boolean()).map(([r, d, b, m, u, init, tab]) =>
    `REPORT RequestId: ${r}\tDuration: ${d} ms\tBilled Duration: ${b} ms\tMemory Size: ${m} MB\tMax Memory Used: ${u} MB${init === null ? '' : `\tInit Duration: ${init} ms`}${tab ? '\t' : ''}`),
  fc.tuple(id, fc.array(field, { maxLength: 7 }), fc.constantFrom('\t', ' ', '\t ')).map(([r, fields, sep]) => `REPORT RequestId: ${r}${sep}${fields.join(sep)}`),
);
const plain = fc.oneof(fc.integer({ min: 0, max: 99_999_999 }).map(String), fc.integer({ min: 0, max: 99_999_999 }).map((n) => (n / 100).toFixed(2)));
const canonicalReport = fc.tuple(fc.uuid(), plain, plain, plain, plain, fc.option(plain), fc.boolean())
  .map(([r, d, b, m, u, init, tab]) => `REPORT RequestId: ${r}\tDuration: ${d} ms\tBilled Duration: ${b} ms\tMemory Size: ${m} MB\tMax Memory Used: ${u} MB${init === null ? '' : `\tInit Duration: ${init} ms`}${tab ? '\t' : ''}`);
const appText = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom(...SIGNATURES), fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...SIGNATURES), fc.string({ maxLength: 8 })).map((p) => p.join('')));
const appLine = fc.tuple(fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }), fc.oneof(fc.uuid(), id), fc.constantFrom('INFO', 'ERROR'), appText)
  .map(([t, r, level, text]) => `${t.toISOString()}\t${r}\t${level}\t${text}`);
const message = fc.oneof(
  report, canonicalReport, appLine, fc.uuid().map((r) => `START RequestId: ${r} Version: $LATEST`),
  fc.tuple(id, fc.constantFrom('', '\n', ' ', '\t', '\r', ' x', ' ECONNREFUSED')).map(([r, tail]) => `END RequestId: ${r}${tail}`),
  fc.tuple(id, fc.constantFrom('$LATEST', '12', '$latest', ''), fc.option(fc.constantFrom(...SIGNATURES))).map(([r, v, sig]) => `START RequestId: ${r} Version: ${v}${sig === null ? '' : ` ${sig}`}`),
  fc.constantFrom('INIT_START Runtime Version: nodejs:20.v40', ...SIGNATURES), fc.string(),
);
const name = fc.oneof(fc.stringMatching(/^[A-Za-z0-9_/[\]$.#é-]{0,60}$/), fc.constantFrom('2026/11/24/[$LATEST]0000000f447129', '/aws/lambda/fn-2', 'a\\b', 'a"b'));
const timestamp = fc.oneof(fc.integer({ min: 0, max: 2 ** 45 }), fc.constantFrom(-5, 1.5, 1e20, '2026-11-24T00:00:00Z', 0, 1234567890123456));
const event = fc.record({ logGroupName: name, logStreamName: name, timestamp, message, ingestionTime: fc.integer({ min: 0, max: 2 ** 45 }), eventId: fc.string({ maxLength: 10 }) },
  { requiredKeys: ['message'] });

// as the CloudWatch APIs write them: names and times always there and valid
const cloudWatchEvent = fc.record({
  logGroupName: fc.stringMatching(/^[A-Za-z0-9_/.#-]{1,40}$/), logStreamName: fc.stringMatching(/^[A-Za-z0-9_/[\]$.#é-]{1,60}$/), timestamp: fc.integer({ min: 0, max: 2 ** 45 }), message,
});

/** A JSON line of the event, written as CloudWatch's tools write it or roughly so, and sometimes broken. */
const jsonLine = fc.tuple(fc.oneof(event, cloudWatchEvent, cloudWatchEvent), fc.boolean(), fc.constantFrom('', ' ', '\r'), fc.constantFrom('', ':', ','), fc.nat(), fc.nat(), fc.constantFrom('none', 'none', 'none', 'cut', 'byte', 'drop'))
  .map(([o, reversed, trail, spaced, at, byte, mutation]) => {
    let line = JSON.stringify(reversed ? Object.fromEntries(Object.entries(o).reverse()) : o);
    if (spaced === ':') line = line.replace(/":/g, '": ');
    if (spaced === ',') line = line.replace(/,"/g, ' , "');
    if (mutation === 'cut') line = line.slice(0, at % (line.length + 1));
    if (mutation === 'byte') line = line.slice(0, at % line.length) + String.fromCharCode(byte % 128) + line.slice(at % line.length);
    if (mutation === 'drop') line = line.slice(0, at % line.length) + line.slice((at % line.length) + 1);
    return (line + trail).replace(/\n/g, ' ');
  });

interface ScannedLine {
  kind: Scanned | 'skip';
  record?: number[];
}

function scanOne(scanner: LineScanner, line: string): ScannedLine {
  const bytes = Buffer.from(`${line}\n`);
  const n = bytes.copy(scanner.input, 0);
  const { stop, count, lines } = scanner.scan(0, n);
  expect(stop).toBe(n);
  if (count === 0) {
    expect(lines).toBe(1);
    return { kind: 'skip' };
  }
  const record = Array.from(scanner.records.subarray(0, scanner.stride));
  expect(record[Field.LineEnd]).toBe(n - 1);
  return { kind: record[Field.Kind] as Scanned, record };
}

/** What the JavaScript path makes of the line: the event (null: skipped, undefined: general path) and its record. */
function javascript(line: string) {
  const b = Buffer.from(line);
  const end = b[b.length - 1] === 13 ? b.length - 1 : b.length;
  const event = scanFlatEvent(b, 0, end, new NameCache());
  return { event, record: event ? parseMessage(event.message) : undefined };
}

function check(scanner: LineScanner, line: string): ScannedLine {
  const got = scanOne(scanner, line);
  const js = javascript(line);
  if (got.kind === 'skip') {
    expect(js.event).toBeNull();
    return got;
  }
  if (got.kind === Scanned.Fallback) return got;
  const r = got.record as number[];
  const { event, record } = js;
  expect(event).toBeTruthy();
  expect(event?.stream).toBe(scanner.name(r[Field.Stream] as number));
  expect(event?.group).toBe(scanner.name(r[Field.Group] as number));
  expect(event?.time).toBe(r[Field.Time]);
  if (got.kind === Scanned.End) {
    expect(record?.type).toBe('end');
    if (record?.type === 'end') expect(hashId(record.requestId)).toBe(r[Field.IdHash]);
  } else if (got.kind === Scanned.Report) {
    expect(record).toEqual({
      type: 'report', requestId: scanner.input.toString('latin1', r[ReportField.IdStart], r[ReportField.IdEnd]), durationMs: r[ReportField.Duration], billedMs: r[ReportField.Billed],
      memoryMb: r[ReportField.MemorySize], maxMemoryMb: r[ReportField.MaxMemory], ...(r[ReportField.Init] === -1 ? {} : { initMs: r[ReportField.Init] }),
    });
  } else {
    expect(got.kind).toBe(Scanned.App);
    expect(record?.type).toBe('app-line');
    if (record?.type === 'app-line') {
      expect(hashId(record.requestId)).toBe(r[Field.IdHash]);
      const at = r[AppField.MessageStart] as number;
      const to = r[AppField.MessageEnd] as number;
      const slash = scanner.input.indexOf(92, at);
      expect(decodeString(scanner.input, at, to, slash >= 0 && slash < to)).toBe(record.text);
    }
  }
  return got;
}

function scanner(): LineScanner {
  const s = LineScanner.create();
  if (!s) throw new Error('the WebAssembly line scanner did not load');
  return s;
}

describe('the WebAssembly line scanner reads a line exactly as the JavaScript path does', () => {
  it('for every line it answers; any other goes to the JavaScript path (property)', () => {
    const s = scanner();
    const seen = new Map<string, number>();
    fc.assert(fc.property(jsonLine, (line) => {
      const got = check(s, line);
      const k = String(got.kind);
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }), { numRuns: 20_000 });
    // every kind was met, so each path above was checked
    for (const k of ['skip', String(Scanned.Fallback), String(Scanned.End), String(Scanned.Report), String(Scanned.App)]) expect(seen.get(k) ?? 0, k).toBeGreaterThan(50);
  });

  it('answers the lines Lambda writes itself, not the JavaScript path', () => {
    const s = scanner();
    const id = 'd15eae68-5c4b-4977-aa4c-1fae4b22e772';
    const line = (message: string) => JSON.stringify({ logGroupName: '/aws/lambda/fn-2', logStreamName: '2026/11/24/[$LATEST]0000000f447129', timestamp: 1795478431877, message });
    expect(check(s, line(`START RequestId: ${id} Version: $LATEST`)).kind).toBe('skip');
    expect(check(s, line(`END RequestId: ${id}`)).kind).toBe(Scanned.End);
    expect(check(s, line(`REPORT RequestId: ${id}\tDuration: 200.92 ms\tBilled Duration: 201 ms\tMemory Size: 1024 MB\tMax Memory Used: 72 MB\tInit Duration: 251.30 ms\t`)).kind).toBe(Scanned.Report);
    expect(check(s, line(`2026-11-24T00:00:31.878Z\t${id}\tINFO\tprocessing order 14-0 for customer 679589`)).kind).toBe(Scanned.App);
    // a signature in any case, an escape other than \t: JavaScript decides
    expect(check(s, line(`2026-11-24T00:00:31.878Z\t${id}\tERROR\tError: connect econnrefused 127.0.0.1:3306`)).kind).toBe(Scanned.Fallback);
    expect(check(s, line(`2026-11-24T00:00:31.878Z\t${id}\tINFO\t{"a":1}`)).kind).toBe(Scanned.Fallback);
    expect(check(s, line(`REPORT RequestId: ${id}\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\tStatus: timeout`)).kind).toBe(Scanned.Fallback);
  });

  it('for every line with one byte changed, at every position of the canonical lines', () => {
    const s = scanner();
    const id = 'd15eae68-5c4b-4977-aa4c-1fae4b22e772';
    const messages = [`START RequestId: ${id} Version: $LATEST`, `END RequestId: ${id}`, `REPORT RequestId: ${id}\tDuration: 200.92 ms\tBilled Duration: 201 ms\tMemory Size: 1024 MB\tMax Memory Used: 72 MB\tInit Duration: 251.30 ms\t`,
      `2026-11-24T00:00:31.878Z\t${id}\tINFO\tprocessing order 14-0`];
    let answered = 0;
    for (const m of messages) {
      const line = JSON.stringify({ logGroupName: '/aws/lambda/fn-2', logStreamName: '2026/11/24/[$LATEST]0000000f447129', timestamp: 1795478431877, message: m });
      for (let i = 0; i < line.length; i++) {
        for (const c of ['x', 'X', ' ', '"', '\\', '0', '-', '\t', ':', 'é']) {
          if (check(s, line.slice(0, i) + c + line.slice(i + 1)).kind !== Scanned.Fallback) answered++;
        }
        check(s, line.slice(0, i)); // cut short
      }
    }
    expect(answered).toBeGreaterThan(1000); // many changes keep a line the scanner answers (an id or a figure)
  });

  it('keeps names across calls and starts a new table when it fills up', () => {
    const s = scanner();
    const line = (i: number) => JSON.stringify({ logGroupName: '/aws/lambda/f', logStreamName: `stream-${i}`, timestamp: i, message: `END RequestId: ${i.toString(16)}` });
    const first = scanOne(s, line(0)).record?.[Field.Stream];
    expect(scanOne(s, line(0)).record?.[Field.Stream]).toBe(first);
    // far more names than the table holds: ids stay right, names decode right
    for (let i = 1; i < 30_000; i++) {
      const got = scanOne(s, line(i));
      if (i % 997 === 0) expect(s.name(got.record?.[Field.Stream] as number)).toBe(`stream-${i}`);
    }
  });
});

async function analyze(text: string, chunk: number, scanned: boolean, maxLiveSandboxes?: number) {
  useLineScanner(scanned);
  const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
  const analysis = await analyzeLogs([readScannedBatches(Readable.from(chunks), 'in.jsonl', counts)], counts, maxLiveSandboxes ? { maxLiveSandboxes } : {});
  return analysis;
}

describe('analyzeLogs finds the same with and without the scanner', () => {
  it('on a synthetic fleet (leaking, stepping, timing out, OOM-killed sandboxes)', async () => {
    const text = [...syntheticFleet({ sandboxes: 40, invocations: 120, seed: 7 })].join('\n') + '\n';
    const js = await analyze(text, 1 << 16, false);
    const wasm = await analyze(text, 1 << 16, true);
    expect(wasm).toEqual(js);
    expect(js.findings.length).toBeGreaterThan(5);
  });

  it('from plain and gzip files, in chunks of 256 KB', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-scan-'));
    try {
      const text = [...syntheticFleet({ sandboxes: 30, invocations: 150, seed: 5 })].join('\r\n') + '\r\n';
      writeFileSync(join(dir, 'fleet.jsonl'), text);
      writeFileSync(join(dir, 'fleet.jsonl.gz'), gzipSync(text));
      expect(text.length).toBeGreaterThan(1 << 19); // several chunks
      const run = async (file: string, scanned: boolean) => {
        useLineScanner(scanned);
        const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
        return analyzeLogs([readFileScannedBatches(join(dir, file), counts)], counts);
      };
      const js = await run('fleet.jsonl', false);
      expect(await run('fleet.jsonl', true)).toEqual(js);
      const gz = await run('fleet.jsonl.gz', true);
      expect(gz.findings).toEqual(js.findings);
      expect(gz.counts.lines).toBe(js.counts.lines);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the scanner fails midway: JavaScript reads the rest', async () => {
    const text = [...syntheticFleet({ sandboxes: 20, invocations: 100, seed: 4 })].join('\n') + '\n';
    const js = await analyze(text, 1 << 15, false);
    const scan = LineScanner.prototype.scan;
    let calls = 0;
    vi.spyOn(LineScanner.prototype, 'scan').mockImplementation(function (this: LineScanner, from: number, to: number) {
      if (++calls === 3) throw new Error('RuntimeError: memory access out of bounds');
      return scan.call(this, from, to);
    });
    expect(await analyze(text, 1 << 15, true)).toEqual(js);
    expect(calls).toBe(3); // it failed once, and was not asked again
  });

  it('with lines cut across chunks, and an unfinished line too long to join a chunk in the scanner', async () => {
    const lines = [...syntheticFleet({ sandboxes: 20, invocations: 60, seed: 9 })];
    // a 700 KB application line in the middle: longer than the scanner's input area, so JavaScript reads it whole
    const long = JSON.parse(lines[lines.length >> 1] as string) as Record<string, unknown>;
    lines.splice(lines.length >> 1, 0, JSON.stringify({ ...long, message: `2026-11-24T00:00:31.878Z\tc0ffee\tINFO\t${'x'.repeat(700_000)}` }));
    const text = lines.join('\n') + '\n';
    for (const chunk of [1 << 18, 100_003]) {
      const js = await analyze(text, chunk, false);
      const wasm = await analyze(text, chunk, true);
      expect(wasm).toEqual(js);
      expect(wasm.counts.lines).toBe(lines.length);
    }
  });

  it('when sandboxes are retired and seen again (few held at once)', async () => {
    const text = [...syntheticFleet({ sandboxes: 60, invocations: 80, seed: 3, concurrency: 30 })].join('\n') + '\n';
    const js = await analyze(text, 1 << 15, false, 7);
    expect(await analyze(text, 1 << 15, true, 7)).toEqual(js);
    expect(js.counts.sandboxes).toBeGreaterThan(60); // sandboxes were retired and started again
  });

  it('on random events of a few sandboxes, cut into random chunks (property)', async () => {
    const streams = ['s1', 's2', 's3'];
    const ids = ['11111111-2222-4333-8444-555555555555', '21111111-2222-4333-8444-555555555555'];
    const ev = fc.tuple(fc.constantFrom(...streams), fc.integer({ min: 0, max: 400 }), fc.constantFrom(...ids), fc.nat(4), fc.integer({ min: 10, max: 130 }), jsonLine)
      .map(([stream, t, rid, kind, mem, noise]) => {
        const base = { logGroupName: '/aws/lambda/f', logStreamName: stream, timestamp: 1_795_000_000_000 + t * 1000 };
        if (kind === 0) return JSON.stringify({ ...base, message: `END RequestId: ${rid}` });
        if (kind === 1) return JSON.stringify({ ...base, message: `2026-11-24T00:00:31.878Z\t${rid}\tINFO\tstill working` });
        if (kind === 2) return JSON.stringify({ ...base, message: `REPORT RequestId: ${rid}\tDuration: ${t}.5 ms\tBilled Duration: ${t + 1} ms\tMemory Size: 128 MB\tMax Memory Used: ${mem} MB\t` });
        if (kind === 3) return JSON.stringify({ ...base, message: `START RequestId: ${rid} Version: $LATEST` });
        return noise;
      });
    await fc.assert(fc.asyncProperty(fc.array(ev, { minLength: 1, maxLength: 200 }), fc.integer({ min: 1, max: 4096 }), async (lines, chunk) => {
      const text = lines.join('\n') + '\n';
      expect(await analyze(text, chunk, true)).toEqual(await analyze(text, chunk, false));
    }), { numRuns: 150 });
  });
});

describe('the committed WebAssembly', () => {
  it('is the build of wasm/scan-lines.ts', () => {
    const script = fileURLToPath(new URL('../scripts/build-wasm.mjs', import.meta.url));
    expect(execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' })).toMatch(/up to date/);
  }, 60_000);
});
