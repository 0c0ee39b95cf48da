import { userFunction, type ProfileCallFrame, type UserFunction } from './user-site.js';

/** The inspector's `Profiler.Profile` (the fields we read). Times in microseconds. */
export interface CpuProfile {
  nodes: CpuProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}
export interface CpuProfileNode {
  id: number;
  callFrame: ProfileCallFrame;
  children?: number[];
  positionTicks?: { line: number; ticks: number }[];
}

/** CPU time of user functions per invocation. */
export interface CpuByInvocation {
  functions: Map<string, UserFunction>;
  /** function key → self time (ms) in invocation i (index i - 1); time in Node or a dependency counts for the user function that called it */
  selfMs: Map<string, Float64Array>;
  /** function key → 1-based line → ticks, over the whole run: the hot line of each function */
  lineTicks: Map<string, Map<number, number>>;
}

/**
 * Splits one CPU profile of the whole run into per-invocation self times of user functions.
 * `windows[i]` is the `[start, end)` of invocation i + 1 in the profile's clock (microseconds of
 * the monotonic clock, the same as `process.hrtime`). A sample inside Node, a dependency or a
 * builtin counts for the nearest user function above it, so a scan that spends its time in
 * `Array.prototype.some` or `crypto` is charged to the line that runs it.
 *
 * @example
 * ```ts
 * const byInvocation = cpuByInvocation(profile, windows, process.cwd());
 * ```
 */
export function cpuByInvocation(profile: CpuProfile, windows: readonly (readonly [number, number])[], cwd: string): CpuByInvocation {
  const byId = new Map<number, CpuProfileNode>();
  for (const node of profile.nodes) byId.set(node.id, node);
  // the user function each node's samples are charged to
  const charged = new Map<number, UserFunction | undefined>();
  const functions = new Map<string, UserFunction>();
  const lineTicks = new Map<string, Map<number, number>>();
  const walk = (id: number, inherited: UserFunction | undefined): void => {
    const node = byId.get(id);
    if (!node) return;
    const own = userFunction(node.callFrame, cwd);
    const fn = own ?? inherited;
    charged.set(id, fn);
    if (own) {
      functions.set(own.key, own);
      if (node.positionTicks?.length) {
        let lines = lineTicks.get(own.key);
        if (!lines) lineTicks.set(own.key, (lines = new Map()));
        for (const t of node.positionTicks) lines.set(t.line, (lines.get(t.line) ?? 0) + t.ticks);
      }
    }
    for (const child of node.children ?? []) walk(child, fn);
  };
  const root = profile.nodes[0];
  if (root) walk(root.id, undefined);

  const selfMs = new Map<string, Float64Array>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = profile.startTime;
  let w = 0;
  for (let i = 0; i < samples.length; i++) {
    const dt = deltas[i] ?? 0;
    t += dt;
    while (w < windows.length && t >= windows[w]![1]) w++;
    if (w >= windows.length) break;
    if (t < windows[w]![0]) continue;
    const fn = charged.get(samples[i]!);
    if (!fn) continue;
    let series = selfMs.get(fn.key);
    if (!series) selfMs.set(fn.key, (series = new Float64Array(windows.length)));
    // a sample stands for the time until the next one
    const next = deltas[i + 1] ?? dt;
    series[w] = series[w]! + next / 1000;
  }
  return { functions, selfMs, lineTicks };
}

/** The line of a function with the most samples, or the function's own line. */
export function hotLine(cpu: CpuByInvocation, key: string): number | undefined {
  const lines = cpu.lineTicks.get(key);
  if (!lines) return undefined;
  let best: number | undefined;
  let most = 0;
  for (const [line, ticks] of lines) {
    if (ticks > most) {
      most = ticks;
      best = line;
    }
  }
  return best;
}
