import type { LeakwatchReport } from '@leakwatch/core';
import { formatUsd } from '@leakwatch/core';

/** Escapes text for Markdown (and the HTML a Markdown renderer allows): log content is untrusted. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_{}[\]()#+!|~])/g, '\\$1');
}

/**
 * A Markdown summary for a pull request or ticket: a verdict, a table of findings, then details.
 *
 * @example
 * ```ts
 * writeFileSync('summary.md', toMarkdown(report));
 * ```
 */
export function toMarkdown(report: LeakwatchReport): string {
  const out: string[] = [`## leakwatch ${report.command}: ${report.findings.length === 0 ? 'no leaks found' : `${report.findings.length} finding${report.findings.length === 1 ? '' : 's'}`}`, ''];
  if (report.summary.usd !== undefined) out.push(`Money wasted in the period read: **${formatUsd(report.summary.usd)}**`, '');
  if (report.findings.length) {
    out.push('| severity | kind | where | finding | cost |', '| --- | --- | --- | --- | --- |');
    for (const f of report.findings) {
      const where = f.site ? `${f.site.file}:${f.site.line}` : (f.function ?? '');
      const cost = f.cost?.usdPerMonth !== undefined ? `${formatUsd(f.cost.usdPerMonth)}/month` : f.cost?.usd !== undefined ? formatUsd(f.cost.usd) : '';
      out.push(`| ${f.severity} | \`${f.kind}\` | ${escapeMarkdown(where)} | ${escapeMarkdown(f.title)} | ${cost} |`);
    }
    out.push('');
    for (const f of report.findings) {
      out.push(`### ${escapeMarkdown(f.title)}`, '');
      for (const s of f.evidence.summary ?? []) out.push(`- ${escapeMarkdown(s)}`);
      if (f.advice) out.push('', `**Fix:** ${escapeMarkdown(f.advice)}`);
      out.push('');
    }
  }
  return out.join('\n');
}
