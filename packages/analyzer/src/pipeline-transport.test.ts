// The pipelined analysis's transport over a real MessageChannel (buffers transferred, not cloned):
// what the judge rebuilds from the posts gives the analysis the reader's own items give, across
// name-table resets, with the buffers going back and forth.
import { Readable } from 'node:stream';
import { MessageChannel } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { collectSandboxes, finishAnalysis } from './analyze-logs.js';
import type { LogEvent } from './log-event.js';
import { BatchReceiver, BatchSender, type PostedItem, type TakenItem } from './pipeline-transport.js';
import { readScannedBatches, type ReadCounts, type ScannedBatch } from './read-events.js';
import { syntheticFleet } from './synthetic-fleet.js';

const fresh = (): ReadCounts => ({ lines: 0, bytes: 0, unreadable: 0 });
/** the text in 64 KB chunks, as a file is read (a chunk larger than the scanner's input area would be read by JavaScript) */
function source(text: string, counts: ReadCounts) {
  const bytes = Buffer.from(text);
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 1 << 16) chunks.push(bytes.subarray(i, i + (1 << 16)));
  return readScannedBatches(Readable.from(chunks), 'in.jsonl', counts);
}

/** The reader's items through a MessageChannel and back, as the two workers exchange them; counts what the sender allocated. */
async function* throughChannel(items: AsyncIterable<LogEvent | readonly LogEvent[] | ScannedBatch>, stats: { posts: number; scanned: number; reused: number; transferredAway: boolean }): AsyncGenerator<readonly LogEvent[] | ScannedBatch> {
  const { port1, port2 } = new MessageChannel();
  const sender = new BatchSender();
  const receiver = new BatchReceiver();
  let returned: TakenItem | undefined;
  try {
    for await (const item of items) {
      const { post, transfer } = sender.pack(item);
      // the buffers that came back with the last acknowledgement are the ones filled again
      if (returned?.records !== undefined && transfer[0] === returned.records && transfer[1] === returned.input) stats.reused++;
      const arrived = new Promise<PostedItem>((resolve) => port2.once('message', resolve));
      port1.postMessage(post, transfer);
      // a transferred buffer is gone from the sending side
      if (transfer.length > 0 && transfer[0]!.byteLength !== 0) stats.transferredAway = false;
      const got = await arrived;
      stats.posts++;
      if ('records' in got) stats.scanned++;
      yield receiver.unpack(got);
      const back = new Promise<TakenItem>((resolve) => port1.once('message', resolve));
      const { taken, transfer: giveBack } = receiver.taken(got);
      port2.postMessage(taken, giveBack);
      const taken2 = await back;
      if (taken2.records) returned = taken2;
      sender.recycle(taken2);
    }
  } finally {
    port1.close();
    port2.close();
  }
}

describe('the pipelined analysis\'s transport', () => {
  it('gives the analysis of the reader\'s own items, reusing its buffers', async () => {
    const text = [...syntheticFleet({ sandboxes: 40, invocations: 120, seed: 5 })].join('\n') + '\n';
    const direct = fresh();
    const expected = finishAnalysis([await collectSandboxes([source(text, direct)])], direct);
    const counts = fresh();
    const stats = { posts: 0, scanned: 0, reused: 0, transferredAway: true };
    const got = finishAnalysis([await collectSandboxes([throughChannel(source(text, counts), stats)])], counts);
    expect(got).toEqual(expected);
    expect(expected.findings.length).toBeGreaterThan(5);
    expect(stats.posts).toBeGreaterThan(20);
    expect(stats.scanned).toBeGreaterThan(20);
    expect(stats.transferredAway).toBe(true);
    // after the first post, the same two buffers go back and forth (grown once when a batch, with the line the last chunk left unfinished, outgrows them)
    expect(stats.reused).toBeGreaterThanOrEqual(stats.scanned - 2);
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
    const got = finishAnalysis([await collectSandboxes([throughChannel(source(text, counts), { posts: 0, scanned: 0, reused: 0, transferredAway: true })], { maxLiveSandboxes: 40_000 })], counts);
    expect(got.counts.sandboxes).toBe(30_000);
    expect(got).toEqual(expected);
    // half of them used all their memory: out-of-memory in 15,000 sandboxes, each named right
    const oom = got.findings.filter((f) => f.kind === 'out-of-memory');
    expect(oom).toHaveLength(15_000);
    expect(new Set(oom.map((f) => f.evidence['sandbox'])).size).toBe(15_000);
  });
});
