/** What a synthetic sandbox does, and so which finding it should (or should not) produce. */
export type SandboxBehaviour = 'clean' | 'leaking' | 'stepping' | 'timing-out' | 'oom-killed' | 'slowing';

/** Options of {@link syntheticFleet}. */
export interface FleetOptions {
  /** sandboxes in all (log streams) */
  sandboxes: number;
  /** invocations per sandbox (an OOM-killed sandbox stops at its kill) */
  invocations: number;
  /** functions the sandboxes are spread over; default 4 */
  functions?: number;
  /** sandboxes alive at once, interleaved in time order; default 50 */
  concurrency?: number;
  /** seed of the deterministic generator; default 1 */
  seed?: number;
  /** share of each behaviour; default 0.6 clean and 0.08 each of the others */
  mix?: Partial<Record<SandboxBehaviour, number>>;
  /** epoch ms of the first invocation; default 2026-11-24T00:00:00Z */
  start?: number;
}

/** The truth about one generated sandbox. */
export interface FleetSandbox {
  fn: string;
  stream: string;
  behaviour: SandboxBehaviour;
}

const DEFAULT_MIX: Record<SandboxBehaviour, number> = { clean: 0.6, leaking: 0.08, stepping: 0.08, 'timing-out': 0.08, 'oom-killed': 0.08, slowing: 0.08 };

/**
 * The behaviour of sandbox `i` of a fleet: deterministic in (seed, i), so a test can know the truth
 * of a fleet too large to hold.
 *
 * @example
 * ```ts
 * fleetSandbox({ sandboxes: 100, invocations: 50 }, 7); // { fn: 'fn-3', stream: '2026/11/24/[$LATEST]…', behaviour: 'clean' }
 * ```
 */
export function fleetSandbox(options: FleetOptions, i: number): FleetSandbox {
  const rnd = random((options.seed ?? 1) * 1_000_003 + i);
  const mix = { ...DEFAULT_MIX, ...options.mix };
  const total = Object.values(mix).reduce((a, b) => a + b, 0);
  let pick = rnd() * total;
  let behaviour: SandboxBehaviour = 'clean';
  for (const [b, share] of Object.entries(mix) as Array<[SandboxBehaviour, number]>) {
    if (pick < share) {
      behaviour = b;
      break;
    }
    pick -= share;
  }
  const fn = `fn-${i % (options.functions ?? 4)}`;
  const stream = `2026/11/24/[$LATEST]${(i + 1).toString(16).padStart(8, '0')}${Math.floor(rnd() * 0xffffff).toString(16).padStart(6, '0')}`;
  return { fn, stream, behaviour };
}

/**
 * Generates a fleet's Lambda logs as JSON Lines of CloudWatch events (`logGroupName`,
 * `logStreamName`, `timestamp`, `message`: the shape `filter-log-events` returns per event),
 * sandboxes interleaved in time order, `concurrency` alive at once. Each invocation writes START,
 * an application line, END and REPORT; cold starts carry INIT_START and an Init Duration. Behaviours:
 * `leaking` (Max Memory Used rises 0.5–3 MB per invocation, less when the run is long), `stepping` (one jump after a large
 * request), `timing-out` (several `Task timed out` invocations), `oom-killed` (one large request
 * exceeds the memory size; the sandbox dies), `slowing` (duration grows 7–15 % of its start per invocation), `clean`.
 * Constant memory: lines are produced as they are read.
 *
 * @example
 * ```ts
 * for (const line of syntheticFleet({ sandboxes: 100, invocations: 50 })) out.write(line + '\n');
 * ```
 */
export function* syntheticFleet(options: FleetOptions): Generator<string> {
  const concurrency = Math.max(1, options.concurrency ?? 50);
  let clock = options.start ?? Date.parse('2026-11-24T00:00:00Z');
  for (let wave = 0; wave * concurrency < options.sandboxes; wave++) {
    const members: Array<Generator<{ time: number; message: string }>> = [];
    const truth: FleetSandbox[] = [];
    for (let i = wave * concurrency; i < Math.min(options.sandboxes, (wave + 1) * concurrency); i++) {
      const t = fleetSandbox(options, i);
      truth.push(t);
      members.push(sandboxLines(t, options, i, clock + (i % concurrency) * 37));
    }
    // merge the members' lines in time order (each member's own lines are in order)
    const heads = members.map((m) => m.next());
    for (;;) {
      let best = -1;
      for (let k = 0; k < heads.length; k++) {
        const h = heads[k];
        if (h && !h.done && (best < 0 || h.value.time < (heads[best] as IteratorYieldResult<{ time: number }>).value.time)) best = k;
      }
      if (best < 0) break;
      const h = heads[best] as IteratorYieldResult<{ time: number; message: string }>;
      const t = truth[best] as FleetSandbox;
      clock = Math.max(clock, h.value.time);
      yield JSON.stringify({ logGroupName: `/aws/lambda/${t.fn}`, logStreamName: t.stream, timestamp: h.value.time, message: h.value.message });
      heads[best] = (members[best] as Generator<{ time: number; message: string }>).next();
    }
    clock += 60_000;
  }
}

function* sandboxLines(t: FleetSandbox, options: FleetOptions, i: number, start: number): Generator<{ time: number; message: string }> {
  const rnd = random((options.seed ?? 1) * 7_919 + i * 31 + 5);
  const n = options.invocations;
  const memoryMb = t.behaviour === 'oom-killed' ? 256 : 1024;
  const base = 60 + Math.floor(rnd() * 40);
  // a leak that stays below the memory size over the run (else it is an out-of-memory sandbox)
  const slope = Math.min(0.5 + rnd() * 2.5, (0.9 * memoryMb - base) / n);
  const stepAt = 5 + Math.floor(rnd() * Math.max(1, n - 10));
  const stepBy = 40 + Math.floor(rnd() * 100);
  const killAt = Math.max(8, Math.floor(n * (0.4 + rnd() * 0.5)));
  const baseMs = 40 + rnd() * 160;
  const growMs = Math.max(2, baseMs * (0.07 + rnd() * 0.08));
  let time = start;
  let high = base;
  for (let j = 0; j < n; j++) {
    const id = uuid(rnd);
    time += 30_000 + Math.floor(rnd() * 60_000);
    let used = base + Math.floor(rnd() * 3) + (j > 3 ? 2 : 0);
    let durationMs = baseMs * (0.85 + rnd() * 0.3);
    let timedOut = false;
    let killed = false;
    if (t.behaviour === 'leaking') used = base + Math.floor(slope * j);
    if (t.behaviour === 'stepping' && j >= stepAt) used += stepBy;
    if (t.behaviour === 'slowing') durationMs = baseMs + growMs * j + rnd() * growMs * 0.5;
    if (t.behaviour === 'timing-out' && j % 7 === 3) {
      durationMs = 3000;
      timedOut = true;
    }
    if (t.behaviour === 'oom-killed' && j === killAt) {
      used = memoryMb;
      killed = true;
    }
    high = Math.max(high, used);
    const iso = (ms: number): string => new Date(ms).toISOString();
    if (j === 0) yield { time, message: `INIT_START Runtime Version: nodejs:20.v40\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:0123456789abcdef` };
    yield { time, message: `START RequestId: ${id} Version: $LATEST` };
    yield { time: time + 1, message: `${iso(time + 1)}\t${id}\tINFO\tprocessing order ${i}-${j} for customer ${Math.floor(rnd() * 1e6)}` };
    const end = time + Math.ceil(durationMs);
    if (timedOut) yield { time: end, message: `${iso(end)} ${id} Task timed out after 3.00 seconds` };
    if (killed) yield { time: end, message: `RequestId: ${id} Error: Runtime exited with error: signal: killed\nRuntime.ExitError` };
    yield { time: end, message: `END RequestId: ${id}` };
    const init = j === 0 ? `\tInit Duration: ${(150 + rnd() * 200).toFixed(2)} ms` : '';
    const status = timedOut ? '\tStatus: timeout' : killed ? '\tStatus: error\tError Type: Runtime.OutOfMemory' : '';
    yield { time: end, message: `REPORT RequestId: ${id}\tDuration: ${durationMs.toFixed(2)} ms\tBilled Duration: ${Math.ceil(durationMs)} ms\tMemory Size: ${memoryMb} MB\tMax Memory Used: ${high} MB${init}${status}\t` };
    time = end;
    if (killed) return;
  }
}

function uuid(rnd: () => number): string {
  const h = (n: number): string => Array.from({ length: n }, () => Math.floor(rnd() * 16).toString(16)).join('');
  return `${h(8)}-${h(4)}-4${h(3)}-a${h(3)}-${h(12)}`;
}

/** mulberry32: a small deterministic generator, good enough for test data. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
