import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lambdaPrices } from '@leakwatch/core';
import { analyzeLogs, eventsOfJson, fleetSandbox, mergeInsightsResults, readEvents, syntheticFleet, type FleetOptions, type InsightsRow, type LogEvent, type ReadCounts } from '../src/index.js';
import { fakeInsightsResults } from './fake-insights-engine.js';

const SINCE = Date.parse('2026-11-24T00:00:00Z');
const RECORDED = join(import.meta.dirname, 'fixtures/aws-insights-fleet-results.json');
const FLEET: FleetOptions = { sandboxes: 48, invocations: 60, concurrency: 24, functions: 2, seed: 21 };

function* events(options: FleetOptions): Generator<LogEvent> {
  for (const line of syntheticFleet(options)) yield* eventsOfJson(JSON.parse(line));
}

async function local(options: FleetOptions) {
  const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
  const text = Readable.from((function* () {
    for (const line of syntheticFleet(options)) yield line + '\n';
  })());
  return analyzeLogs([readEvents(text, 'fleet.jsonl', counts)], counts);
}

const KINDS = ['memory-creep', 'duration-growth', 'timeout', 'out-of-memory', 'over-provisioned-memory', 'cold-start-churn'];
const ids = (findings: Array<{ id: string; kind: string }>) => findings.filter((f) => KINDS.includes(f.kind)).map((f) => `${f.kind} ${f.id}`).sort();

describe('--engine insights: merging recorded (fake engine) result documents', () => {
  it('the recorded document of a synthetic fleet is what the fake engine answers for its events (LW_RECORD=1 rewrites it)', () => {
    const answer = fakeInsightsResults(events(FLEET), SINCE);
    if (process.env['LW_RECORD'] === '1' || !existsSync(RECORDED)) writeFileSync(RECORDED, JSON.stringify(answer, null, 1) + '\n');
    expect(JSON.parse(readFileSync(RECORDED, 'utf8'))).toEqual(answer);
  });
  it('merges the recorded document into the same findings, with the same ids, as the local analysis of the events', async () => {
    const recorded = JSON.parse(readFileSync(RECORDED, 'utf8')) as { results: InsightsRow[] };
    const pushed = mergeInsightsResults(recorded.results);
    const downloaded = await local(FLEET);
    expect(ids(pushed)).toEqual(ids(downloaded.findings));
    expect(new Set(pushed.map((f) => f.kind))).toEqual(new Set(KINDS.filter((k) => k !== 'cold-start-churn')));
    expect(pushed.every((f) => f.evidence['engine'] === 'insights')).toBe(true);
    // timeouts carry the billed time wasted, priced like the local finding
    const t = (list: typeof pushed) => list.filter((f) => f.kind === 'timeout').map((f) => [f.id, f.evidence['timeouts'], f.evidence['wastedMs'], f.cost?.usd]).sort();
    expect(t(pushed)).toEqual(t(downloaded.findings));
    // prices follow the options
    const cape = mergeInsightsResults(recorded.results, { prices: lambdaPrices({ region: 'af-south-1' }) }).find((f) => f.kind === 'timeout');
    expect(cape?.cost?.period).toContain('af-south-1');
  });
  it('short-lived sandboxes killed by timeouts: cold-start churn and its INIT cost, pushed down as computed locally (fake engine)', async () => {
    const churn: FleetOptions = { sandboxes: 30, invocations: 4, concurrency: 10, functions: 1, seed: 4, mix: { clean: 0.3, 'timing-out': 0.7, leaking: 0, stepping: 0, 'oom-killed': 0, slowing: 0 } };
    const pushed = mergeInsightsResults(fakeInsightsResults(events(churn), SINCE).results);
    const downloaded = await local(churn);
    expect(ids(pushed)).toEqual(ids(downloaded.findings));
    const c = (list: typeof pushed) => list.find((f) => f.kind === 'cold-start-churn');
    expect(c(pushed)?.evidence['coldStarts']).toBe(30);
    expect(c(pushed)?.cost?.usd).toBeCloseTo(c(downloaded.findings)?.cost?.usd ?? NaN, 12);
  });
  it('pushed-down detection keeps precision and recall ≥ 0.95 on a 600-sandbox fleet (fake engine)', () => {
    const fleet: FleetOptions = { sandboxes: 600, invocations: 60, concurrency: 40, seed: 7 };
    const pushed = mergeInsightsResults(fakeInsightsResults(events(fleet), SINCE).results);
    const cases: Array<[string, string]> = [['memory-creep', 'leaking'], ['timeout', 'timing-out'], ['out-of-memory', 'oom-killed'], ['duration-growth', 'slowing']];
    for (const [kind, truth] of cases) {
      const found = new Set(pushed.filter((f) => f.kind === kind).map((f) => `${f.function}|${String(f.evidence['sandbox'])}`));
      let tp = 0;
      let positives = 0;
      for (let i = 0; i < fleet.sandboxes; i++) {
        const s = fleetSandbox(fleet, i);
        if (s.behaviour !== truth) continue;
        positives++;
        if (found.has(`${s.fn}|${s.stream}`)) tp++;
      }
      expect(tp / Math.max(1, found.size), `${kind} precision`).toBeGreaterThanOrEqual(0.95);
      expect(tp / positives, `${kind} recall`).toBeGreaterThanOrEqual(0.95);
    }
  });
});
