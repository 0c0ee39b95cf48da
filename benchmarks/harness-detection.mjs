// Harness detection benchmarks (issue 2): how many invocations it takes to find a 1 KB/invocation
// heap leak and a one-handle-per-invocation leak, the false-positive rate of the fixed twins, and
// the time to a verdict for 100 invocations of a trivial handler (median of several runs, with the
// bare loop as the baseline measured in the same run).
// Run: npm run build && node benchmarks/harness-detection.mjs [--quick]
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { runInvocations } from '@leakwatch/harness';

const root = fileURLToPath(new URL('../', import.meta.url));
const quick = process.argv.includes('--quick');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const kept = [];
const heapLeak1k = async () => {
  kept.push(Array.from({ length: 125 }, () => Math.random())); // 125 doubles: ~1 KB retained per invocation ('x'.repeat() shares rope pieces)
  return { statusCode: 200 };
};
const handleLeak = async () => {
  setInterval(() => {}, 60_000); // one live interval per invocation
  return { statusCode: 200 };
};

/** Smallest N (in steps) at which the run finds the given kind, over `repeats` independent runs. */
async function invocationsToFind(handler, kind, steps, repeats) {
  const found = [];
  for (let r = 0; r < repeats; r++) {
    let at = Infinity;
    for (const n of steps) {
      const run = await runInvocations(handler, { invocations: n, cwd: root });
      if (run.findings.some((f) => f.kind === kind)) {
        at = n;
        break;
      }
    }
    found.push(at);
  }
  return median(found);
}

const results = {};
results.heap1k = await invocationsToFind(heapLeak1k, 'heap-growth', [20, 25, 30, 35, 40, 45, 50, 60, 80, 100], quick ? 1 : 3);
kept.length = 0;
results.handle = await invocationsToFind(handleLeak, 'handle-growth', [4, 5, 6, 7, 8, 9, 10, 12, 15, 20], quick ? 1 : 3);

// False positives: every fixed twin of the seed (no database ones: they need the servers), 200 invocations, repeated.
const twins = ['global-list', 'cpu-growing-scan', 'dangling-timer', 'process-listener', 'memory-logging'];
const repeats = quick ? 2 : 20;
let runs = 0;
let falsePositives = 0;
process.env.LEAKWATCH_EXAMPLE_QUIET = '1';
for (const twin of twins) {
  for (let r = 0; r < repeats; r++) {
    const run = await runInvocations({ module: `${root}examples/seed/${twin}.fixed.mjs` }, { invocations: 200, cwd: root });
    runs++;
    if (run.findings.length) {
      falsePositives++;
      console.error(`false positive: ${twin}: ${run.findings.map((f) => f.kind).join(', ')}`);
    }
  }
}

// Time to a verdict for 100 invocations of a trivial handler, against the bare loop.
const trivial = async () => ({ statusCode: 200 });
const withHarness = [];
const bare = [];
for (let r = 0; r < 5; r++) {
  let t = performance.now();
  await runInvocations(trivial, { invocations: 100, cwd: root });
  withHarness.push(performance.now() - t);
  t = performance.now();
  for (let i = 0; i < 100; i++) await trivial({}, {});
  bare.push(performance.now() - t);
}

console.log(JSON.stringify({
  invocationsToFind1KbHeapLeak: results.heap1k,
  invocationsToFindOneHandlePerInvocation: results.handle,
  fixedTwinRuns: runs,
  falsePositives,
  verdictMsFor100Trivial: Math.round(median(withHarness)),
  bareLoopMsFor100Trivial: Number(median(bare).toFixed(2)),
}, null, 2));
