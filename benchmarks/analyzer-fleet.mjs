// `leakwatch logs` on a generated fleet log at 1×, 4× and 16× size (16× ≈ 1 GB): wall time as a
// ratio to `grep -c REPORT` on the same file in the same run, peak RSS of the leakwatch process
// (/usr/bin/time), and the cost per size (linear?). Medians of LW_BENCH_RUNS runs (default 3),
// grep and leakwatch alternating. Files are generated once into the temp directory (not the repo).
// Run: npm run build && node benchmarks/analyzer-fleet.mjs   (LW_BENCH_BASE=sandboxes at 1×, default 365)
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticFleet } from '@leakwatch/analyzer';

const BIN = fileURLToPath(new URL('../packages/cli/dist/bin.js', import.meta.url));
const BASE = Number(process.env.LW_BENCH_BASE ?? 365);
const RUNS = Number(process.env.LW_BENCH_RUNS ?? 3);
const SCALES = (process.env.LW_BENCH_SCALES ?? '1,4,16').split(',').map(Number);
/** LW_BENCH_WORKERS=n also runs `leakwatch logs --workers n`, alternating with the one-thread run */
const WORKERS = Number(process.env.LW_BENCH_WORKERS ?? 0);
/** LW_BENCH_JS=1 also runs the JavaScript path alone (LEAKWATCH_SCANNER=js: no WebAssembly line scanner), alternating */
const JS_PATH = process.env.LW_BENCH_JS === '1';
/** LW_BENCH_SINGLE=1 also runs the one-worker analysis (LEAKWATCH_PIPELINE=off: no reader/judge pipeline), alternating */
const SINGLE = process.env.LW_BENCH_SINGLE === '1';
const fleet = (sandboxes) => ({ sandboxes, invocations: 200, concurrency: 200, seed: 11 });

async function generate(path, sandboxes) {
  const marker = `${path}.done`;
  if (existsSync(path) && existsSync(marker)) return;
  const out = createWriteStream(path);
  let buf = '';
  for (const line of syntheticFleet(fleet(sandboxes))) {
    buf += line + '\n';
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((done) => out.once('drain', done));
      buf = '';
    }
  }
  await new Promise((done) => out.end(buf, done));
  writeFileSync(marker, '');
}

function timed(cmd, args, env = process.env) {
  const t = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 1 << 28, env });
  const s = (performance.now() - t) / 1000;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return { s, stdout: r.stdout, stderr: r.stderr };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const scale of SCALES) {
  const path = join(tmpdir(), `leakwatch-fleet-${BASE}x${scale}.jsonl`);
  await generate(path, BASE * scale);
  const mb = statSync(path).size / 1e6;
  const grep = [];
  const ours = [];
  const rss = [];
  const par = [];
  const parRss = [];
  const js = [];
  const jsRss = [];
  const single = [];
  const singleRss = [];
  let summary;
  for (let i = 0; i < RUNS; i++) {
    const g = timed('grep', ['-c', 'REPORT', path]);
    grep.push(g.s);
    const l = timed('/usr/bin/time', ['-f', 'maxrss=%M', 'node', BIN, 'logs', path, '--json', '--quiet']);
    ours.push(l.s);
    rss.push(Number(/maxrss=(\d+)/.exec(l.stderr)?.[1] ?? NaN) / 1024);
    summary = JSON.parse(l.stdout).summary;
    if (WORKERS > 1) {
      const w = timed('/usr/bin/time', ['-f', 'maxrss=%M', 'node', BIN, 'logs', path, '--json', '--quiet', '--workers', String(WORKERS)]);
      par.push(w.s);
      parRss.push(Number(/maxrss=(\d+)/.exec(w.stderr)?.[1] ?? NaN) / 1024);
      if (JSON.parse(w.stdout).summary.findings !== summary.findings) console.warn(`--workers ${WORKERS} found ${JSON.parse(w.stdout).summary.findings} findings, one thread ${summary.findings}`);
    }
    if (JS_PATH) {
      const j = timed('/usr/bin/time', ['-f', 'maxrss=%M', 'node', BIN, 'logs', path, '--json', '--quiet'], { ...process.env, LEAKWATCH_SCANNER: 'js' });
      js.push(j.s);
      jsRss.push(Number(/maxrss=(\d+)/.exec(j.stderr)?.[1] ?? NaN) / 1024);
      if (j.stdout !== l.stdout) console.warn('the JavaScript path printed another report than the scanner');
    }
    if (SINGLE) {
      const o = timed('/usr/bin/time', ['-f', 'maxrss=%M', 'node', BIN, 'logs', path, '--json', '--quiet'], { ...process.env, LEAKWATCH_PIPELINE: 'off' });
      single.push(o.s);
      singleRss.push(Number(/maxrss=(\d+)/.exec(o.stderr)?.[1] ?? NaN) / 1024);
      if (o.stdout !== l.stdout) console.warn('the one-worker analysis printed another report than the pipeline');
    }
    if (i === 0 && Number(g.stdout.trim()) !== summary.invocations) console.warn(`grep counted ${g.stdout.trim()} REPORT lines, leakwatch ${summary.invocations}`);
  }
  const row = { scale, mb, sandboxes: BASE * scale, grep: median(grep), ours: median(ours), rss: Math.max(...rss), findings: summary.findings ?? summary.total };
  rows.push(row);
  console.log(`${scale}×  ${mb.toFixed(0)} MB  ${row.sandboxes} sandboxes  grep -c ${row.grep.toFixed(2)} s  leakwatch logs ${row.ours.toFixed(2)} s  (${(row.ours / row.grep).toFixed(1)}×, ${(mb / row.ours).toFixed(1)} MB/s)  peak RSS ${row.rss.toFixed(0)} MB`);
  if (JS_PATH) console.log(`    JavaScript path (LEAKWATCH_SCANNER=js): ${median(js).toFixed(2)} s (${(median(js) / row.grep).toFixed(1)}× grep; the scanner is ${(median(js) / row.ours).toFixed(2)}× faster; runs ${js.map((x) => x.toFixed(1)).join(', ')} s against ${ours.map((x) => x.toFixed(1)).join(', ')} s)  peak RSS ${Math.max(...jsRss).toFixed(0)} MB`);
  if (SINGLE) {
    const gain = median(single.map((x, k) => x - (ours[k] ?? NaN)));
    console.log(`    one worker (LEAKWATCH_PIPELINE=off): ${median(single).toFixed(2)} s (${(median(single) / row.grep).toFixed(1)}× grep; the pipeline saves ${gain.toFixed(2)} s, median of the paired differences; runs ${single.map((x) => x.toFixed(1)).join(', ')} s against ${ours.map((x) => x.toFixed(1)).join(', ')} s)  peak RSS ${Math.max(...singleRss).toFixed(0)} MB`);
  }
  if (WORKERS > 1) console.log(`    --workers ${WORKERS}: ${median(par).toFixed(2)} s (${(median(par) / row.grep).toFixed(1)}× grep, ${(row.ours / median(par)).toFixed(2)}× faster than the default; runs ${par.map((x) => x.toFixed(1)).join(', ')} s against ${ours.map((x) => x.toFixed(1)).join(', ')} s)  peak RSS ${Math.max(...parRss).toFixed(0)} MB`);
}
const first = rows[0];
for (const r of rows) console.log(`${r.scale}×: ${(r.ours / first.ours).toFixed(2)}× the time of 1× for ${(r.mb / first.mb).toFixed(2)}× the bytes`);
