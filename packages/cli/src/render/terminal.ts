import type { Finding, LeakwatchReport, Severity } from '@leakwatch/core';
import { formatUsd } from '@leakwatch/core';
import { unreadableNote } from './unreadable-note.js';

const ANSI = { red: '\x1b[31m', yellow: '\x1b[33m', cyan: '\x1b[36m', dim: '\x1b[2m', bold: '\x1b[1m', green: '\x1b[32m', reset: '\x1b[0m' };

const MARK: Record<Severity, string> = { error: '✖', warning: '⚠', info: 'ℹ' };
const COLOR: Record<Severity, keyof typeof ANSI> = { error: 'red', warning: 'yellow', info: 'cyan' };

/** Strips control characters so hostile log content cannot drive the terminal. */
export function safeText(text: string): string {
  return text.replace(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

function paint(color: boolean, code: keyof typeof ANSI, text: string): string {
  return color ? `${ANSI[code]}${text}${ANSI.reset}` : text;
}

/** One finding, as in style.md's "What a finding reads like". */
export function renderFinding(f: Finding, color: boolean): string {
  const where = f.site ? `${f.site.file}:${f.site.line}${f.site.column ? `:${f.site.column}` : ''}` : (f.function ?? '');
  const fn = f.site?.function ? `  (${f.site.function})` : '';
  const lines = [`${paint(color, COLOR[f.severity], `${MARK[f.severity]} ${f.kind}`)}  ${safeText(where)}${safeText(fn)}`, `  ${safeText(f.title)}`];
  for (const s of f.evidence.summary ?? []) lines.push(`  ${paint(color, 'dim', safeText(s))}`);
  if (f.advice) lines.push(`  ${paint(color, 'green', 'fix:')} ${safeText(f.advice)}`);
  if (f.cost) {
    const parts: string[] = [];
    if (f.cost.usd !== undefined) parts.push(`${formatUsd(f.cost.usd)}${f.cost.period ? ` ${f.cost.period}` : ''}`);
    if (f.cost.usdPerMonth !== undefined) parts.push(`${formatUsd(f.cost.usdPerMonth)} per month`);
    if (f.cost.note) parts.push(f.cost.note);
    if (parts.length) lines.push(`  ${paint(color, 'bold', 'cost:')} ${safeText(parts.join('; '))}`);
  }
  return lines.join('\n');
}

/** The whole report for a terminal: findings, then one verdict line. */
export function renderTerminal(report: LeakwatchReport, color: boolean): string {
  const out: string[] = [];
  for (const f of report.findings) out.push(renderFinding(f, color), '');
  const { error, warning, info } = report.summary.bySeverity;
  if (report.findings.length === 0) {
    out.push(paint(color, 'green', `✔ no leaks found${describeScope(report)}`));
  } else {
    const usd = report.summary.usd === undefined ? '' : `, ${formatUsd(report.summary.usd)} wasted`;
    out.push(paint(color, 'bold', `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'} (${error} error, ${warning} warning, ${info} info)${describeScope(report)}${usd}`));
  }
  const unread = unreadableNote(report);
  if (unread) out.push(paint(color, 'yellow', `⚠ ${safeText(unread)}`));
  return out.join('\n') + '\n';
}

function describeScope(report: LeakwatchReport): string {
  const s = report.summary;
  const parts: string[] = [];
  const count = (key: string, noun: string): void => {
    const v = s[key];
    if (typeof v === 'number') parts.push(`${v} ${noun}${v === 1 ? '' : 's'}`);
  };
  count('invocations', 'invocation');
  count('handlers', 'handler');
  count('files', 'file');
  count('records', 'log record');
  return parts.length ? ` in ${parts.join(', ')}` : '';
}
