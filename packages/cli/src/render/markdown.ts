import type { Finding, LeakwatchReport } from '@leakwatch/core';
import { formatUsd } from '@leakwatch/core';
import { unreadableNote } from './unreadable-note.js';

/**
 * Escapes untrusted text for Markdown: control characters, HTML, and every Markdown punctuation
 * character, so log content can neither format nor inject.
 *
 * @example
 * ```ts
 * escapeMarkdown('*bold* <img>'); // '\\*bold\\* &lt;img&gt;'
 * ```
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+\-.!|~])/g, '\\$1')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

const ICON = { error: '🔴', warning: '🟠', info: '🔵' } as const;

/**
 * Renders a report as Markdown for a pull request or ticket: a table of findings, then details.
 *
 * @example
 * ```ts
 * await writeFile('leaks.md', renderMarkdown(report));
 * ```
 */
export function renderMarkdown(report: LeakwatchReport): string {
  const out = [`## leakwatch ${report.command}`, ''];
  const unread = unreadableNote(report);
  if (unread) out.push(`> ⚠ ${escapeMarkdown(unread)}`, '');
  if (report.findings.length === 0) return [...out, 'No leaks found.', ''].join('\n');
  out.push('| | kind | where | finding | cost |', '|---|---|---|---|---|');
  for (const f of report.findings) out.push(`| ${ICON[f.severity]} | ${f.kind} | ${escapeMarkdown(where(f))} | ${escapeMarkdown(f.title)} | ${cost(f)} |`);
  for (const f of report.findings) {
    out.push('', `### ${f.kind}: ${escapeMarkdown(f.title)}`, '');
    for (const s of f.evidence.summary ?? []) out.push(`- ${escapeMarkdown(s)}`);
    out.push('', `**Fix:** ${escapeMarkdown(f.advice)}`);
    if (f.cost?.note) out.push('', `**Cost:** ${escapeMarkdown(f.cost.note)}`);
  }
  return out.join('\n') + '\n';
}

function where(f: Finding): string {
  return f.site ? `${f.site.file}:${f.site.line}` : (f.function ?? '');
}

function cost(f: Finding): string {
  if (f.cost?.usdPerMonth !== undefined) return `${escapeMarkdown(formatUsd(f.cost.usdPerMonth))}/month`;
  if (f.cost?.usd !== undefined) return escapeMarkdown(formatUsd(f.cost.usd));
  return '';
}
