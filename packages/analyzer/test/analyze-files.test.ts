import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLogFiles, analyzeLogs, ownerOf, readFileEventBatches, syntheticFleet, type ReadCounts } from '../src/index.js';
import { pipelined, pipelineFits } from '../src/analyze-files.js';

// Real worker threads running the built dist/analyze-worker.js (the test command builds first).
const dir = mkdtempSync(join(tmpdir(), 'lw-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fresh = (): ReadCounts => ({ lines: 0, bytes: 0, unreadable: 0 });
/** the findings as JSON, sums of money to 10 significant digits (workers add them in another order) */
const canonical = (findings: unknown): string => JSON.stringify(findings, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v));

function write(name: string, lines: Iterable<string>): string {
  const path = join(dir, name);
  writeFileSync(path, [...lines].join('\n') + '\n');
  return path;
}

const fleet = write('fleet.jsonl', syntheticFleet({ sandboxes: 60, invocations: 90, functions: 3, seed: 7 }));
// a second input in other formats: Lambda text lines (one sandbox, the file), a line that is not JSON, an unreadable REPORT
const text = write('orders.log', (function* () {
  for (let i = 0; i < 80; i++) {
    yield `2026-11-24T10:00:${String(i % 60).padStart(2, '0')}.000Z\tr${i}\tINFO\tpool: too many connections`;
    yield `REPORT RequestId: r${i}\tDuration: ${10 + i} ms\tBilled Duration: ${11 + i} ms\tMemory Size: 256 MB\tMax Memory Used: ${90 + i} MB\t`;
  }
  yield 'REPORT RequestId: broken';
})());
const mixed = write('mixed.jsonl', [
  '{"logStreamName":"s-1","timestamp":1764000000000,"message":"REPORT RequestId: a\\tDuration: 5 ms\\tBilled Duration: 5 ms\\tMemory Size: 128 MB\\tMax Memory Used: 60 MB"}',
  '{not json',
  '{"message":"REPORT RequestId: b\\tDuration: 7 ms\\tBilled Duration: 7 ms\\tMemory Size: 128 MB\\tMax Memory Used: 61 MB"}',
  '{"logStreamName":"s-2","timestamp":1764000000001,"message":"Task timed out after 3.00 seconds"}',
  // a stream named, then the line is bad: one worker claims it and counts it
  '{"logStreamName":"s-3","timestamp":1764000000002,"message":"x", oops}',
  // a stream named, then a key the byte reader leaves to the general path: read once, by the worker that claimed it
  '{"logStreamName":"s-4","timestamp":1764000000003,"message":"Task timed out after 3.00 seconds","extra":{"a":1}}',
]);

/** analyzeLogFiles({ isolated: true }) on these files, checked against analyzeLogs on the calling thread: findings and counts. */
async function sameAsOneThread(paths: string[]) {
  const serialCounts = fresh();
  const serial = await analyzeLogs(paths.map((p) => readFileEventBatches(p, serialCounts)), serialCounts);
  const counts = fresh();
  const a = await analyzeLogFiles(paths, counts, { isolated: true });
  expect(canonical(a.findings)).toBe(canonical(serial.findings));
  expect(a.counts).toEqual(serial.counts);
  expect(counts).toEqual(serialCounts);
  return a;
}

describe('analyzeLogFiles splits the sandboxes over worker threads', () => {
  it('finds what one thread finds, in the same order, with the same counts, for 2 and 3 workers', async () => {
    const inputs = [fleet, text, mixed];
    const serialCounts = fresh();
    const serial = await analyzeLogs(inputs.map((p) => readFileEventBatches(p, serialCounts)), serialCounts);
    expect(serial.findings.length).toBeGreaterThan(10);
    expect(new Set(serial.findings.map((f) => f.kind)).size).toBeGreaterThan(3);
    // isolated: one reader and one judge thread (the pipelined analysis the CLI uses for large files)
    for (const options of [{ workers: 1 }, { workers: 2 }, { workers: 3 }, { isolated: true }]) {
      const counts = fresh();
      const a = await analyzeLogFiles(inputs, counts, options);
      expect(canonical(a.findings)).toBe(canonical(serial.findings));
      expect(a.counts).toEqual(serial.counts);
      expect(counts).toEqual(serialCounts);
    }
    expect(serial.counts.unreadable).toBe(3); // the line that is not JSON, the bad line of s-3 and the REPORT cut short
    expect(serial.findings.filter((f) => f.kind === 'timeout').map((f) => f.evidence['sandbox'])).toEqual(expect.arrayContaining(['s-2', 's-4']));
  });

  it('gives each worker a share of the sandboxes: every stream to exactly one, all shares in use', () => {
    const names = Array.from({ length: 400 }, (_, i) => `2026/11/24/[$LATEST]${(i * 2654435761 >>> 0).toString(16)}`);
    for (const of of [2, 3, 8]) {
      const share = new Array<number>(of).fill(0);
      for (const n of names) share[ownerOf(n, of)]! += 1;
      expect(Math.min(...share)).toBeGreaterThan((400 / of) * 0.6);
    }
    expect(ownerOf(undefined, 4)).toBe(0);
  });

  it('reads gzip files on one thread (every worker would inflate them all)', async () => {
    const gz = join(dir, 'fleet.jsonl.gz');
    writeFileSync(gz, gzipSync(Buffer.from([...syntheticFleet({ sandboxes: 5, invocations: 20, seed: 3 })].join('\n'))));
    const counts = fresh();
    const a = await analyzeLogFiles([gz], counts, { workers: 3 });
    expect(a.counts.sandboxes).toBe(5);
    expect(counts.lines).toBeGreaterThan(0);
  });

  it('rejects with the reading error when a worker cannot read an input, and stops the other workers', async () => {
    // each step has 8 s: a step that never settles fails by its name (one fresh-clone run timed out here once)
    const within = <T>(step: string, p: Promise<T>): Promise<T> =>
      Promise.race([p, new Promise<T>((_, fail) => setTimeout(() => fail(new Error(`${step}: neither settled nor rejected within 8 s`)), 8000).unref())]);
    await expect(within('two workers', analyzeLogFiles([fleet, dir], fresh(), { workers: 2 }))).rejects.toMatchObject({ code: 'EISDIR' });
    // one worker, isolated (a folder is not the pipeline's input): the same error
    await expect(within('one isolated worker', analyzeLogFiles([fleet, dir], fresh(), { isolated: true }))).rejects.toMatchObject({ code: 'EISDIR' });
    // the pipeline's reader fails after its first file: the judge is stopped too, nothing is reported
    await expect(within('the reader/judge pipeline', pipelined([fleet, dir], fresh(), {}))).rejects.toMatchObject({ code: 'EISDIR' });
  });

  it('runs the reader/judge pipeline on plain JSON Lines of flat events, fallback lines and unreadable ones included', async () => {
    expect(await pipelineFits([fleet, mixed])).toBe(true);
    const a = await sameAsOneThread([fleet, mixed]);
    expect(a.counts.unreadable).toBe(2);
  });

  it('keeps text, gzip and whole-document inputs off the pipeline (their events would be cloned between threads)', async () => {
    const gz = join(dir, 'small.jsonl.gz');
    writeFileSync(gz, gzipSync(Buffer.from([...syntheticFleet({ sandboxes: 2, invocations: 5, seed: 1 })].join('\n'))));
    const doc = join(dir, 'get-log-events.json');
    writeFileSync(doc, JSON.stringify({ events: [{ timestamp: 1, message: 'REPORT RequestId: a\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB' }] }, null, 1));
    const empty = join(dir, 'empty.jsonl');
    writeFileSync(empty, '');
    const long = join(dir, 'long-first-line.jsonl');
    writeFileSync(long, `{"logStreamName":"s","message":"${'x'.repeat(70_000)}"}\n`);
    expect(await pipelineFits([text])).toBe(false);
    expect(await pipelineFits([gz])).toBe(false);
    expect(await pipelineFits([doc])).toBe(false);
    expect(await pipelineFits([long])).toBe(false);
    expect(await pipelineFits([fleet, text])).toBe(false);
    expect(await pipelineFits([empty, fleet])).toBe(true);
  });

  it('reads gzip and text inputs on one worker when isolated, as on one thread', async () => {
    const gz = join(dir, 'fleet2.jsonl.gz');
    writeFileSync(gz, gzipSync(Buffer.from([...syntheticFleet({ sandboxes: 12, invocations: 40, seed: 4 })].join('\n'))));
    const a = await sameAsOneThread([gz, text]);
    expect(a.counts.sandboxes).toBe(13);
  });
});
