// Profilers: (1) what the sampling heap profiler and the CPU profiler add to a harness run, as
// ratios to the same run without them (medians of several interleaved runs, same process);
// (2) heap snapshot reading: MB/s and peak memory on a ~100 MB snapshot written by a real Node.js
// process, each reader in its own child process (JSON.parse of the same file as the baseline).
// Run: npm run build && node benchmarks/profilers.mjs [--snapshot-mb 100] [--runs 5]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { runInvocations } from '@leakwatch/harness';

const { values } = parseArgs({ options: { 'snapshot-mb': { type: 'string', default: '100' }, runs: { type: 'string', default: '5' } } });
const root = fileURLToPath(new URL('../', import.meta.url));
const runs = Number(values.runs);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// (1) overhead on a harness run: a realistic handler (parse a 10 KB body, one async hop, serialise)
const handler = async (event) => {
  const body = JSON.parse(event.body);
  await new Promise((resolve) => setImmediate(resolve));
  return { statusCode: 200, body: JSON.stringify({ n: body.items.length, first: body.items[0] }) };
};
const event = { body: JSON.stringify({ items: Array.from({ length: 200 }, (_, i) => ({ id: i, name: `item-${i}`, tags: ['a', 'b'] })) }) };
const variants = { none: {}, heap: { heap: true }, cpu: { cpu: true }, both: { heap: true, cpu: true } };
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
for (let r = 0; r < runs; r++) {
  for (const [name, profile] of Object.entries(variants)) {
    const t = performance.now();
    await runInvocations(handler, { invocations: 100, event, profile });
    times[name].push(performance.now() - t);
  }
}
const base = median(times.none);
const overhead = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, { medianMs: +median(v).toFixed(0), ratio: +(median(v) / base).toFixed(2) }]));

// (2) snapshot reading
const dir = mkdtempSync(join(tmpdir(), 'lw-bench-snapshot-'));
const file = join(dir, 'big.heapsnapshot');
const targetMb = Number(values['snapshot-mb']);
// ~1 MB of snapshot per 2,100 objects of this shape (measured: 330,000 gave 157 MB)
const objects = Math.round(targetMb * 2100);
execFileSync(process.execPath, ['--max-old-space-size=4096', '-e', `
  globalThis.keep = Array.from({ length: ${objects} }, (_, i) => ({ id: i, name: 'object-' + i, tags: ['t' + (i % 97), 'u' + (i % 89)], parent: null }));
  for (let i = 1; i < keep.length; i++) keep[i].parent = keep[i >> 1];
  require('v8').writeHeapSnapshot(${JSON.stringify(file)});`]);
const size = statSync(file).size;
const reader = join(root, 'packages/harness/dist/profile/heap-snapshot/read-heap-snapshot.js');
function measure(code) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', '--input-type=module', '-e', `
    const before = process.memoryUsage().rss;
    const t = performance.now();
    ${code}
    const ms = performance.now() - t;
    console.log(JSON.stringify({ ms, maxRss: process.resourceUsage().maxRSS * 1024, before }));`]);
  return JSON.parse(String(out));
}
const ours = [];
const json = [];
for (let r = 0; r < Math.max(3, Math.ceil(runs / 2)); r++) {
  ours.push(measure(`const { readHeapSnapshot } = await import(${JSON.stringify(reader)}); const s = await readHeapSnapshot(${JSON.stringify(file)}); globalThis.keep = s;`));
  json.push(measure(`const { readFileSync } = await import('node:fs'); globalThis.keep = JSON.parse(readFileSync(${JSON.stringify(file)}, 'utf8'));`));
}
rmSync(dir, { recursive: true, force: true });
const mb = size / 1e6;
const summarise = (xs) => {
  const ms = median(xs.map((x) => x.ms));
  const peak = median(xs.map((x) => x.maxRss));
  const added = median(xs.map((x) => x.maxRss - x.before));
  return { medianMs: +ms.toFixed(0), mbPerSecond: +(mb / (ms / 1000)).toFixed(0), peakRssMb: +(peak / 1e6).toFixed(0), peakOverSnapshot: +(peak / size).toFixed(2), addedOverSnapshot: +(added / size).toFixed(2) };
};
console.log(JSON.stringify({ node: process.version, harnessRun100: overhead, snapshot: { sizeMb: +mb.toFixed(0), leakwatchReader: summarise(ours), jsonParse: summarise(json) } }, null, 2));
