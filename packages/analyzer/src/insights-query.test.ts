import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSIGHTS_FIELDS, insightsQuery, type InsightsRow } from './insights-query.js';
import { mergeInsightsResults } from './merge-insights.js';

describe('Logs Insights pushdown: the query', () => {
  const q = insightsQuery(1764000000000);
  it('computes every result field once, per log stream', () => {
    const stats = q.slice(q.indexOf('| stats'));
    for (const f of INSIGHTS_FIELDS.slice(2)) expect(stats.match(new RegExp(` as ${f}[,\\s]`, 'g')), f).toHaveLength(1);
    expect(q).toMatch(/by @log, @logStream$/);
  });
  it('keeps x to REPORT rows, memory in MB from bytes, and names each pushed-down signal', () => {
    expect(q).toContain('@memorySize / @memorySize * (@timestamp - 1764000000000) / 60000 as x');
    expect(q).toContain('@maxMemoryUsed / 1000000 as y');
    expect(q).toContain('floor(@maxMemoryUsed / @memorySize) as oomReport');
    expect(q).toContain('count(@initDuration) as coldStarts');
    expect(q).toContain('parse @message "Task timed out after * seconds" as timeoutAfter');
    expect(q).toContain('sum(timeoutBilled) as timeoutBilledMs');
    expect(q).toContain('sum(xd) as sxd');
  });
});

describe('Logs Insights pushdown: merging a recorded result document', () => {
  it('creep found, step and flat quiet, timeouts counted (hand-written recorded rows)', () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/aws-insights-sufficient-stats-results.json'), 'utf8')) as { results: InsightsRow[] };
    const findings = mergeInsightsResults(doc.results);
    const creep = findings.filter((f) => f.kind === 'memory-creep');
    expect(creep).toHaveLength(1);
    expect(creep[0]?.evidence['sandbox']).toBe('2026/11/24/[$LATEST]creep');
    expect(creep[0]?.function).toBe('orders');
    expect(creep[0]?.evidence['slope']).toBeCloseTo(2, 1);
    expect(creep[0]?.evidence['engine']).toBe('insights');
    expect(findings.filter((f) => f.kind === 'timeout').map((f) => f.evidence['timeouts'])).toEqual([2]);
  });
});
