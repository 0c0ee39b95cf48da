// The public surface of @leakwatch/eslint-plugin. Deliberate: add exports here, nowhere else.
import type { ESLint, Linter } from 'eslint';
import { VERSION } from '@leakwatch/core';
import { rules } from './rules/index.js';
import type { LeakwatchRule } from './rule.js';

/**
 * The plugin's namespace in a flat config: rules are `@leakwatch/<rule>`.
 *
 * @example
 * ```ts
 * const ruleId = `${PLUGIN_NAMESPACE}/no-dangling-async`;
 * ```
 */
export const PLUGIN_NAMESPACE = '@leakwatch';

interface LeakwatchPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<string, LeakwatchRule>;
  configs: { recommended: Linter.Config[]; 'recommended-type-checked': Linter.Config[] };
}

function ruleLevels(): Linter.RulesRecord {
  const out: Linter.RulesRecord = {};
  for (const [name, rule] of Object.entries(rules)) out[`${PLUGIN_NAMESPACE}/${name}`] = rule.meta.docs.recommended;
  return out;
}

/**
 * The plugin. `configs.recommended` needs no type information; `configs['recommended-type-checked']`
 * adds `parserOptions.projectService` so rules that can use types get more precise (use it after a
 * TypeScript parser config such as typescript-eslint's).
 *
 * @example
 * ```js
 * // eslint.config.js
 * import leakwatch from '@leakwatch/eslint-plugin';
 * export default [...leakwatch.configs.recommended];
 * ```
 */
const plugin: LeakwatchPlugin = {
  meta: { name: '@leakwatch/eslint-plugin', version: VERSION, namespace: PLUGIN_NAMESPACE },
  rules,
  configs: { recommended: [], 'recommended-type-checked': [] },
};
plugin.configs.recommended = [{ name: '@leakwatch/recommended', plugins: { [PLUGIN_NAMESPACE]: plugin }, rules: ruleLevels() }];
plugin.configs['recommended-type-checked'] = [
  {
    name: '@leakwatch/recommended-type-checked',
    plugins: { [PLUGIN_NAMESPACE]: plugin },
    rules: ruleLevels(),
    languageOptions: { parserOptions: { projectService: true } },
  },
];

export default plugin;
export { rules };
export type { LeakwatchRule, LeakwatchRuleDocs } from './rule.js';
export { DEFAULT_HANDLER_NAMES } from './handler-detection.js';
export { CONNECTION_FACTORIES } from './rules/no-unreleased-connection.js';
export type { ConnectionFactory } from './rules/no-unreleased-connection.js';
