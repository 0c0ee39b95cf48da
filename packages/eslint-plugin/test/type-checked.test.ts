import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../src/index.js';
import { noDanglingAsync } from '../src/rules/no-dangling-async.js';
import './rule-tester.js';

// With type information (configs['recommended-type-checked']), no-dangling-async sees promises
// that syntax alone cannot: a method of an imported object, a function declared elsewhere.
const fixtures = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const typed = new RuleTester({
  languageOptions: {
    parser: tseslint.parser,
    parserOptions: { projectService: true, tsconfigRootDir: fixtures },
  },
});
const filename = join(fixtures, 'file.ts');

const code = `interface Store { save(x: unknown): Promise<void>; log(x: unknown): void }
declare const store: Store;
export const handler = async (event: unknown) => {
  store.log(event);
  store.save(event);
  return 1;
};`;

typed.run('no-dangling-async (type-checked)', noDanglingAsync, {
  valid: [{ filename, code: code.replace('  store.save(event);', '  await store.save(event);') }],
  invalid: [{ filename, code, errors: [{ messageId: 'floatingPromise', line: 5, column: 3 }] }],
});

describe('configs', () => {
  it('recommended enables every rule with its recommended severity; type-checked adds the project service', () => {
    const [recommended] = plugin.configs.recommended;
    expect(Object.keys(recommended?.rules ?? {}).sort()).toEqual(Object.keys(plugin.rules).map((r) => `@leakwatch/${r}`).sort());
    const [typedConfig] = plugin.configs['recommended-type-checked'];
    expect(typedConfig?.languageOptions?.['parserOptions']).toEqual({ projectService: true });
  });

  it('without type information the same code is not reported (syntax cannot know store.save is async)', async () => {
    const { Linter } = await import('eslint');
    const linter = new Linter();
    const messages = linter.verify(code, [{ languageOptions: { parser: tseslint.parser } }, ...plugin.configs.recommended]);
    expect(messages).toEqual([]);
  });
});
