import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLogFiles, analyzeLogs, readFileScannedBatches, readScannedBatches, syntheticFleet, useLineScanner, type ReadCounts } from '../src/index.js';

// Unreadable lines are counted and named by `file:line`, whichever path read them: the JavaScript
// reader, the WebAssembly scanner (which hands such a line back to JavaScript after counting the
// rest of its chunk), several chunks in, and on the reader/judge threads.
const dir = mkdtempSync(join(tmpdir(), 'lw-unreadable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const fresh = (): ReadCounts => ({ lines: 0, bytes: 0, unreadable: 0 });

/** A fleet log (flat CloudWatch JSON Lines) with broken lines put in at the given 1-based line numbers. */
function fleetWithBroken(name: string, sandboxes: number, brokenAt: readonly number[]): { path: string; lines: number } {
  const lines = [...syntheticFleet({ sandboxes, invocations: 40, seed: 3 })];
  for (const at of [...brokenAt].sort((a, b) => a - b)) lines.splice(at - 1, 0, at % 2 ? `{"logStreamName":"s-${at}","message":"cut short` : '{not json at all');
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n') + '\n');
  return { path, lines: lines.length };
}

async function readAll(path: string, scanner: boolean): Promise<ReadCounts> {
  const counts = fresh();
  const was = useLineScanner(scanner);
  try {
    for await (const batch of readFileScannedBatches(path, counts)) void batch;
  } finally {
    useLineScanner(was);
  }
  return counts;
}

describe('unreadable lines are named by file:line', () => {
  it('the scanner and the JavaScript path name the same lines, chunks in (the file spans several 256 KB chunks)', async () => {
    const broken = [2, 3, 1500, 4321, 9000, 9001, 12_345];
    const { path, lines } = fleetWithBroken('many-chunks.jsonl', 100, broken);
    expect(lines).toBeGreaterThan(12_345);
    expect(statSync(path).size).toBeGreaterThan(3 * 256 * 1024);
    const scanned = await readAll(path, true);
    const js = await readAll(path, false);
    expect(scanned.unreadable).toBe(broken.length);
    expect(scanned.unreadableAt).toEqual(broken.map((n) => `${path}:${n}`));
    expect(js.unreadableAt).toEqual(scanned.unreadableAt);
    expect(scanned.lines).toBe(lines);
  });

  it('keeps the first ten positions and counts the rest', async () => {
    const broken = Array.from({ length: 14 }, (_, i) => 10 + i * 50);
    const { path } = fleetWithBroken('fourteen.jsonl', 6, broken);
    const counts = await readAll(path, true);
    expect(counts.unreadable).toBe(14);
    expect(counts.unreadableAt).toEqual(broken.slice(0, 10).map((n) => `${path}:${n}`));
  });

  it('on the reader/judge threads as on one thread', async () => {
    const broken = [5, 777, 8000];
    const { path, lines } = fleetWithBroken('pipeline.jsonl', 60, broken);
    expect(lines).toBeGreaterThan(8000);
    const counts = fresh();
    const a = await analyzeLogFiles([path], counts, { isolated: true });
    expect(a.counts.unreadable).toBe(3);
    expect(a.counts.unreadableAt).toEqual(broken.map((n) => `${path}:${n}`));
  });

  it('a REPORT whose figures cannot be read is named by its stream and request id', async () => {
    const counts = fresh();
    const text = 'REPORT RequestId: 0f3c\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB\nREPORT RequestId: 9d1e Duration: abc\n';
    const a = await analyzeLogs([readScannedBatches(Readable.from([Buffer.from(text)]), 'orders.log', counts)], counts);
    expect(a.counts.unreadable).toBe(1);
    expect(a.counts.unreadableAt).toEqual(['orders.log: the REPORT of request 9d1e']);
  });

  it('in any text stream cut anywhere, the position is the line number (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.boolean(), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), async (bad, cuts) => {
        // JSON Lines: true = a broken line (not the first: a first line that is not JSON makes the input one document or text)
        const lines = bad.map((b, i) => (b && i > 0 ? `{"broken": ${i}` : `{"logStreamName":"s","timestamp":${i},"message":"hello ${i}"}`));
        const bytes = Buffer.from(lines.join('\n') + '\n');
        const points = [...new Set(cuts.map((c) => c % bytes.length))].sort((x, y) => x - y);
        const chunks: Buffer[] = [];
        let from = 0;
        for (const p of points) {
          if (p <= from) continue;
          chunks.push(bytes.subarray(from, p));
          from = p;
        }
        chunks.push(bytes.subarray(from));
        const counts = fresh();
        for await (const batch of readScannedBatches(Readable.from(chunks), 'in.jsonl', counts)) void batch;
        const brokenAt = bad.flatMap((b, i) => (b && i > 0 ? [i + 1] : []));
        expect(counts.unreadableAt ?? []).toEqual(brokenAt.slice(0, 10).map((n) => `in.jsonl:${n}`));
        expect(counts.unreadable).toBe(brokenAt.length);
      }),
      { numRuns: 60 },
    );
  });
});
