import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import { afterAll, expect, it } from 'vitest';

// The README's eslint.config.js example, run as written (the package import pointed at the build).
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-readme-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('the README flat config reports a leaky example and passes its fixed twin', async () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const block = /Already using ESLint[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block).toContain("from '@leakwatch/eslint-plugin'");
  const dist = pathToFileURL(join(root, 'packages/eslint-plugin/dist/index.js')).href;
  const file = join(dir, 'eslint.config.mjs');
  writeFileSync(file, (block as string).replace("'@leakwatch/eslint-plugin'", JSON.stringify(dist)));
  const config = ((await import(pathToFileURL(file).href)) as { default: Linter.Config[] }).default;
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, ignore: false });
  const results = await eslint.lintFiles(['examples/lint/void-promise.mjs', 'examples/lint/void-promise.fixed.mjs']);
  const leaky = results.find((r) => r.filePath.endsWith('void-promise.mjs'));
  const fixed = results.find((r) => r.filePath.endsWith('void-promise.fixed.mjs'));
  expect(leaky?.messages.map((m) => m.ruleId)).toEqual(['@leakwatch/no-dangling-async']);
  expect(fixed?.messages).toEqual([]);
});
