import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Session } from 'node:inspector';
import { tmpdir } from 'node:os';
import { basename, extname, isAbsolute, join } from 'node:path';
import { formatBytes, relativeTo, type Finding } from '@leakwatch/core';
import { heapWarmup } from '../detect/heap.js';
import type { HarnessProbe, InvocationSample, ProbeContext, ProbeResult } from '../probe.js';
import { readHeapSnapshot } from './heap-snapshot/read-heap-snapshot.js';
import { retainedGrowth, type RetainedGroup } from './heap-snapshot/retained-growth.js';
import { writeHeapSnapshot } from './heap-snapshot/write-heap-snapshot.js';
import { connectSession, post } from './inspector-post.js';
import { addingLine } from './mutation-line.js';
import { allocatedSince, growthLine, lastOrdinal, type AllocationSite, type GrowthLine, type SamplingHeapProfile } from './sampling-sites.js';

/**
 * Bytes between two samples of the sampling heap profiler. 4 KB keeps its cost small (see
 * benchmarks/RESULTS.md, "Profilers") and still samples a 1 KB-per-invocation leak ~20 times over
 * the 84 invocations after the early point of a default run.
 */
export const HEAP_SAMPLING_INTERVAL = 4096;

/** A site whose live bytes grow at least this much per invocation is reported. */
const MIN_SITE_SLOPE = 64;

export interface HeapProbeOptions {
  snapshots: boolean;
  samplingInterval?: number;
}

/** An allocation site whose memory survives GC and grows, as findings carry it. */
export interface GrowingAllocation {
  file: string;
  line: number;
  function: string;
  bytesPerInvocation: number;
}

/**
 * The heap profilers as one probe. The sampling heap profiler runs across the whole run; its
 * profile is read twice, once early (the allocation ordinal reached then) and once after the last
 * invocation was measured: the sampled allocations made in between that are still alive, by
 * allocation site, are what the run kept. Sites that keep memory at a steady rate are the
 * allocation sites of a `heap-growth` finding. With `snapshots`, a heap snapshot at the same early
 * point and one at the end give the retainer paths of what was added in between.
 *
 * Reading a profile or taking a snapshot allocates and compiles on the harness's heap, so both
 * happen only at the early point, inside the warm-up that the heap detector does not judge, and
 * after the last measurement: the series the detectors judge is the same with the probe on.
 *
 * @example
 * ```ts
 * const probe = new HeapProbe({ snapshots: true });
 * ```
 */
export class HeapProbe implements HarnessProbe {
  readonly name = 'heap profiler';
  private session: Session | undefined;
  private sinceOrdinal = -1;
  private lastProfile: SamplingHeapProfile | undefined;
  private earlySnapshot: string | undefined;
  private earlyIndex = 0;
  private tempDir: string | undefined;
  private growing: (GrowingAllocation & { site: AllocationSite })[] = [];
  private retained: RetainedGroup[] = [];
  private retainedSpan: [number, number] = [0, 0];
  private files: string[] = [];
  private cwd = process.cwd();
  /** live samples the sampling heap profiler kept from after the early point (for the note when it names no site) */
  private liveSamples = 0;

  constructor(private readonly options: HeapProbeOptions) {}

  async setup(ctx: ProbeContext): Promise<void> {
    this.earlyIndex = Math.max(1, Math.floor(heapWarmup(ctx.invocations) / 2));
    this.session = connectSession();
    await post(this.session, 'HeapProfiler.enable');
    await post(this.session, 'HeapProfiler.startSampling', { samplingInterval: this.options.samplingInterval ?? HEAP_SAMPLING_INTERVAL });
  }

  async afterInvocation(sample: InvocationSample, ctx: ProbeContext): Promise<void> {
    const session = this.session;
    if (!session) return;
    if (sample.index === ctx.invocations && this.sinceOrdinal >= 0) {
      // the last invocation was measured: what is live now and was allocated since the early point is what the run kept
      this.lastProfile = (await post<{ profile: SamplingHeapProfile }>(session, 'HeapProfiler.getSamplingProfile')).profile;
    }
    if (sample.index !== this.earlyIndex || ctx.invocations <= this.earlyIndex) return;
    const { profile } = await post<{ profile: SamplingHeapProfile }>(session, 'HeapProfiler.getSamplingProfile');
    this.sinceOrdinal = lastOrdinal(profile);
    if (this.options.snapshots) {
      const file = this.snapshotPath(ctx, 'early');
      try {
        await writeHeapSnapshot(session, file);
        this.earlySnapshot = file;
      } catch (error) {
        throw new Error(`early heap snapshot not written (${(error as Error).message}); no retainer paths`);
      }
    }
  }

  async finish(samples: readonly InvocationSample[], ctx: ProbeContext): Promise<ProbeResult> {
    const notes: string[] = [];
    const session = this.session;
    if (!session) return { findings: [] };
    try {
      const { profile } = await post<{ profile: SamplingHeapProfile }>(session, 'HeapProfiler.stopSampling');
      if (ctx.outDir) this.writeFile(join(ctx.outDir, `${baseName(ctx)}.heapprofile`), JSON.stringify(profile), notes);
      this.cwd = ctx.cwd;
      if (this.lastProfile) this.growing = this.growingSites(this.lastProfile, samples.length - this.earlyIndex, ctx.cwd);
      this.lastProfile = undefined;
      if (this.options.snapshots && this.earlySnapshot && samples.length > this.earlyIndex) {
        await this.snapshots(session, samples.length, ctx, notes);
      }
    } finally {
      session.disconnect();
      this.session = undefined;
      if (this.tempDir) rmSync(this.tempDir, { recursive: true, force: true });
    }
    return { findings: [], files: this.files, notes };
  }

  private async snapshots(session: Session, last: number, ctx: ProbeContext, notes: string[]): Promise<void> {
    const lateFile = this.snapshotPath(ctx, 'late');
    try {
      await writeHeapSnapshot(session, lateFile);
    } catch (error) {
      notes.push(`late heap snapshot not written (${(error as Error).message}); no retainer paths`);
      return;
    }
    if (ctx.outDir) this.files.push(this.earlySnapshot!, lateFile);
    try {
      const early = await readHeapSnapshot(this.earlySnapshot!, { idsOnly: true });
      const late = await readHeapSnapshot(lateFile);
      this.retained = retainedGrowth(late, early, { cwd: ctx.cwd, top: 5 });
      this.retainedSpan = [this.earlyIndex, last];
    } catch (error) {
      notes.push(`heap snapshots not analysed: ${(error as Error).message}`);
    }
  }

  private growingSites(profile: SamplingHeapProfile, span: number, cwd: string): (GrowingAllocation & { site: AllocationSite })[] {
    const out: (GrowingAllocation & { site: AllocationSite })[] = [];
    if (span < 4) return out;
    for (const site of allocatedSince(profile, this.sinceOrdinal, cwd).values()) {
      this.liveSamples += site.samples;
      const perInvocation = site.bytes / span;
      if (perInvocation < MIN_SITE_SLOPE) continue;
      // a leak keeps adding to the end; a cache that filled early and stopped holds (almost) nothing
      // from the later half. Only judged on enough samples: 8 samples split 1:7 by chance 3.5% of the time.
      if (site.samples >= 8 && site.lateBytes < site.bytes * 0.15) continue;
      out.push({ ...growthLine(site), bytesPerInvocation: perInvocation, site });
    }
    return out.sort((a, b) => b.bytesPerInvocation - a.bytesPerInvocation).slice(0, 5);
  }

  /** Adds the allocation sites, the retainer paths and the files to the run's `heap-growth` finding. */
  refine(findings: Finding[]): Finding[] {
    return findings.map((f) => {
      if (f.kind !== 'heap-growth') return f;
      const summary = [...(f.evidence.summary ?? [])];
      const [from, to] = this.retainedSpan;
      const span = Math.max(1, to - from);
      // what grows with the invocations: a steady amount and at least one object per two of them
      const retained = this.retained.filter((g) => g.bytes / span >= MIN_SITE_SLOPE / 2 && g.objects >= span / 2);
      const names = retained[0]?.names ?? [];
      const sites = mergeSites(this.growing.map((g) => ({ ...growthLine(g.site, [...names].reverse()), bytesPerInvocation: g.bytesPerInvocation })));
      for (const s of sites.slice(0, 3)) summary.push(`allocated at ${s.file}:${s.line} (${s.function}): ${formatBytes(s.bytesPerInvocation)} per invocation survive GC (sampling heap profiler)`);
      // The sampling profiler sees one allocation per ~4 KB on average, so a small leak can go unsampled in a
      // run; the snapshots still name the variable that holds the growth, and the line adding to it is the site.
      const held = sites.length === 0 ? heldBy(retained[0], this.cwd) : undefined;
      if (held) summary.push(`added to at ${held.file}:${held.line}: the line that adds to \`${held.variable}\` (heap snapshot; the sampling heap profiler named no growing site from its ${this.liveSamples} live sample${this.liveSamples === 1 ? '' : 's'} after invocation ${from})`);
      for (const g of retained.slice(0, 3)) {
        summary.push(`held by ${g.path}: +${g.objects} objects, +${formatBytes(g.bytes)} between invocations ${from} and ${to}${g.holds.length ? ` (${g.holds.join(', ')})` : ''}`);
      }
      if (this.files.length > 0) summary.push(`profiles: ${this.files.map((p) => relativeTo(p, process.cwd())).join(', ')} (open in Chrome DevTools › Memory)`);
      const top = sites[0] ?? (held ? { file: held.file, line: held.line } : undefined);
      return {
        ...f,
        ...(top ? { site: { file: top.file, line: top.line, ...('function' in top ? { function: top.function } : {}) } } : {}),
        evidence: {
          ...f.evidence,
          summary,
          ...(sites.length ? { allocationSites: sites } : {}),
          ...(retained.length ? { retainers: retained.map((g) => ({ ...g, fromInvocation: from, toInvocation: to })) } : {}),
          ...(this.files.length ? { profiles: [...this.files] } : {}),
        },
      };
    });
  }

  private snapshotPath(ctx: ProbeContext, which: 'early' | 'late'): string {
    if (ctx.outDir) return join(ctx.outDir, `${baseName(ctx)}.${which}.heapsnapshot`);
    this.tempDir ??= mkdtempSync(join(tmpdir(), 'leakwatch-snapshots-'));
    return join(this.tempDir, `${which}.heapsnapshot`);
  }

  private writeFile(file: string, text: string, notes: string[]): void {
    try {
      writeFileSync(file, text);
      this.files.push(file);
    } catch (error) {
      notes.push(`profile not written: ${file}: ${(error as Error).message}`);
    }
  }
}

/** The line of the handler's file that adds to the module-scope variable holding the growth, when a snapshot named one. */
function heldBy(group: RetainedGroup | undefined, cwd: string): { file: string; line: number; variable: string } | undefined {
  if (!group?.file || !group.variable) return undefined;
  const line = addingLine(isAbsolute(group.file) ? group.file : join(cwd, group.file), group.variable);
  return line === undefined ? undefined : { file: group.file, line, variable: group.variable };
}

/**
 * One entry per line, bytes summed; lines that add to a collection before the functions where
 * nothing could be narrowed to a statement, larger first.
 */
function mergeSites(sites: (GrowthLine & { bytesPerInvocation: number })[]): GrowingAllocation[] {
  const byLine = new Map<string, GrowthLine & { bytesPerInvocation: number }>();
  for (const s of sites) {
    const key = `${s.file}:${s.line}`;
    const seen = byLine.get(key);
    if (seen) seen.bytesPerInvocation += s.bytesPerInvocation;
    else byLine.set(key, { ...s });
  }
  return [...byLine.values()]
    .sort((a, b) => Number(b.exact) - Number(a.exact) || b.bytesPerInvocation - a.bytesPerInvocation)
    .map(({ exact: _exact, ...rest }) => rest);
}

/** `global-list` for `/app/examples/global-list.mjs`: the stem of every profile file of a run. */
export function baseName(ctx: Pick<ProbeContext, 'handlerFile'>): string {
  const file = basename(ctx.handlerFile || 'handler');
  return file.slice(0, file.length - extname(file).length) || 'handler';
}
