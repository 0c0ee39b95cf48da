import tseslint from 'typescript-eslint';
// Dogfood: our own rules over the fixed examples (the build runs before lint in npm test).
import leakwatch from './packages/eslint-plugin/dist/index.js';

export default tseslint.config(
  {
    ignores: ['**/dist/**', '**/node_modules/**', '.cache/**', '**/*.d.ts', '**/test/fixtures/**', 'coverage/**', 'packages/analyzer/wasm/**', 'benchmarks/guard-before/**'], // wasm/: AssemblyScript
  },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', exports: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', URL: 'readonly', AbortSignal: 'readonly', AbortController: 'readonly', fetch: 'readonly', __dirname: 'readonly' },
    },
  },
  ...leakwatch.configs.recommended.map((config) => ({ ...config, files: ['examples/**/*.fixed.*'] })),
);
