import type { Rule } from 'eslint';
import type { FindingKind } from '@leakwatch/core';

/** What every leakwatch rule says about itself beyond ESLint's own `meta.docs`. */
export interface LeakwatchRuleDocs {
  description: string;
  url: string;
  /** the finding kind this rule predicts (design §5): lint findings join test and production ones by kind */
  leakwatchKind: FindingKind;
  /** the fix, in one sentence, printed by `leakwatch lint` under each finding */
  advice: string;
  /** severity in `configs.recommended` */
  recommended: 'error' | 'warn';
}

/** An ESLint rule with leakwatch's docs. */
export interface LeakwatchRule extends Rule.RuleModule {
  meta: Rule.RuleMetaData & { docs: LeakwatchRuleDocs; messages: Record<string, string> };
}

const DOCS_BASE = 'https://github.com/leakwatch/leakwatch/blob/main/docs/rules/';

/**
 * The documentation URL of a rule: `docs/rules/<rule>.md`.
 *
 * @example
 * ```ts
 * docsUrl('no-dangling-async'); // 'https://github.com/leakwatch/leakwatch/blob/main/docs/rules/no-dangling-async.md'
 * ```
 */
export function docsUrl(name: string): string {
  return `${DOCS_BASE}${name}.md`;
}
