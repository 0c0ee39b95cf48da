// The pipelined analysis's transport, a ring in a SharedArrayBuffer with side messages on a real
// MessageChannel: what the judge rebuilds gives the analysis the reader's own items give, across
// wrap-arounds and name-table resets; and between two threads, each side blocking on the other.
import { Readable } from 'node:stream';
import { MessageChannel, Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { collectSandboxes, finishAnalysis } from './analyze-logs.js';
import type { LogEvent } from './log-event.js';
import { allocateRing, RING_SIZE, RingReader, RingWriter, type RingSize } from './pipeline-transport.js';
import { readScannedBatches, type ReadCounts, type ScannedBatch } from './read-events.js';
import { LineScanner } from './line-scanner.js';
import { syntheticFleet } from './synthetic-fleet.js';

const fresh = (): ReadCounts => ({ lines: 0, bytes: 0, unreadable: 0 });
/** the text in 64 KB chunks, as a file is read */
function source(text: string, counts: ReadCounts) {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 1 << 16) chunks.push(bytes.subarray(i, i + (1 << 16)));
  return readScannedBatches(Readable.from(chunks), 'in.jsonl', counts);
}

/**
 * The reader's items through a ring on one thread: written until the ring is full, then all read
 * (so every slot is reused, and the reader's buffers are overwritten before the copies are read).
 */
async function* throughRing(items: AsyncIterable<LogEvent | readonly LogEvent[] | ScannedBatch>, size: RingSize, stats: { items: number; scanned: number }): AsyncGenerator<readonly LogEvent[] | ScannedBatch> {
  const { port1, port2 } = new MessageChannel();
  const ring = allocateRing(size);
  const writer = new RingWriter(ring, size, port1);
  const reader = new RingReader(ring, size, port2);
  let pending = 0;
  const drain = function* (): Generator<readonly LogEvent[] | ScannedBatch> {
    for (; pending > 0; pending--) {
      const item = reader.next();
      if (item === undefined) throw new Error('ended early');
      stats.items++;
      if ('scanned' in item) stats.scanned++;
      yield item;
      reader.release();
    }
  };
  try {
    for await (const item of items) {
      writer.write(item);
      if (++pending === size.slots) yield* drain();
    }
    writer.end();
    yield* drain();
    expect(reader.next()).toBeUndefined();
  } finally {
    port1.close();
    port2.close();
  }
}

const small: RingSize = { slots: 3, recordBytes: RING_SIZE.recordBytes, inputBytes: RING_SIZE.inputBytes };

describe('the pipelined analysis\'s ring', () => {
  it('holds what one scan gives: the scanner\'s record and input areas fit a slot', () => {
    const scanner = LineScanner.create();
    expect(scanner).toBeDefined();
    expect(scanner!.records.byteLength).toBeLessThanOrEqual(RING_SIZE.recordBytes);
    expect(scanner!.input.length).toBeLessThanOrEqual(RING_SIZE.inputBytes);
  });

  it('gives the analysis of the reader\'s own items, every slot reused', async () => {
    const text = [...syntheticFleet({ sandboxes: 40, invocations: 120, seed: 5 })].join('\n') + '\n';
    const direct = fresh();
    const expected = finishAnalysis([await collectSandboxes([source(text, direct)])], direct);
    const counts = fresh();
    const stats = { items: 0, scanned: 0 };
    const got = finishAnalysis([await collectSandboxes([throughRing(source(text, counts), small, stats)])], counts);
    expect(got).toEqual(expected);
    expect(expected.findings.length).toBeGreaterThan(5);
    expect(stats.scanned).toBeGreaterThan(20);
    // only the first line of the input is read by JavaScript (it tells the format): no event batches after it
    expect(stats.items - stats.scanned).toBeLessThanOrEqual(1);
  });

  it('carries a reset of the scanner\'s name table (more streams than it holds)', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      const stream = `2026/11/24/[$LATEST]${i.toString(16).padStart(12, '0')}`;
      lines.push(`{"logGroupName":"/aws/lambda/fn-${i % 3}","logStreamName":"${stream}","timestamp":${1795478431877 + i},"message":"REPORT RequestId: 0000-${i}\\tDuration: 5.00 ms\\tBilled Duration: 5 ms\\tMemory Size: 128 MB\\tMax Memory Used: ${128 - (i % 2)} MB\\t"}`);
    }
    const text = lines.join('\n') + '\n';
    const direct = fresh();
    const expected = finishAnalysis([await collectSandboxes([source(text, direct)], { maxLiveSandboxes: 40_000 })], direct);
    const counts = fresh();
    const got = finishAnalysis([await collectSandboxes([throughRing(source(text, counts), small, { items: 0, scanned: 0 })], { maxLiveSandboxes: 40_000 })], counts);
    expect(got.counts.sandboxes).toBe(30_000);
    expect(got).toEqual(expected);
    // half of them used all their memory: out-of-memory in 15,000 sandboxes, each named right
    const oom = got.findings.filter((f) => f.kind === 'out-of-memory');
    expect(oom).toHaveLength(15_000);
    expect(new Set(oom.map((f) => f.evidence['sandbox'])).size).toBe(15_000);
  });

  it('passes items in order between two threads through a ring of two slots, each side waiting on the other', async () => {
    const size: RingSize = { slots: 2, recordBytes: 16 * 8 * 4, inputBytes: 4096 };
    const ring = allocateRing(size);
    const { port1, port2 } = new MessageChannel();
    const transport = new URL('../dist/pipeline-transport.js', import.meta.url).href;
    // the writer: 2,000 items, plain events and scanned batches of 1 to 4 records, a new name every 7th
    const worker = new Worker(`
      const { workerData } = require('node:worker_threads');
      import(workerData.transport).then(({ RingWriter }) => {
        const writer = new RingWriter(workerData.ring, workerData.size, workerData.port);
        const names = [];
        const input = Buffer.alloc(4096);
        const records = new Float64Array(64);
        for (let i = 0; i < 2000; i++) {
          if (i % 7 === 0) names.push('stream-' + i);
          if (i % 5 === 0) { writer.write([{ message: 'event ' + i }]); continue; }
          const count = 1 + (i % 4);
          for (let k = 0; k < count; k++) { records.fill(i * 10 + k, k * 16, k * 16 + 16); records[k * 16 + 2] = 100 * k + (i % 100); }
          input.fill(i % 251);
          writer.write({ scanned: true, records, count, stride: 16, names, fallback: i % 3 === 0 ? [{ message: 'fallback ' + i }] : [], input });
        }
        writer.end();
        workerData.port.close();
      });`, { eval: true, workerData: { ring, size, port: port1, transport }, transferList: [port1] });
    const reader = new RingReader(ring, size, port2);
    try {
      let i = 0;
      for (let item = reader.next(); item !== undefined; item = reader.next(), i++) {
        if (i % 5 === 0) expect(item).toEqual([{ message: `event ${i}` }]);
        else {
          const batch = item as ScannedBatch;
          expect(batch.count).toBe(1 + (i % 4));
          for (let k = 0; k < batch.count; k++) expect(batch.records[k * 16]).toBe(i * 10 + k);
          const last = batch.records[(batch.count - 1) * 16 + 2] as number;
          expect(batch.input.length).toBe(last + 1);
          expect(batch.input.every((b) => b === i % 251)).toBe(true);
          expect(batch.names.length).toBe(Math.floor(i / 7) + 1);
          expect(batch.names[batch.names.length - 1]).toBe(`stream-${7 * Math.floor(i / 7)}`);
          expect(batch.fallback).toEqual(i % 3 === 0 ? [{ message: `fallback ${i}` }] : []);
        }
        reader.release();
      }
      expect(i).toBe(2000);
    } finally {
      port2.close();
      await worker.terminate();
    }
  });
});
