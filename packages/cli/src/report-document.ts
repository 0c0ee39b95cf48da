import type { LeakwatchReport } from '@leakwatch/core';
import { FINDING_KINDS, InputError } from '@leakwatch/core';
import { jsonErrorOffset } from './json-error-offset.js';

const SEVERITIES = ['error', 'warning', 'info'];
const SOURCES = ['lint', 'test', 'guard', 'logs'];
const COMMANDS = ['test', 'logs', 'lint', 'report'];

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Parses and checks a saved `--json` document. Invalid JSON is an `InputError` at the line and
 * column where parsing stopped; a document that is not a leakwatch report names the first field
 * that is wrong (`findings[2].severity`).
 *
 * @example
 * ```ts
 * const report = parseReportDocument(await readFile('findings.json', 'utf8'), 'findings.json');
 * ```
 */
export function parseReportDocument(text: string, input: string): LeakwatchReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    const offset = Math.max(0, jsonErrorOffset(text));
    const { line, column } = lineColumn(text, offset);
    const near = text.slice(offset, offset + 12).split('\n')[0] ?? '';
    const reason = offset >= text.length ? 'unexpected end of input' : `unexpected ${JSON.stringify(near)}`;
    throw new InputError('LW_INVALID_JSON', `not valid JSON: ${reason}`, { input, line, column, cause: error });
  }
  const fail = (path: string, what: string): never => {
    throw new InputError('LW_INPUT', `not a leakwatch report: ${path} ${what}`, { input });
  };
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return fail('the document', 'is not an object');
  const d = doc as Record<string, unknown>;
  if (d['tool'] !== 'leakwatch') return fail('tool', "is not 'leakwatch' (was it written by --json?)");
  if (!COMMANDS.includes(d['command'] as string)) return fail('command', 'is not test, logs, lint or report');
  if (!Array.isArray(d['findings'])) return fail('findings', 'is not an array');
  if (typeof d['summary'] !== 'object' || d['summary'] === null) return fail('summary', 'is missing');
  d['findings'].forEach((f: unknown, i: number) => {
    const p = `findings[${i}]`;
    if (typeof f !== 'object' || f === null) return fail(p, 'is not an object');
    const g = f as Record<string, unknown>;
    for (const key of ['id', 'title', 'advice']) if (typeof g[key] !== 'string') fail(`${p}.${key}`, 'is not a string');
    if (!(FINDING_KINDS as readonly string[]).includes(g['kind'] as string)) fail(`${p}.kind`, 'is not a known kind');
    if (!SEVERITIES.includes(g['severity'] as string)) fail(`${p}.severity`, 'is not error, warning or info');
    if (!SOURCES.includes(g['source'] as string)) fail(`${p}.source`, 'is not lint, test, guard or logs');
    if (typeof g['evidence'] !== 'object' || g['evidence'] === null) fail(`${p}.evidence`, 'is not an object');
    const series = (g['evidence'] as Record<string, unknown>)['series'];
    if (series !== undefined && (!Array.isArray(series) || series.some((s) => !Array.isArray((s as { y?: unknown })?.y)))) fail(`${p}.evidence.series`, 'is not a list of series with y values');
    const site = g['site'] as Record<string, unknown> | undefined;
    if (site !== undefined && (typeof site !== 'object' || site === null || typeof site['file'] !== 'string' || typeof site['line'] !== 'number')) fail(`${p}.site`, 'has no file and line');
    return undefined;
  });
  return doc as LeakwatchReport;
}
