import { createFinding, createReport } from '@leakwatch/core';
import { describe, expect, it } from 'vitest';
import { clip, PAGE_LIMITS, toPageData } from './page-data.js';

const base = { severity: 'error' as const, evidence: {}, advice: 'fix it', source: 'logs' as const };

describe('toPageData', () => {
  it('turns a fleet into one chart: an envelope of the others plus the highlighted sandboxes', () => {
    const series = Array.from({ length: 500 }, (_, s) => ({ label: `max memory, sandbox ${s}`, unit: 'MB', x: [1.7e12, 1.7e12 + 60_000], y: [100, s < 30 ? 300 : 101], ...(s < 30 ? { highlight: true } : {}) }));
    const data = toPageData(createReport('logs', [createFinding({ ...base, kind: 'memory-creep', title: 'creep', key: 'f', evidence: { series } })]));
    const [chart] = data.findings[0]!.charts;
    expect(data.findings[0]!.charts).toHaveLength(1);
    if (chart?.type !== 'fleet') throw new Error('expected a fleet chart');
    expect(chart).toMatchObject({ label: 'max memory per sandbox', unit: 'MB', time: true, total: 500, others: 470, hiddenHighlighted: 30 - PAGE_LIMITS.highlighted });
    expect(chart.highlighted).toHaveLength(PAGE_LIMITS.highlighted);
    expect(Math.max(...chart.envelope.max.map((v) => v ?? 0))).toBe(101);
  });

  it('keeps a few series as their own charts with their trend', () => {
    const trend = { slope: 2, intercept: 1, ciLow: 1.5, ciHigh: 2.5, p: 0.001, from: 3 };
    const f = createFinding({ ...base, kind: 'heap-growth', title: 'heap', site: { file: 'a.js', line: 2 }, evidence: { series: [{ label: 'heap', unit: 'bytes', y: [1, 2, 3, 4, 5, 6], trend }] } });
    const [chart] = toPageData(createReport('test', [f])).findings[0]!.charts;
    expect(chart).toEqual({ type: 'series', label: 'heap', unit: 'bytes', time: false, x: [1, 2, 3, 4, 5, 6], y: [1, 2, 3, 4, 5, 6], trend });
  });

  it('draws the first series of a run with many (handles per site) and says how many more there are', () => {
    const series = Array.from({ length: 11 }, (_, i) => ({ label: `live sockets from h.js:${i + 1}`, unit: 'count', y: [1, 2, 3] }));
    const page = toPageData(createReport('test', [createFinding({ ...base, kind: 'handle-growth', title: 'h', site: { file: 'h.js', line: 1 }, evidence: { series } })])).findings[0]!;
    expect(page.charts.map((c) => c.type)).toEqual(Array(PAGE_LIMITS.fleetAbove).fill('series'));
    expect(page.summary).toEqual([`${11 - PAGE_LIMITS.fleetAbove} more series are in the --json document, not drawn here`]);
  });

  it('clips huge text and says how much was left out', () => {
    expect(clip('x'.repeat(30), 10)).toBe('xxxxxxxxxx… (20 more characters)');
    const f = createFinding({ ...base, kind: 'timeout', title: 't'.repeat(1e6), key: 'k', evidence: { summary: ['a'.repeat(1e6)] } });
    const page = toPageData(createReport('logs', [f])).findings[0]!;
    expect(page.title.length).toBeLessThan(2100);
    expect(page.summary[0]!.length).toBeLessThan(PAGE_LIMITS.textChars + 100);
  });
});
