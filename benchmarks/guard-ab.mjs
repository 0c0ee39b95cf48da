// A/B of two builds of the guard in one process: an older build (GUARD_BEFORE: a copy of an earlier
// packages/guard/dist, kept inside the repository so it resolves @leakwatch/core, e.g.
// `cp -r packages/guard/dist benchmarks/guard-before` before the change) against the current one.
// Batches of the bare handler, the before guard and the after guard alternate (the order flips every
// round); each round gives each guard's CPU µs per invocation above the bare batch of the same round,
// and their difference; medians over the rounds. Small changes (tenths of a µs) show through the
// drift of a shared machine this way, where two separate runs of guard-overhead.mjs do not.
// Run: npm run build && GUARD_BEFORE=benchmarks/guard-before node benchmarks/guard-ab.mjs [trivial|realistic] [batch] [rounds]
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { withLeakGuard as after } from '@leakwatch/guard';
import { context, event, handlers } from './guard-overhead-handlers.mjs';

if (!process.env.GUARD_BEFORE) {
  console.error('guard-ab: set GUARD_BEFORE to a copy of an earlier packages/guard/dist inside the repository');
  process.exit(2);
}
const { withLeakGuard: before } = await import(pathToFileURL(resolve(process.env.GUARD_BEFORE, 'index.js')).href);
const shape = process.argv[2] ?? 'trivial';
const BATCH = Number(process.argv[3] ?? (shape === 'trivial' ? 20_000 : 200));
const ROUNDS = Number(process.argv[4] ?? 20);
const bare = handlers[shape];
const variants = { bare, before: before(bare), after: after(bare) };

async function batch(fn) {
  const start = process.cpuUsage();
  for (let i = 0; i < BATCH; i++) await fn(event, context());
  const used = process.cpuUsage(start);
  return (used.user + used.system) / BATCH;
}

for (let r = 0; r < 3; r++) for (const fn of Object.values(variants)) await batch(fn); // warm-up
const added = { before: [], after: [], difference: [] };
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 ? ['after', 'bare', 'before'] : ['before', 'bare', 'after'];
  const µs = {};
  for (const name of order) µs[name] = await batch(variants[name]);
  added.before.push(µs.before - µs.bare);
  added.after.push(µs.after - µs.bare);
  added.difference.push(µs.after - µs.before);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.error(JSON.stringify({ shape, batch: BATCH, rounds: ROUNDS, beforeAddedMicros: +median(added.before).toFixed(3), afterAddedMicros: +median(added.after).toFixed(3), afterMinusBeforeMicros: +median(added.difference).toFixed(3) }));
