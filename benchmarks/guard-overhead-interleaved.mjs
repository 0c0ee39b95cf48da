// One process of benchmarks/guard-overhead.mjs's interleaved measurement: the bare handler, the
// guard (always-on) and Powertools Logger + Metrics run in small batches that alternate within the
// process (the order rotates every round), so a drift of the machine's speed lands on all three
// alike; each round gives the difference of each instrumented batch to the bare one of the same
// round. None of the three installs a hook that would slow the others (the guard's async context
// is used on Node 24 only, where it costs next to nothing; Powertools uses one only when
// AWS_LAMBDA_MAX_CONCURRENCY is set). What the guard does once per process (a GC observer, the
// diagnostics channel subscriptions) is shared by the bare batches and so not counted.
// A fourth variant does a fixed amount of pure computation after the handler: what it measures
// shows how much dearer any fixed work is after this handler than in a tight loop.
// argv: <handler> <rounds> <batch>. Reports over IPC: CPU µs per invocation per round and variant.
import { withLeakGuard } from '@leakwatch/guard';
import { context, event, handlers, powertools } from './guard-overhead-handlers.mjs';

const [shape, rounds, batchSize] = process.argv.slice(2);
const ROUNDS = Number(rounds);
const BATCH = Number(batchSize);
const bare = handlers[shape];
let sink = 0;
/** Calibration: a fixed loop after the handler (~4 µs of CPU in a tight loop): what the same fixed work costs after this handler. */
function fixedWork(handler) {
  return async (ev, ctx) => {
    const result = await handler(ev, ctx);
    let x = 0;
    for (let i = 0; i < 3000; i++) x = (x * 31 + i) | 0;
    sink += x;
    return result;
  };
}
const variants = { bare, guard: withLeakGuard(bare), powertools: powertools(bare), 'fixed-work': fixedWork(bare) };
const names = Object.keys(variants);

/** CPU time (all threads: the file read runs on libuv's pool) per invocation over one batch, in µs. */
async function batch(fn) {
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) await fn(event, context());
  const used = process.cpuUsage(start);
  return (used.user + used.system) / BATCH;
}

for (let r = 0; r < 4; r++) for (const name of names) await batch(variants[name]); // warm-up: JIT, caches, the guard's first-use setup
const samples = Object.fromEntries(names.map((n) => [n, []]));
for (let r = 0; r < ROUNDS; r++) {
  const order = names.map((_, i) => names[(i + r) % names.length]);
  if (r % 2 === 1) order.reverse();
  for (const name of order) samples[name].push(await batch(variants[name]));
}
process.send({ samples, sink });
