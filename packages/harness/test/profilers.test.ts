// The profilers on real handlers: the sampling heap profiler names the line that adds to the
// growing collection, heap snapshots name the variable that holds it, the CPU profiler names the
// scanning function; each fixed twin gets none of it. Real inspector sessions, real snapshots.
// Runs go through the real `leakwatch test` binary, so the handlers load with Node's own module
// loader (inside Vitest they would load through Vite's module runner).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Finding } from '@leakwatch/core';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const out = mkdtempSync(join(tmpdir(), 'lw-profilers-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

interface Run {
  findings: Finding[];
  notes: string[];
  profiles: string[];
  invocations: number;
}

/** `leakwatch test examples/<name> --json …`: the report's findings, notes and profile files. */
async function leakwatchTest(name: string, ...args: string[]): Promise<Run> {
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, [bin, 'test', `examples/${name}`, '--json', ...args], { cwd: root, timeout: 110_000, maxBuffer: 64 << 20 }));
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    if (err.code !== 1) throw new Error(`leakwatch exited ${err.code}: ${err.stderr}`);
    stdout = err.stdout;
  }
  const doc = JSON.parse(stdout) as { findings: Finding[]; summary: { notes?: string[]; profiles?: string[]; invocations: number } };
  return { findings: doc.findings, notes: doc.summary.notes ?? [], profiles: doc.summary.profiles ?? [], invocations: doc.summary.invocations };
}

const where = (f: Finding | undefined): string => (f?.site ? `${f.site.file}:${f.site.line}` : '-');
const kinds = (run: Run): string => run.findings.map((f) => `${f.kind} ${where(f)}\n  ${(f.evidence.summary ?? []).join('\n  ')}`).join('\n') + `\nnotes: ${run.notes.join('; ')}`;

interface Retainer {
  path: string;
  variable?: string;
  objects: number;
}
interface Allocation {
  file: string;
  line: number;
  function: string;
  bytesPerInvocation: number;
}

/** The line the example's header comment names: `… (line 12)`. */
function announcedLine(name: string): number {
  const text = readFileSync(`${root}examples/${name}`, 'utf8');
  const m = /\(line (\d+)\)/.exec(text);
  if (!m) throw new Error(`${name} names no line`);
  return Number(m[1]);
}

async function heapRun(name: string): Promise<{ run: Run; heap: Finding | undefined }> {
  const run = await leakwatchTest(name, '--heap-snapshots');
  return { run, heap: run.findings.find((f) => f.kind === 'heap-growth') };
}

describe('heap growth: allocation site and retainer path', () => {
  const cases: [string, RegExp, string][] = [
    ['seed/global-list.mjs', /^examples\/seed\/global-list\.mjs › module scope › processedOrders › Array$/, 'processedOrders'],
    ['profilers/closure-cache.mjs', /^examples\/profilers\/closure-cache\.mjs › module scope › renderPage › \(closure[^)]*\) › cache › Object$/, 'renderPage'],
    ['profilers/session-registry.cjs', /^examples\/profilers\/session-registry\.cjs › module scope › registry \(SessionRegistry\) › sessions › Map$/, 'registry'],
    ['profilers/listener-request.mjs', /^examples\/profilers\/listener-request\.mjs › module scope › shutdown › _events › flush › Array$/, 'shutdown'],
  ];
  for (const [name, path, variable] of cases) {
    it(`${name}: the line that adds to the collection, and the variable that holds it`, async () => {
      const { run, heap } = await heapRun(name);
      expect(heap, kinds(run)).toBeDefined();
      expect(where(heap), kinds(run)).toBe(`examples/${name}:${announcedLine(name)}`);
      const sites = heap!.evidence['allocationSites'] as Allocation[] | undefined;
      // The sampling profiler takes one allocation per ~4 KB on average: a leak of ~2 KB per
      // invocation (listener-request) has once gone unsampled in CI, and then the line comes from
      // the snapshot (the next test); the others leak enough to be sampled every time.
      if (sites || name !== 'profilers/listener-request.mjs') {
        expect(sites?.[0], kinds(run)).toMatchObject({ file: `examples/${name}`, line: announcedLine(name) });
        expect(sites![0]!.bytesPerInvocation).toBeGreaterThan(64);
      }
      const retainers = heap!.evidence['retainers'] as Retainer[];
      expect(retainers[0]?.path, kinds(run)).toMatch(path);
      expect(retainers[0]?.variable).toBe(variable);
      // one object or more per invocation between the two snapshots
      expect(retainers[0]!.objects).toBeGreaterThanOrEqual(run.invocations / 2);
      expect(heap!.evidence.summary?.some((l) => l.startsWith('held by ') && l.includes(variable))).toBe(true);
    });
  }

  it('when the sampling heap profiler names no site, the line that adds to the variable on the retainer path does', async () => {
    // one sample per 1 GB allocated: nothing is sampled, as happens by chance to a small leak
    const run = await leakwatchTest('profilers/listener-request.mjs', '--heap-snapshots', '--heap-sampling-interval', String(1 << 30));
    const heap = run.findings.find((f) => f.kind === 'heap-growth');
    expect(heap, kinds(run)).toBeDefined();
    expect(heap!.evidence['allocationSites']).toBeUndefined();
    expect(where(heap), kinds(run)).toBe(`examples/profilers/listener-request.mjs:${announcedLine('profilers/listener-request.mjs')}`);
    expect(heap!.evidence.summary).toContainEqual(expect.stringMatching(/^added to at examples\/profilers\/listener-request\.mjs:11: the line that adds to `shutdown` \(heap snapshot; the sampling heap profiler named no growing site from its 0 live samples after invocation 16\)$/));
  });

  it('--heap-sampling-interval must be a positive whole number', async () => {
    const r = await promisify(execFile)(process.execPath, [bin, 'test', 'examples/profilers/listener-request.mjs', '--heap-sampling-interval', '0'], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect((r as { code: number }).code).toBe(2);
    expect((r as { stderr: string }).stderr).toContain('--heap-sampling-interval must be a positive whole number');
  });

  const fixed = ['seed/global-list.fixed.mjs', 'profilers/closure-cache.fixed.mjs', 'profilers/session-registry.fixed.cjs', 'profilers/listener-request.fixed.mjs', 'profilers/duplicate-scan.fixed.mjs'];
  for (const name of fixed) {
    it(`${name}: no finding, with every profiler on`, async () => {
      const run = await leakwatchTest(name, '--heap-snapshots');
      expect(run.findings, kinds(run)).toEqual([]);
      expect(run.notes).toEqual([]);
    });
  }
});

describe('CPU growth: the scanning function', () => {
  it('profilers/duplicate-scan.mjs: the growth finding names isDuplicate and its loop line', async () => {
    const run = await leakwatchTest('profilers/duplicate-scan.mjs');
    // cpu-growth, or duration-growth when a loaded machine blurs the CPU series: both carry the functions
    const cpu = run.findings.find((f) => f.kind === 'cpu-growth' || f.kind === 'duration-growth');
    expect(cpu, kinds(run)).toBeDefined();
    expect(cpu!.site).toMatchObject({ file: 'examples/profilers/duplicate-scan.mjs', function: 'isDuplicate' });
    // a line of isDuplicate's body (7 to 12)
    expect(cpu!.site!.line).toBeGreaterThanOrEqual(7);
    expect(cpu!.site!.line).toBeLessThanOrEqual(12);
    const growing = cpu!.evidence['growingFunctions'] as { function: string; earlyMs: number; lateMs: number }[];
    expect(growing[0]!.function).toBe('isDuplicate');
    expect(growing[0]!.lateMs).toBeGreaterThan(growing[0]!.earlyMs * 3);
  });

  it('without the CPU profiler the same finding has no function', async () => {
    const run = await leakwatchTest('profilers/duplicate-scan.mjs', '--no-profile');
    const cpu = run.findings.find((f) => f.kind === 'cpu-growth' || f.kind === 'duration-growth');
    expect(cpu, kinds(run)).toBeDefined();
    expect(cpu!.evidence['growingFunctions']).toBeUndefined();
  });
});

describe('from code, inside Vitest', () => {
  it('runInvocations with freeze: the handler loads natively in the frozen child, and the path names its variables', async () => {
    const { runInvocations } = await import('../src/index.js');
    const run = await runInvocations({ module: `${root}examples/profilers/closure-cache.mjs` }, { invocations: 60, freeze: true, cwd: root, profile: { heap: true, snapshots: true } });
    const heap = run.findings.find((f) => f.kind === 'heap-growth');
    expect(heap, run.notes.join('\n')).toBeDefined();
    expect(where(heap)).toBe('examples/profilers/closure-cache.mjs:9');
    const retainers = heap!.evidence['retainers'] as Retainer[];
    expect(retainers[0]?.path).toMatch(/› module scope › renderPage › \(closure\) › cache › Object$/);
  });
});

describe('profile files', () => {
  it('--profile-out writes .heapprofile, .heapsnapshot and .cpuprofile that parse, and the findings refer to them', async () => {
    const dir = join(out, 'files');
    const run = await leakwatchTest('seed/global-list.mjs', '-n', '60', '--heap-snapshots', '--profile-out', dir);
    const names = run.profiles.map((f) => join(root, f).slice(dir.length + 1)).sort();
    expect(names).toEqual(['global-list.cpuprofile', 'global-list.early.heapsnapshot', 'global-list.heapprofile', 'global-list.late.heapsnapshot']);
    const cpu = JSON.parse(readFileSync(join(dir, 'global-list.cpuprofile'), 'utf8')) as { nodes: unknown[]; samples: unknown[] };
    expect(cpu.nodes.length).toBeGreaterThan(0);
    const heap = JSON.parse(readFileSync(join(dir, 'global-list.heapprofile'), 'utf8')) as { head: { children: unknown[] } };
    expect(heap.head.children.length).toBeGreaterThan(0);
    const snapshot = JSON.parse(readFileSync(join(dir, 'global-list.late.heapsnapshot'), 'utf8')) as { snapshot: { node_count: number } };
    expect(snapshot.snapshot.node_count).toBeGreaterThan(1000);
    const finding = run.findings.find((f) => f.kind === 'heap-growth');
    expect(finding?.evidence['profiles']).toEqual(expect.arrayContaining([join(dir, 'global-list.heapprofile'), join(dir, 'global-list.late.heapsnapshot')]));
  });

  it('a snapshot that cannot be written (no space left) is a note, and the rest of the report stays', async () => {
    const dir = join(out, 'full');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    // every write to /dev/full fails with ENOSPC, as a full disk does
    symlinkSync('/dev/full', join(dir, 'global-list.early.heapsnapshot'));
    const run = await leakwatchTest('seed/global-list.mjs', '-n', '60', '--heap-snapshots', '--profile-out', dir);
    expect(run.notes.join('\n')).toMatch(/early heap snapshot not written .*ENOSPC|no space/i);
    expect(existsSync('/dev/full')).toBe(true);
    const heap = run.findings.find((f) => f.kind === 'heap-growth');
    expect(heap, kinds(run)).toBeDefined();
    expect(heap!.evidence['allocationSites']).toBeDefined();
    expect(heap!.evidence['retainers']).toBeUndefined();
  });
});
