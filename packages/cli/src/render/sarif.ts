import type { Finding, LeakwatchReport } from '@leakwatch/core';
import { FINDING_KINDS, VERSION } from '@leakwatch/core';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

const RULE_TEXT: Record<string, string> = {
  'heap-growth': 'Memory that survives GC grows per invocation',
  'handle-growth': 'Live handles from one site accumulate across invocations',
  'db-connection-leak': 'Database connections opened per invocation and never closed',
  'listener-growth': 'Listeners added per invocation to a long-lived emitter',
  'dangling-work': 'Work created in an invocation still running after it returned',
  'request-without-timeout': 'Outbound call with no timeout or abort signal',
  'cpu-growth': 'CPU time per invocation grows',
  'duration-growth': 'Duration per invocation grows',
  timeout: 'Invocation hit the platform timeout',
  'out-of-memory': 'Invocation or sandbox killed for memory',
  'memory-creep': "A sandbox's memory high-water mark rises across warm invocations",
  'over-provisioned-memory': 'Configured memory far above what is used',
  'connection-exhaustion': 'The database refused connections',
  'invocation-error': 'Invocations failed',
  'cold-start-churn': 'Sandboxes replaced after kills: repeated cold starts',
};

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers. One rule per finding kind.
 *
 * @example
 * ```ts
 * writeFileSync('leakwatch.sarif', JSON.stringify(toSarif(report), null, 2));
 * ```
 */
export function toSarif(report: LeakwatchReport): object {
  const kinds = FINDING_KINDS.filter((k) => report.findings.some((f) => f.kind === k));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'leakwatch',
            version: VERSION,
            informationUri: 'https://www.npmjs.com/package/leakwatch',
            rules: kinds.map((k) => ({ id: k, name: k, shortDescription: { text: RULE_TEXT[k] ?? k } })),
          },
        },
        results: report.findings.map((f) => result(f, kinds.indexOf(f.kind))),
      },
    ],
  };
}

function result(f: Finding, ruleIndex: number): object {
  const message = [f.title, ...(f.evidence.summary ?? []), f.advice ? `Fix: ${f.advice}` : ''].filter(Boolean).join('\n');
  return {
    ruleId: f.kind,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: message },
    ...(f.site
      ? {
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: f.site.file.replace(/\\/g, '/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: Math.max(1, f.site.line), ...(f.site.column ? { startColumn: f.site.column } : {}) },
              },
              ...(f.site.function ? { logicalLocations: [{ name: f.site.function, kind: 'function' }] } : {}),
            },
          ],
        }
      : {}),
    partialFingerprints: { leakwatchFindingId: f.id },
    properties: { source: f.source, ...(f.cost ? { cost: f.cost } : {}) },
  };
}
