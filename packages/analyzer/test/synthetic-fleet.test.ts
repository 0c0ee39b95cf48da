import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyzeLogs, fleetSandbox, readEvents, syntheticFleet, type FleetOptions, type ReadCounts, type SandboxBehaviour } from '../src/index.js';

async function analyzeFleet(options: FleetOptions, maxLiveSandboxes?: number) {
  const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
  let total = 0;
  for (const _ of syntheticFleet(options)) total++;
  const text = Readable.from((function* () {
    for (const line of syntheticFleet(options)) yield line + '\n';
  })());
  // sandboxes judged while lines were still to come: those the live limit retired
  let retiredEarly = 0;
  const a = await analyzeLogs([readEvents(text, 'fleet.jsonl', counts)], counts, {
    ...(maxLiveSandboxes ? { maxLiveSandboxes } : {}),
    onSandbox: () => {
      if (counts.lines < total) retiredEarly++;
    },
  });
  return { ...a, retiredEarly };
}

/** Precision and recall of one finding kind against the sandboxes that should produce it. */
function score(findings: Array<{ kind: string; function?: string; evidence: Record<string, unknown> }>, options: FleetOptions, kind: string, truth: SandboxBehaviour) {
  const found = new Set(findings.filter((f) => f.kind === kind).map((f) => `${f.function}|${String(f.evidence['sandbox'])}`));
  let tp = 0;
  let positives = 0;
  for (let i = 0; i < options.sandboxes; i++) {
    const t = fleetSandbox(options, i);
    const key = `${t.fn}|${t.stream}`;
    if (t.behaviour === truth) {
      positives++;
      if (found.has(key)) tp++;
    }
  }
  return { precision: found.size === 0 ? 1 : tp / found.size, recall: positives === 0 ? 1 : tp / positives, positives, found: found.size };
}

const FLEET: FleetOptions = { sandboxes: 600, invocations: 60, concurrency: 40, seed: 7 };

describe('synthetic fleet with known truth', () => {
  it.each([
    ['600 sandboxes × 60 invocations (exact series)', FLEET],
    ['240 sandboxes × 200 invocations (bucketed series)', { sandboxes: 240, invocations: 200, concurrency: 60, seed: 5 }],
  ])('every per-sandbox detector reaches precision and recall ≥ 0.95: %s', async (_, fleet: FleetOptions) => {
    const FLEET = fleet;
    const a = await analyzeFleet(FLEET);
    expect(a.counts.unreadable).toBe(0);
    expect(a.counts.sandboxes).toBe(FLEET.sandboxes);
    const cases: Array<[string, SandboxBehaviour]> = [['memory-creep', 'leaking'], ['timeout', 'timing-out'], ['out-of-memory', 'oom-killed'], ['duration-growth', 'slowing']];
    for (const [kind, truth] of cases) {
      const s = score(a.findings, FLEET, kind, truth);
      expect(s.positives, kind).toBeGreaterThan(12);
      expect(s.precision, `${kind} precision (${s.found} found)`).toBeGreaterThanOrEqual(0.95);
      expect(s.recall, `${kind} recall`).toBeGreaterThanOrEqual(0.95);
    }
    // a single step after one large request is never memory-creep
    const stepping = new Set(Array.from({ length: FLEET.sandboxes }, (_, i) => fleetSandbox(FLEET, i)).filter((t) => t.behaviour === 'stepping').map((t) => t.stream));
    expect(a.findings.filter((f) => f.kind === 'memory-creep' && stepping.has(String(f.evidence['sandbox'])))).toEqual([]);
  });
  it('holds at most maxLiveSandboxes at once and finds the same with 48 as with 4096', async () => {
    const small = { ...FLEET, sandboxes: 240 };
    const wide = await analyzeFleet(small);
    const narrow = await analyzeFleet(small, 48);
    const ids = (f: Array<{ id: string }>) => f.map((x) => x.id).sort();
    expect(ids(narrow.findings)).toEqual(ids(wide.findings));
    expect(narrow.counts.sandboxes).toBe(240);
    expect(narrow.retiredEarly).toBeGreaterThanOrEqual(240 - 48 - 40);
    expect(wide.retiredEarly).toBe(0);
  });
  it('long-lived sandboxes (2,000 invocations each) are judged on bounded series and still caught', async () => {
    const long: FleetOptions = { sandboxes: 24, invocations: 2000, concurrency: 24, seed: 3, mix: { clean: 0.5, leaking: 0.25, stepping: 0.25, 'timing-out': 0, 'oom-killed': 0, slowing: 0 } };
    const a = await analyzeFleet(long);
    const s = score(a.findings, long, 'memory-creep', 'leaking');
    expect(s.positives).toBeGreaterThan(2);
    expect([s.precision, s.recall]).toEqual([1, 1]);
    const creep = a.findings.find((f) => f.kind === 'memory-creep');
    expect(creep?.evidence.series?.[0]?.y.length).toBeLessThanOrEqual(256);
    expect(creep?.evidence['invocations']).toBe(2000);
  });
});
