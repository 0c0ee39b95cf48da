import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lambdaPrices } from '@leakwatch/core';
import { analyzeLogs, eventsOfJson, insightsDanglingQuery, fleetSandbox, mergeInsightsResults, readEvents, syntheticFleet, type FleetOptions, type InsightsRow, type LogEvent, type ReadCounts } from '../src/index.js';
import { fakeDanglingResults, fakeInsightsResults } from './fake-insights-engine.js';

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
  it('dangling-work through the second query (fake engine): the same findings as the local analysis, counted in requests', async () => {
    const t0 = Date.parse('2026-11-24T10:00:00Z');
    const iso = (ms: number): string => new Date(ms).toISOString();
    const lines: LogEvent[] = [];
    const invoke = (group: string, stream: string, i: number, late: number, report = true): void => {
      const id = `0000000${i}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`;
      const at = t0 + i * 1000;
      lines.push({ group, stream, time: at, message: `START RequestId: ${id} Version: $LATEST` });
      lines.push({ group, stream, time: at + 5, message: `${iso(at + 5)}\t${id}\tINFO\thandling order ${i}` });
      lines.push({ group, stream, time: at + 50, message: `END RequestId: ${id}` });
      if (report) lines.push({ group, stream, time: at + 50, message: `REPORT RequestId: ${id}\tDuration: 45.00 ms\tBilled Duration: 45 ms\tMemory Size: 256 MB\tMax Memory Used: 90 MB\t` });
      // work left running: the timer's lines come after the END, with the finished request's id
      for (let k = 1; k <= late; k++) lines.push({ group, stream, time: at + 50 + k * 200, message: `${iso(at + 50 + k * 200)}\t${id}\tINFO\tflushing metrics` });
    };
    for (let i = 0; i < 10; i++) invoke('/aws/lambda/orders', 'leaky', i, i % 2 === 0 ? 2 : 0); // 5 requests, 10 lines after END
    for (let i = 0; i < 10; i++) invoke('/aws/lambda/orders', 'clean', i, 0);
    for (let i = 0; i < 4; i++) invoke('/aws/lambda/cart', 'no-reports', i, 1, false); // only the dangling query names this stream
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    const downloaded = await analyzeLogs([(async function* () {
      yield* lines;
    })()], counts);
    const pushed = mergeInsightsResults(fakeInsightsResults(lines, SINCE).results, { dangling: fakeDanglingResults(lines).results });
    const dangling = (list: typeof pushed) => list.filter((f) => f.kind === 'dangling-work').map((f) => f.id).sort();
    expect(dangling(pushed)).toEqual(dangling(downloaded.findings));
    expect(dangling(pushed)).toHaveLength(2);
    const leaky = pushed.find((f) => f.kind === 'dangling-work' && f.evidence['sandbox'] === 'leaky');
    expect(leaky?.evidence['requestsAfterEnd']).toBe(5);
    expect(leaky?.evidence['linesAfterEnd']).toBeUndefined();
    expect(leaky?.title).toBe('5 requests of orders logged after their invocation ended, in sandbox leaky');
    expect(leaky?.evidence['engine']).toBe('insights');
    expect(downloaded.findings.find((f) => f.kind === 'dangling-work' && f.evidence['sandbox'] === 'leaky')?.evidence['linesAfterEnd']).toBe(10);
    expect(pushed.find((f) => f.kind === 'dangling-work' && f.evidence['sandbox'] === 'no-reports')?.function).toBe('cart');
    // without the second query's rows, nothing about dangling work
    expect(mergeInsightsResults(fakeInsightsResults(lines, SINCE).results).some((f) => f.kind === 'dangling-work')).toBe(false);
    // the query says what the fake engine evaluates: two stats, the second over the first's fields
    const q = insightsDanglingQuery();
    expect(q.match(/\| stats /g)).toHaveLength(2);
    expect(q).toContain('by @log, @logStream, req');
    expect(q.split('\n').at(-1)).toBe('| stats sum(after) as afterEnd, count(*) as requests by @log, @logStream');
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
