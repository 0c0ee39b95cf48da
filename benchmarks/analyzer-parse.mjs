// Parsing throughput of `leakwatch logs` on generated REPORT logs, and peak heap against input size.
// Baseline in the same run: splitting the same lines with readline and doing nothing else.
// Run: node --expose-gc benchmarks/analyzer-parse.mjs  (after npm run build)
import { Readable } from 'node:stream';
import { createInterface } from 'node:readline';
import { analyzeLogs, readEvents } from '@leakwatch/analyzer';

function lines(n) {
  const out = [];
  for (let i = 0; i < n / 2; i++) {
    out.push(`2026-11-24T10:00:00.000Z\tr${i}\tINFO\tprocessing order ${i}`);
    out.push(`REPORT RequestId: r${i}\tDuration: ${10 + (i % 7)}.5 ms\tBilled Duration: 20 ms\tMemory Size: 256 MB\tMax Memory Used: ${100 + (i % 3)} MB\t`);
  }
  return out.join('\n') + '\n';
}

function source(text) {
  return Readable.from([Buffer.from(text)]);
}

async function baseline(text) {
  const t = performance.now();
  let n = 0;
  for await (const _ of createInterface({ input: source(text) })) n++;
  return performance.now() - t;
}

async function analyze(text) {
  const counts = { lines: 0, bytes: 0, unreadable: 0 };
  const t = performance.now();
  await analyzeLogs([readEvents(source(text), 'bench', counts)], counts);
  return performance.now() - t;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const N = 100_000;
const text = lines(N);
const mb = Buffer.byteLength(text) / 1e6;
const base = [];
const ours = [];
for (let i = 0; i < 5; i++) {
  base.push(await baseline(text));
  ours.push(await analyze(text));
}
const ms = median(ours);
console.log(`lines: ${N}, input ${mb.toFixed(1)} MB`);
console.log(`analyze: ${Math.round(N / (ms / 1000))} lines/s, ${(mb / (ms / 1000)).toFixed(1)} MB/s, ${(ms / median(base)).toFixed(2)}× readline alone`);

// Heap against input size: a streamed generator, never the whole text in memory. Two figures: the
// peak of heapUsed as sampled (garbage included: it depends on when V8 chooses to collect) and the
// largest heap retained after a full GC taken every 100 chunks (what the analyzer holds).
for (const n of [50_000, 200_000, 800_000]) {
  globalThis.gc?.();
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  let retained = before;
  let chunk = 0;
  // sampled as each chunk is produced: the reader pulls chunks only as fast as it parses them
  async function* gen() {
    for (let i = 0; i < n / 2; i += 500) {
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (++chunk % 100 === 0 && globalThis.gc) {
        globalThis.gc();
        retained = Math.max(retained, process.memoryUsage().heapUsed);
      }
      yield Buffer.from(lines(1000));
    }
  }
  const counts = { lines: 0, bytes: 0, unreadable: 0 };
  await analyzeLogs([readEvents(Readable.from(gen()), 'bench', counts)], counts);
  console.log(`${n} lines (${(counts.bytes / 1e6).toFixed(0)} MB): peak heap +${((peak - before) / 1e6).toFixed(1)} MB, retained after GC +${((retained - before) / 1e6).toFixed(1)} MB`);
}
