// Guard overhead against a bare handler and against AWS Lambda Powertools (Logger + Metrics: one
// structured log line and one EMF line per invocation, the usual production instrumentation), on
// a trivial and a realistic handler (parse a 10 KB JSON body, one async hop, one small file read,
// serialise). Deep capture is compared with a plain async_hooks hook that formats a stack per
// resource. Each figure is the median of RUNS fresh processes; variants alternate within a run;
// every variant writes its lines to stdout, which goes to /dev/null. The figures compared are CPU
// time per invocation (robust on a shared machine); wall time is reported beside them. Added costs are medians of the
// per-run differences to the bare handler measured in the same run (pairing cancels the drift of a
// shared machine better than a difference of medians).
// Run: npm run build && node benchmarks/guard-overhead.mjs
import { fork } from 'node:child_process';
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 11);
const child = fileURLToPath(new URL('./guard-overhead-child.mjs', import.meta.url));
const devnull = openSync('/dev/null', 'w');
const variants = ['bare', 'guard', 'guard-deep-capture', 'powertools', 'async-hooks-stack'];
const shapes = { trivial: 20_000, realistic: 8_000 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function measure(variant, shape) {
  return new Promise((resolve, reject) => {
    const p = fork(child, [variant, shape, String(shapes[shape])], { stdio: ['ignore', devnull, 'inherit', 'ipc'], env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: 'bench' } });
    p.once('message', (m) => resolve(m));
    p.once('exit', (code) => code !== 0 && reject(new Error(`${variant}/${shape} exited ${code}`)));
  });
}

const results = {};
for (const shape of Object.keys(shapes)) {
  const raw = Object.fromEntries(variants.map((v) => [v, []]));
  for (let r = 0; r < RUNS; r++) for (const v of variants) raw[v].push(await measure(v, shape));
  const samples = Object.fromEntries(variants.map((v) => [v, raw[v].map((s) => s.cpuMicros)]));
  const m = Object.fromEntries(variants.map((v) => [v, median(samples[v])]));
  const added = (v) => median(samples[v].map((x, i) => x - samples.bare[i]));
  results[shape] = {
    cpuMicrosPerInvocation: Object.fromEntries(variants.map((v) => [v, +m[v].toFixed(2)])),
    wallMicrosPerInvocation: Object.fromEntries(variants.map((v) => [v, +median(raw[v].map((s) => s.wallMicros)).toFixed(2)])),
    addedMicros: Object.fromEntries(variants.filter((v) => v !== 'bare').map((v) => [v, +added(v).toFixed(2)])),
    guardAddedPercent: +((added('guard') / m.bare) * 100).toFixed(2),
    guardOverPowertools: +(added('guard') / added('powertools')).toFixed(3),
    deepCaptureOverStackHook: +(added('guard-deep-capture') / added('async-hooks-stack')).toFixed(3),
  };
}
console.log(JSON.stringify({ node: process.version, runs: RUNS, results }, null, 2));
