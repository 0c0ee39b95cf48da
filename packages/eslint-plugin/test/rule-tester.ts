import { RuleTester } from 'eslint';
import { describe, it } from 'vitest';
import tseslint from 'typescript-eslint';

// ESLint's RuleTester drives Vitest: each valid/invalid case becomes an `it`.
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

/** A RuleTester for plain JavaScript modules (ESM; `sourceType: 'commonjs'` per case for require). */
export const ruleTester = new RuleTester({ languageOptions: { ecmaVersion: 'latest', sourceType: 'module' } });

/** A RuleTester for TypeScript sources, without type information. */
export const tsRuleTester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 'latest', sourceType: 'module' } });
