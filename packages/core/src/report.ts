import type { Finding, FindingKind, Severity } from './finding.js';
import { sortFindings } from './finding.js';
import { VERSION } from './version.js';

export type ReportCommand = 'test' | 'logs' | 'lint' | 'report';

export interface ReportSummary {
  findings: number;
  bySeverity: Record<Severity, number>;
  byKind: Partial<Record<FindingKind, number>>;
  /** money wasted where priced, summed over findings */
  usd?: number;
  [key: string]: unknown;
}

/** The one JSON document every `--json` writes (design §5). */
export interface LeakwatchReport {
  tool: 'leakwatch';
  version: string;
  command: ReportCommand;
  findings: Finding[];
  summary: ReportSummary;
}

/**
 * Builds the report document with its summary counts.
 *
 * @example
 * ```ts
 * const report = createReport('test', findings, { invocations: 200 });
 * process.stdout.write(JSON.stringify(report));
 * ```
 */
export function createReport(command: ReportCommand, findings: readonly Finding[], extra: Record<string, unknown> = {}): LeakwatchReport {
  const bySeverity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byKind: Partial<Record<FindingKind, number>> = {};
  let usd = 0;
  let priced = false;
  for (const f of findings) {
    bySeverity[f.severity]++;
    byKind[f.kind] = (byKind[f.kind] ?? 0) + 1;
    if (f.cost?.usd !== undefined) {
      usd += f.cost.usd;
      priced = true;
    }
  }
  return {
    tool: 'leakwatch',
    version: VERSION,
    command,
    findings: sortFindings(findings),
    summary: { findings: findings.length, bySeverity, byKind, ...(priced ? { usd } : {}), ...extra },
  };
}
