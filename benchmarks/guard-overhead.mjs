// Guard overhead against a bare handler and against AWS Lambda Powertools (Logger + Metrics: one
// structured log line and one EMF line per invocation, the usual production instrumentation), on
// a trivial and a realistic handler (parse a 10 KB JSON body, one async hop, one small file read,
// serialise), and the realistic one's parse and serialise alone ("parse", no I/O). All figures
// are CPU time per invocation (all threads; on a shared machine it does not count waiting for a
// core, which wall time does), and every variant writes its lines to stdout, which goes to
// /dev/null. SHAPES=trivial,realistic,parse (the default) picks the handlers.
//
// 1. Interleaved (the guard always-on and Powertools): in each of RUNS fresh processes the bare
//    handler, the guard, Powertools and a fixed-work calibration run in batches that alternate
//    (guard-overhead-interleaved.mjs); a process's figure is the median over its rounds of each
//    variant's difference to the bare batch of the same round, and the result is the median over
//    the processes. Pairing batches milliseconds apart cancels the machine's drift that made a
//    difference of two separate processes' figures unusable on the 320 µs realistic handler
//    (single runs ranged ±100 µs). Batches are long enough (2,000 and 50 invocations) that
//    switching between variants (cold code at a batch's start) adds little.
// 2. One variant per process (deep capture and a naive async_hooks stack hook install hooks that
//    would slow everything else in the process): RUNS runs, variants alternating within a run;
//    "added" is the median of the per-run differences to the bare process of the same run.
// Run: npm run build && node benchmarks/guard-overhead.mjs   (RUNS=7 by default)
import { fork } from 'node:child_process';
import { openSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.RUNS ?? 7);
const here = (file) => fileURLToPath(new URL(file, import.meta.url));
const devnull = openSync('/dev/null', 'w');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const round = (x, digits = 2) => +x.toFixed(digits);
/** invocations per batch and rounds per process (interleaved); invocations per process (one variant per process) */
const allShapes = { trivial: { batch: 2000, rounds: 30, perProcess: 20_000 }, realistic: { batch: 50, rounds: 60, perProcess: 4_000 }, parse: { batch: 200, rounds: 40, perProcess: 10_000 } };
/** SHAPES=trivial,realistic,parse (the default) picks the handlers */
const shapes = Object.fromEntries((process.env.SHAPES ?? 'trivial,realistic,parse').split(',').map((n) => [n, allShapes[n]]));
const perProcessVariants = ['bare', 'guard', 'guard-deep-capture', 'async-hooks-stack'];

function child(script, args) {
  return new Promise((resolve, reject) => {
    const p = fork(here(script), args, { stdio: ['ignore', devnull, 'inherit', 'ipc'], env: { ...process.env, AWS_LAMBDA_FUNCTION_NAME: 'bench' } });
    p.once('message', resolve);
    p.once('exit', (code) => code !== 0 && reject(new Error(`${script} ${args.join(' ')} exited ${code}`)));
  });
}

const load = [loadavg()[0]];
const results = {};
for (const [shape, { batch, rounds, perProcess }] of Object.entries(shapes)) {
  const runs = [];
  for (let r = 0; r < RUNS; r++) {
    const { samples: s } = await child('guard-overhead-interleaved.mjs', [shape, String(rounds), String(batch)]);
    const added = (v) => median(s[v].map((x, i) => x - s.bare[i]));
    runs.push({ bare: median(s.bare), guard: added('guard'), powertools: added('powertools'), fixedWork: added('fixed-work') });
  }
  const bare = median(runs.map((x) => x.bare));
  const guard = median(runs.map((x) => x.guard));
  const powertools = median(runs.map((x) => x.powertools));
  const fixedWork = median(runs.map((x) => x.fixedWork));
  const raw = Object.fromEntries(perProcessVariants.map((v) => [v, []]));
  for (let r = 0; r < RUNS; r++) for (const v of perProcessVariants) raw[v].push((await child('guard-overhead-child.mjs', [v, shape, String(perProcess)])).cpuMicros);
  const addedPerProcess = (v) => median(raw[v].map((x, i) => x - raw.bare[i]));
  results[shape] = {
    interleaved: {
      bareMicros: round(bare),
      guardAddedMicros: round(guard),
      powertoolsAddedMicros: round(powertools),
      fixedWorkAddedMicros: round(fixedWork),
      guardAddedPercent: round((guard / bare) * 100),
      guardOverPowertools: round(guard / powertools, 3),
      perRun: runs.map((x) => ({ bare: round(x.bare), guard: round(x.guard), powertools: round(x.powertools), fixedWork: round(x.fixedWork) })),
    },
    onePerProcess: {
      cpuMicrosPerInvocation: Object.fromEntries(perProcessVariants.map((v) => [v, round(median(raw[v]))])),
      addedMicros: Object.fromEntries(perProcessVariants.filter((v) => v !== 'bare').map((v) => [v, round(addedPerProcess(v))])),
      deepCaptureOverStackHook: round(addedPerProcess('guard-deep-capture') / addedPerProcess('async-hooks-stack'), 3),
    },
  };
  load.push(loadavg()[0]);
}
console.log(JSON.stringify({ node: process.version, runs: RUNS, loadAverage1m: load.map((x) => round(x, 1)), results }, null, 2));
