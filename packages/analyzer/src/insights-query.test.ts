import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { insightsQuery, mergeInsightsResults, type InsightsRow } from './insights-query.js';

describe('Logs Insights pushdown', () => {
  it('generates one stats query per stream with the sufficient statistics', () => {
    const q = insightsQuery(1764000000000);
    expect(q).toContain('(@timestamp - 1764000000000) / 60000 as x');
    expect(q).toMatch(/sum\(xy\) as sxy.*by @log, @logStream$/s);
    expect(q).toContain('@maxMemoryUsed / 1000000 as y');
  });
  it('merges a recorded result document: creep found, step and flat quiet, timeouts counted', () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/aws-insights-sufficient-stats-results.json'), 'utf8')) as { results: InsightsRow[] };
    const findings = mergeInsightsResults(doc.results);
    const creep = findings.filter((f) => f.kind === 'memory-creep');
    expect(creep).toHaveLength(1);
    expect(creep[0]?.evidence['sandbox']).toBe('2026/11/24/[$LATEST]creep');
    expect(creep[0]?.function).toBe('orders');
    expect(creep[0]?.evidence['slope']).toBeCloseTo(2, 1);
    expect(findings.filter((f) => f.kind === 'timeout').map((f) => f.evidence['timeouts'])).toEqual([2]);
  });
});
