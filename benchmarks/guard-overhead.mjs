// Guard overhead: microseconds added per invocation by withLeakGuard, as the median of several
// runs of the same loop with the bare handler and the wrapped one in the same process.
// Run: npm run build && node benchmarks/guard-overhead.mjs
import { performance } from 'node:perf_hooks';
import { withLeakGuard } from '@leakwatch/guard';

const N = 20_000;
const bare = async (event) => ({ statusCode: 200, body: event.id });
const guarded = withLeakGuard(bare, { log: () => undefined });
const ctx = { awsRequestId: 'r', functionName: 'bench', getRemainingTimeInMillis: () => 3000 };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function loop(fn) {
  const t = performance.now();
  for (let i = 0; i < N; i++) await fn({ id: i }, ctx);
  return ((performance.now() - t) * 1000) / N;
}

const b = [];
const g = [];
for (let r = 0; r < 7; r++) {
  b.push(await loop(bare));
  g.push(await loop(guarded));
}
console.log(JSON.stringify({ bareMicrosPerInvocation: +median(b).toFixed(2), guardedMicrosPerInvocation: +median(g).toFixed(2), addedMicros: +(median(g) - median(b)).toFixed(2), ratio: +(median(g) / median(b)).toFixed(1) }));
