import type { Finding, FindingKind } from '@leakwatch/core';
import type { Run } from './run.js';

/** Thrown by `assertNoLeaks`; the message lists the findings as the terminal shows them. */
export class LeakAssertionError extends Error {
  override name = 'LeakAssertionError';
  readonly code = 'LW_LEAK_FOUND';
  constructor(readonly findings: Finding[]) {
    super(`leakwatch found ${findings.length} leak${findings.length === 1 ? '' : 's'}:\n${findings.map(renderFindingText).join('\n')}`);
  }
}

/**
 * Throws a `LeakAssertionError` when the run has findings (optionally only those of some kinds).
 *
 * @example
 * ```ts
 * assertNoLeaks(await runInvocations(handler, { invocations: 50 }));
 * ```
 */
export function assertNoLeaks(run: Pick<Run, 'findings'>, options: { kinds?: FindingKind[]; ignore?: FindingKind[] } = {}): void {
  const findings = run.findings.filter((f) => (!options.kinds || options.kinds.includes(f.kind)) && !options.ignore?.includes(f.kind));
  if (findings.length) throw new LeakAssertionError(findings);
}

/**
 * One finding as plain text: kind, site, title, evidence lines, fix.
 *
 * @example
 * ```ts
 * renderFindingText(run.findings[0]); // '✖ heap-growth  handler.mjs:3:9  (handler)\n  …'
 * ```
 */
export function renderFindingText(f: Finding): string {
  const where = f.site ? `${f.site.file}:${f.site.line}${f.site.column ? `:${f.site.column}` : ''}` : (f.function ?? '');
  const fn = f.site?.function ? `  (${f.site.function})` : '';
  const lines = [`${f.severity === 'error' ? '✖' : f.severity === 'warning' ? '⚠' : 'ℹ'} ${f.kind}  ${where}${fn}`, `  ${f.title}`];
  for (const s of f.evidence.summary ?? []) lines.push(`  ${s}`);
  if (f.advice) lines.push(`  fix: ${f.advice}`);
  if (f.cost?.note) lines.push(`  cost: ${f.cost.note}`);
  return lines.join('\n');
}
