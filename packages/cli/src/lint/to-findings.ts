import { relative } from 'node:path';
import type { ESLint } from 'eslint';
import type { Finding } from '@leakwatch/core';
import { createFinding } from '@leakwatch/core';
import leakwatch, { PLUGIN_NAMESPACE } from '@leakwatch/eslint-plugin';

/** A file ESLint could not parse: reported as an input error, the other files still count. */
export interface LintInputProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Turns ESLint results into leakwatch findings: each rule reports the finding kind it predicts,
 * with the rule's advice; sites are relative to `cwd`. Messages from anything but our rules are
 * dropped; fatal parse errors come back as input problems.
 *
 * @example
 * ```ts
 * const { findings, problems } = lintFindings(await eslint.lintFiles(['.']), process.cwd());
 * ```
 */
export function lintFindings(results: readonly ESLint.LintResult[], cwd: string): { findings: Finding[]; problems: LintInputProblem[] } {
  const findings: Finding[] = [];
  const problems: LintInputProblem[] = [];
  const prefix = `${PLUGIN_NAMESPACE}/`;
  for (const result of results) {
    const file = relative(cwd, result.filePath).replace(/\\/g, '/') || result.filePath;
    for (const m of result.messages) {
      if (m.fatal) {
        problems.push({ file, line: m.line ?? 0, column: m.column ?? 0, message: m.message });
        continue;
      }
      if (!m.ruleId?.startsWith(prefix)) continue;
      const name = m.ruleId.slice(prefix.length);
      const rule = leakwatch.rules[name];
      if (!rule) continue;
      findings.push(
        createFinding({
          kind: rule.meta.docs.leakwatchKind,
          severity: m.severity === 2 ? 'error' : 'warning',
          title: m.message,
          site: { file, line: m.line, column: m.column },
          evidence: { summary: [`rule: ${m.ruleId} (${rule.meta.docs.url})`], rule: m.ruleId, ...(m.endLine ? { endLine: m.endLine, endColumn: m.endColumn } : {}) },
          advice: rule.meta.docs.advice,
          source: 'lint',
        }),
      );
    }
  }
  return { findings, problems };
}
