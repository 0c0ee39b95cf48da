import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { INSIGHTS_FIELDS, insightsDanglingQuery, insightsQuery, type InsightsRow } from './insights-query.js';
import { mergeInsightsResults } from './merge-insights.js';

describe('Logs Insights pushdown: the query', () => {
  const q = insightsQuery(1764000000000);
  it('computes every result field once, per log stream', () => {
    const stats = q.slice(q.indexOf('| stats'));
    for (const f of INSIGHTS_FIELDS.slice(2)) expect(stats.match(new RegExp(` as ${f}[,\\s]`, 'g')), f).toHaveLength(1);
    expect(q).toMatch(/by @log, @logStream$/);
  });
  it('keeps x to REPORT rows, memory in MB from bytes, and names each pushed-down signal', () => {
    expect(q).toContain('@memorySize / @memorySize * (toMillis(@timestamp) - 1764000000000) / 60000 as x');
    expect(q).toContain('@maxMemoryUsed / 1000000 as y');
    expect(q).toContain('floor(@maxMemoryUsed / @memorySize) as oomReport');
    expect(q).toContain('count(@initDuration) as coldStarts');
    expect(q).toContain('count(@maxMemoryUsed) as n,');
    expect(q).toContain('parse @message "Task timed out after * seconds" as timeoutAfter');
    expect(q).toContain('sum(timeoutBilled) as timeoutBilledMs');
    expect(q).toContain('sum(xd) as sxd');
  });
});

describe('Logs Insights pushdown: only what the query syntax reference documents', () => {
  // The functions of CWL_QuerySyntax-operations-functions (read 2026-12-07) the two queries use, with
  // their result types. Neither query has run on the real engine here (no AWS), so they keep to it.
  const documented: Record<string, 'number' | 'string' | 'field' | 'timestamp'> = {
    strcontains: 'number', substr: 'string', toMillis: 'number', greatest: 'number', least: 'number', floor: 'number', coalesce: 'field',
    count: 'number', sum: 'number', min: 'field', max: 'field',
  };
  const queries = { sums: insightsQuery(1764000000000), dangling: insightsDanglingQuery() };
  for (const [name, q] of Object.entries(queries)) {
    // the query without its regular expressions and quoted strings (they may hold any text)
    const code = q.replace(/(like|parse @message) \/(?:\\.|[^/\\\n])+\//g, '$1 /re/').replace(/"[^"]*"/g, '"s"');
    it(`${name}: every function it calls is documented`, () => {
      const called = [...code.matchAll(/([A-Za-z_]+)\(/g)].map((m) => m[1] as string);
      expect(called.length).toBeGreaterThan(5);
      for (const f of called) expect(documented, f).toHaveProperty(f);
    });
    it(`${name}: @timestamp reaches arithmetic only as toMillis(@timestamp), and no Boolean does`, () => {
      const bare = code.replace(/toMillis\(@timestamp\)/g, 'MS').replace(/(?:min|max)\(@timestamp\) as \w+/g, 'AGG');
      expect(bare).not.toContain('@timestamp');
      expect(code).not.toMatch(/\b(?:ispresent|isempty|isblank)\(/);
      if (name === 'sums') expect(code).toContain(') / 60000 as x'); // a division stays code, not taken for a regular expression
    });
  }
  it('the dangling query tells an END line by its first 15 characters ("END RequestId: ")', () => {
    expect('END RequestId: ').toHaveLength(15);
    expect(queries.dangling).toContain('strcontains(substr(@message, 0, 15), "END RequestId: ") * toMillis(@timestamp) as endAt');
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
  it('reads the stream times however the engine prints them: a date, epoch ms, or epoch ms as a float', () => {
    const doc = JSON.parse(readFileSync(join(import.meta.dirname, '../test/fixtures/aws-insights-sufficient-stats-results.json'), 'utf8')) as { results: InsightsRow[] };
    const asDates = mergeInsightsResults(doc.results);
    const reprint = (form: (ms: number) => string): InsightsRow[] =>
      doc.results.map((row) => row.map((c) => (c.field === 'first' || c.field === 'last' ? { ...c, value: form(Date.parse(`${(c.value as string).replace(' ', 'T')}Z`)) } : c)));
    expect(doc.results[0]?.find((c) => c.field === 'first')?.value).toMatch(/^\d{4}-\d\d-\d\d \d\d:/);
    for (const form of [(ms: number) => String(ms), (ms: number) => ms.toExponential().replace('e+', 'E')]) {
      const findings = mergeInsightsResults(reprint(form));
      expect(findings.map((f) => [f.id, f.evidence['slope']])).toEqual(asDates.map((f) => [f.id, f.evidence['slope']]));
    }
    expect(asDates.some((f) => f.kind === 'memory-creep')).toBe(true);
  });
});
