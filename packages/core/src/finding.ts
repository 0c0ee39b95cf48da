import { stableHash } from './hash.js';

/** The kinds shared by every stage (design §5). Lint rules report the kind they predict. */
export const FINDING_KINDS = [
  'heap-growth',
  'handle-growth',
  'db-connection-leak',
  'listener-growth',
  'dangling-work',
  'request-without-timeout',
  'cpu-growth',
  'duration-growth',
  'timeout',
  'out-of-memory',
  'memory-creep',
  'over-provisioned-memory',
  'connection-exhaustion',
  'invocation-error',
  'cold-start-churn',
] as const;

export type FindingKind = (typeof FINDING_KINDS)[number];
export type Severity = 'error' | 'warning' | 'info';
export type FindingSource = 'lint' | 'test' | 'guard' | 'logs';

/** Where in the user's source a finding points. Lines and columns are 1-based. */
export interface SourceSite {
  file: string;
  line: number;
  column?: number;
  function?: string;
}

/** A series per invocation (or per time bucket), with its fitted trend when there is one. */
export interface EvidenceSeries {
  /** what is measured: "post-GC heap", "live sockets from handler.mjs:4" */
  label: string;
  /** bytes, count, ms, MB, usd */
  unit: string;
  /** x values (invocation numbers, or epoch ms for time series); omitted means 1..n */
  x?: number[];
  y: number[];
  /** the fitted trend over the judged part of the series */
  trend?: {
    slope: number;
    intercept: number;
    ciLow: number;
    ciHigh: number;
    p: number;
    /** first x the trend was fitted from (after warm-up) */
    from?: number;
  };
  /** highlighted in the HTML report (a leaking sandbox among many) */
  highlight?: boolean;
}

export interface Evidence {
  /** human-readable evidence lines, printed under the title by every renderer */
  summary?: string[];
  series?: EvidenceSeries[];
  [key: string]: unknown;
}

export interface Cost {
  usd?: number;
  gbSeconds?: number;
  /** where CPU is billed apart from memory (Google) */
  vcpuSeconds?: number;
  /** the period the cost covers: "observed 2026-11-01..2026-11-07", "per month" */
  period?: string;
  usdPerMonth?: number;
  /** a cost that is not money: "max_connections (151) reached after ~151 invocations" */
  note?: string;
}

export interface Finding {
  /** stable: hash of kind + site (or kind + function + sandbox for log findings) */
  id: string;
  kind: FindingKind;
  severity: Severity;
  title: string;
  site?: SourceSite;
  evidence: Evidence;
  advice: string;
  cost?: Cost;
  source: FindingSource;
  /** the function (log findings: the platform function name) */
  function?: string;
  /** extra related places: other frames of the creation stack, retainer path steps */
  related?: SourceSite[];
}

export type FindingInput = Omit<Finding, 'id'> & {
  /** what identifies the leak beyond its kind when there is no site (function + sandbox) */
  key?: string;
};

/** The part of a finding's identity that is not its kind. */
export function siteKey(site: SourceSite | undefined): string {
  if (!site) return '';
  return `${site.file}:${site.line}:${site.column ?? 0}`;
}

/**
 * Builds a finding with its stable id.
 *
 * @example
 * ```ts
 * const f = createFinding({ kind: 'heap-growth', severity: 'error', title: 'heap grows 1.0 KB per invocation',
 *   site: { file: 'handler.mjs', line: 3 }, evidence: {}, advice: 'bound the cache', source: 'test' });
 * f.id; // 16 hex digits, the same wherever this leak is found
 * ```
 */
export function createFinding(input: FindingInput): Finding {
  const { key, ...rest } = input;
  const identity = `${input.kind}|${key ?? siteKey(input.site)}`;
  // Key order is fixed so JSON output is stable.
  const finding: Finding = {
    id: stableHash(identity),
    kind: rest.kind,
    severity: rest.severity,
    title: rest.title,
    ...(rest.site ? { site: rest.site } : {}),
    ...(rest.function ? { function: rest.function } : {}),
    evidence: rest.evidence,
    advice: rest.advice,
    ...(rest.cost ? { cost: rest.cost } : {}),
    source: rest.source,
    ...(rest.related ? { related: rest.related } : {}),
  };
  return finding;
}

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Errors first, then warnings, then by file and line; stable for equal keys. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (b.cost?.usd ?? 0) - (a.cost?.usd ?? 0) ||
      (a.site?.file ?? '').localeCompare(b.site?.file ?? '') ||
      (a.site?.line ?? 0) - (b.site?.line ?? 0),
  );
}

export function isFindingKind(value: unknown): value is FindingKind {
  return typeof value === 'string' && (FINDING_KINDS as readonly string[]).includes(value);
}
