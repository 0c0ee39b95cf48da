import type { Linter } from 'eslint';
import leakwatch from '@leakwatch/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * The files `leakwatch lint` reads: JavaScript and TypeScript sources.
 *
 * @example
 * ```ts
 * { files: LINT_FILES, rules: { … } }
 * ```
 */
export const LINT_FILES = ['**/*.js', '**/*.mjs', '**/*.cjs', '**/*.jsx', '**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'];

/**
 * Build output, dependencies and deployment bundles: never a handler's source.
 *
 * @example
 * ```ts
 * { ignores: LINT_IGNORES }
 * ```
 */
export const LINT_IGNORES = ['**/node_modules/**', '**/dist/**', '**/build/**', '**/coverage/**', '**/.aws-sam/**', '**/cdk.out/**', '**/.serverless/**', '**/*.d.ts'];

/**
 * The whole ESLint configuration `leakwatch lint` runs: our recommended rules, TypeScript parsed
 * with typescript-eslint's parser (no type information: fast), nothing from the user's own setup.
 *
 * @example
 * ```ts
 * new ESLint({ overrideConfigFile: true, overrideConfig: lintConfig(['handler']) });
 * ```
 */
export function lintConfig(handlerNames?: readonly string[]): Linter.Config[] {
  return [
    { name: 'leakwatch/ignores', ignores: LINT_IGNORES },
    {
      name: 'leakwatch/files',
      files: LINT_FILES,
      linterOptions: { reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      languageOptions: { ecmaVersion: 'latest' },
      ...(handlerNames && handlerNames.length > 0 ? { settings: { leakwatch: { handlerNames: [...handlerNames] } } } : {}),
    },
    { name: 'leakwatch/commonjs', files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
    { name: 'leakwatch/jsx', files: ['**/*.jsx'], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
    {
      name: 'leakwatch/typescript',
      files: ['**/*.ts', '**/*.mts', '**/*.cts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser as Linter.Parser, sourceType: 'module', parserOptions: { jsDocParsingMode: 'none', lib: [] } },
    },
    ...leakwatch.configs.recommended.map((c) => ({ ...c, files: LINT_FILES })),
  ];
}
