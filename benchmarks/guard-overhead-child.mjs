// One measurement for benchmarks/guard-overhead.mjs's one-variant-per-process part, in a fresh
// process so hooks that one variant switches on (the deep capture's and the naive stack hook's
// async_hooks) never slow another one down.
// argv: <variant> <handler> <invocations>. Reports CPU and wall microseconds per invocation over IPC.
import { createHook } from 'node:async_hooks';
import { withLeakGuard } from '@leakwatch/guard';
import { Guard } from '../packages/guard/dist/guard.js';
import { resolveGuardOptions } from '../packages/guard/dist/options.js';
import { guardedCall, lambdaMeta } from '../packages/guard/dist/with-leak-guard.js';
import { context, event, handlers } from './guard-overhead-handlers.mjs';

const [variant, shape, n] = process.argv.slice(2);
const N = Number(n);
const bare = handlers[shape];

/** The guard with its creation-site capture held on (as for the few sampled invocations after a trend turns significant). */
function guardInDeepCapture(handler) {
  const guard = new Guard(resolveGuardOptions({}));
  guard['capture'].start(Number.MAX_SAFE_INTEGER);
  return (ev, ctx) => guardedCall(guard, lambdaMeta(ctx), () => handler(ev, ctx));
}

/** What a naive leak hunter does: an async_hooks hook that formats a stack for every resource. */
function plainStackHook(handler) {
  const stacks = new Map();
  createHook({ init: (id) => void stacks.set(id, new Error().stack), destroy: (id) => void stacks.delete(id) }).enable();
  return handler;
}

const variants = {
  bare: () => bare,
  guard: () => withLeakGuard(bare),
  'guard-deep-capture': () => guardInDeepCapture(bare),
  'async-hooks-stack': () => plainStackHook(bare),
};
const fn = variants[variant]();
for (let i = 0; i < Math.min(2000, N); i++) await fn(event, context());
const t = performance.now();
const cpu = process.cpuUsage();
for (let i = 0; i < N; i++) await fn(event, context());
const used = process.cpuUsage(cpu);
// CPU time is the figure compared: on a shared machine it does not count the time spent waiting
// for a core, which wall time does. Wall time is reported beside it.
process.send({ cpuMicros: (used.user + used.system) / N, wallMicros: ((performance.now() - t) * 1000) / N });
