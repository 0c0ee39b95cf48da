import { writeFileSync } from 'node:fs';
import type { Session } from 'node:inspector';
import { join } from 'node:path';
import { judgeTrend, median, relativeTo, type Finding } from '@leakwatch/core';
import type { HarnessProbe, InvocationSample, ProbeContext, ProbeResult } from '../probe.js';
import { cpuByInvocation, hotLine, type CpuByInvocation, type CpuProfile } from './cpu-attribution.js';
import { baseName } from './heap-probe.js';
import { connectSession, post } from './inspector-post.js';

/** µs between CPU samples: V8's default. 200 µs cost 5× the signals for no better verdict (benchmarks/RESULTS.md, "Profilers"). */
export const CPU_SAMPLING_INTERVAL = 1000;

/** A user function whose self time grows per invocation, as findings carry it. */
export interface GrowingFunction {
  function: string;
  file: string;
  /** the function's hottest line */
  line: number;
  msPerInvocation: number;
  earlyMs: number;
  lateMs: number;
}

/** The hot functions of one slow invocation. */
export interface SlowInvocation {
  invocation: number;
  durationMs: number;
  hot: { function: string; file: string; line: number; ms: number }[];
}

const fmt = (v: number): string => (v >= 10 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toFixed(2));

/**
 * The CPU profiler across the run: each invocation's samples are split out by time, so the
 * functions whose self time grows from early to late invocations are named (with their hottest
 * line) on a `cpu-growth` or `duration-growth` finding, and timeouts and slow invocations get the
 * functions that were hot in them.
 *
 * @example
 * ```ts
 * const probe = new CpuProbe();
 * ```
 */
export class CpuProbe implements HarnessProbe {
  readonly name = 'CPU profiler';
  private session: Session | undefined;
  private windows: [number, number][] = [];
  private last = 0;
  private growing: GrowingFunction[] = [];
  private slow: SlowInvocation[] = [];
  private file: string | undefined;

  async setup(): Promise<void> {
    this.session = connectSession();
    await post(this.session, 'Profiler.enable');
    await post(this.session, 'Profiler.setSamplingInterval', { interval: CPU_SAMPLING_INTERVAL });
    await post(this.session, 'Profiler.start');
    this.last = nowMicros();
  }

  async afterInvocation(): Promise<void> {
    const now = nowMicros();
    this.windows.push([this.last, now]);
    this.last = now;
  }

  async finish(samples: readonly InvocationSample[], ctx: ProbeContext): Promise<ProbeResult> {
    const session = this.session;
    if (!session) return { findings: [] };
    const notes: string[] = [];
    let profile: CpuProfile;
    try {
      ({ profile } = await post<{ profile: CpuProfile }>(session, 'Profiler.stop'));
    } finally {
      session.disconnect();
      this.session = undefined;
    }
    if (ctx.outDir) {
      const file = join(ctx.outDir, `${baseName(ctx)}.cpuprofile`);
      try {
        writeFileSync(file, JSON.stringify(profile));
        this.file = file;
      } catch (error) {
        notes.push(`profile not written: ${file}: ${(error as Error).message}`);
      }
    }
    const cpu = cpuByInvocation(profile, this.windows, ctx.cwd);
    this.growing = growingFunctions(cpu, samples);
    this.slow = slowInvocations(cpu, samples);
    return { findings: [], files: this.file ? [this.file] : [], notes };
  }

  /** Names the functions on `cpu-growth`, `duration-growth` and `timeout` findings. */
  refine(findings: Finding[]): Finding[] {
    const profiles = this.file ? [this.file] : [];
    const profileLine = this.file ? [`profile: ${relativeTo(this.file, process.cwd())} (open in Chrome DevTools › Performance)`] : [];
    return findings.map((f) => {
      if ((f.kind === 'cpu-growth' || f.kind === 'duration-growth') && this.growing.length > 0) {
        const top = this.growing[0]!;
        const summary = [
          ...(f.evidence.summary ?? []),
          ...this.growing.slice(0, 3).map((g) => `grows in ${g.function} (${g.file}:${g.line}): self time ${fmt(g.earlyMs)} ms → ${fmt(g.lateMs)} ms per invocation (CPU profiler)`),
          ...this.slowLines(2),
          ...profileLine,
        ];
        return {
          ...f,
          site: { file: top.file, line: top.line, function: top.function },
          evidence: { ...f.evidence, summary, growingFunctions: this.growing, slowInvocations: this.slow, ...(profiles.length ? { profiles } : {}) },
        };
      }
      if (f.kind === 'timeout' && this.slow.length > 0) {
        const invocation = (f.evidence as { invocation?: number }).invocation;
        const slow = this.slow.find((s) => s.invocation === invocation) ?? this.slow[0]!;
        if (slow.hot.length === 0) return f;
        const hot = slow.hot.map((h) => `${h.function} (${h.file}:${h.line}) ${fmt(h.ms)} ms`).join(', ');
        return { ...f, evidence: { ...f.evidence, summary: [...(f.evidence.summary ?? []), `hot in invocation ${slow.invocation}: ${hot}`], hotFunctions: slow.hot } };
      }
      return f;
    });
  }

  private slowLines(count: number): string[] {
    return this.slow
      .filter((s) => s.hot.length > 0)
      .slice(0, count)
      .map((s) => `slow invocation ${s.invocation} (${fmt(s.durationMs)} ms): ${s.hot.map((h) => `${h.function} (${h.file}:${h.line}) ${fmt(h.ms)} ms`).join(', ')}`);
  }
}

function nowMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Functions whose self time per invocation has a significant upward trend, largest growth first. */
export function growingFunctions(cpu: CpuByInvocation, samples: readonly InvocationSample[]): GrowingFunction[] {
  const n = samples.length;
  if (n < 12) return [];
  const x = samples.map((s) => s.index);
  const out: GrowingFunction[] = [];
  for (const [key, series] of cpu.selfMs) {
    const y = Array.from(series.subarray(0, n));
    const verdict = judgeTrend(y, { minSlope: 0.001, x, alpha: 0.01 });
    if (!verdict.growing) continue;
    const tenth = Math.max(3, Math.floor(n / 10));
    const earlyMs = mean(y.slice(0, tenth));
    const lateMs = mean(y.slice(-tenth));
    if (lateMs - earlyMs < 0.2) continue;
    const fn = cpu.functions.get(key)!;
    const line = hotLine(cpu, key) ?? fn.line;
    out.push({ function: enclosingFunction(cpu, fn.path, line) ?? fn.function, file: fn.file, line, msPerInvocation: verdict.slope, earlyMs, lateMs });
  }
  // an inlined function's samples can be charged to its caller with the callee's lines: one entry per line
  const byLine = new Map<string, GrowingFunction>();
  for (const g of out) {
    const key = `${g.file}:${g.line}`;
    const seen = byLine.get(key);
    if (!seen) byLine.set(key, { ...g });
    else {
      seen.msPerInvocation += g.msPerInvocation;
      seen.earlyMs += g.earlyMs;
      seen.lateMs += g.lateMs;
    }
  }
  return [...byLine.values()].sort((a, b) => b.msPerInvocation - a.msPerInvocation).slice(0, 5);
}

/** Timeouts and invocations at least three times the median duration (and 20 ms over it), slowest first. */
export function slowInvocations(cpu: CpuByInvocation, samples: readonly InvocationSample[]): SlowInvocation[] {
  const typical = median(samples.map((s) => s.durationMs));
  const slow = samples.filter((s) => s.outcome === 'timeout' || (s.durationMs >= 3 * typical && s.durationMs >= typical + 20));
  return slow
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 5)
    .map((s) => {
      const hot: SlowInvocation['hot'] = [];
      for (const [key, series] of cpu.selfMs) {
        const ms = series[s.index - 1] ?? 0;
        if (ms <= 0) continue;
        const fn = cpu.functions.get(key)!;
        const line = hotLine(cpu, key) ?? fn.line;
        const name = enclosingFunction(cpu, fn.path, line) ?? fn.function;
        const same = hot.find((h) => h.file === fn.file && h.line === line);
        if (same) same.ms += ms;
        else hot.push({ function: name, file: fn.file, line, ms });
      }
      hot.sort((a, b) => b.ms - a.ms);
      return { invocation: s.index, durationMs: s.durationMs, hot: hot.slice(0, 3) };
    });
}

/** The user function of `path` whose definition is the last one at or before `line`: the function a hot line is in. */
function enclosingFunction(cpu: CpuByInvocation, path: string, line: number): string | undefined {
  let best: { line: number; name: string } | undefined;
  for (const fn of cpu.functions.values()) {
    if (fn.path !== path || fn.line > line) continue;
    if (!best || fn.line > best.line) best = { line: fn.line, name: fn.function };
  }
  return best?.name;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
