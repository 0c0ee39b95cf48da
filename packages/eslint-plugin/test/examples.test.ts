import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import type { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import leakwatch from '../src/index.js';

// Our own plugin over examples/: every leaky file marked `// leakwatch-lint-expect: <rule>` is
// reported by that rule, and every fixed twin (`<name>.fixed.<ext>`) by none (examples/README.md).
const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const examples = join(root, 'examples');
const SOURCE = /\.(mjs|cjs|js|ts|mts|cts)$/;
const MARKER = /\/\/\s*leakwatch-lint-expect:\s*([\w-]+)/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path);
    return SOURCE.test(e.name) ? [path] : [];
  });
}

const config: Linter.Config[] = [
  { files: ['**/*.ts', '**/*.mts', '**/*.cts'], languageOptions: { parser: tseslint.parser as Linter.Parser } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  ...leakwatch.configs.recommended.map((c) => ({ ...c, files: ['**/*.{js,mjs,cjs,ts,mts,cts}'] })),
];

async function reportedRules(file: string): Promise<{ rules: Set<string>; fatal: string[] }> {
  const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config, ignore: false });
  const [result] = await eslint.lintFiles([file]);
  const messages = result?.messages ?? [];
  return {
    rules: new Set(messages.filter((m) => m.ruleId?.startsWith('@leakwatch/')).map((m) => (m.ruleId as string).slice('@leakwatch/'.length))),
    fatal: messages.filter((m) => m.fatal).map((m) => `${m.line}:${m.column} ${m.message}`),
  };
}

const files = sources(examples);
const fixed = files.filter((f) => basename(f).includes('.fixed.'));
const marked = files
  .map((f) => ({ file: f, rules: [...readFileSync(f, 'utf8').matchAll(MARKER)].map((m) => m[1] as string) }))
  .filter((m) => m.rules.length > 0);

describe('examples/ under our own plugin', () => {
  it('finds the lint examples by the naming convention', () => {
    expect(marked.length).toBeGreaterThanOrEqual(7);
    expect(fixed.length).toBeGreaterThanOrEqual(marked.length);
  });

  for (const { file, rules } of marked) {
    const name = relative(root, file);
    it(`${name} is reported by ${rules.join(', ')} and has a fixed twin`, async () => {
      const twin = file.replace(/\.(\w+)$/, '.fixed.$1');
      expect(files, `${name} needs its fixed twin`).toContain(twin);
      for (const rule of rules) expect(Object.keys(leakwatch.rules), `unknown rule in the marker of ${name}`).toContain(rule);
      const { rules: reported, fatal } = await reportedRules(file);
      expect(fatal).toEqual([]);
      for (const rule of rules) expect([...reported], `${name} must be reported by ${rule}`).toContain(rule);
    });
  }

  for (const file of fixed) {
    const name = relative(root, file);
    it(`${name} is clean`, async () => {
      const { rules, fatal } = await reportedRules(file);
      expect(fatal).toEqual([]);
      expect([...rules]).toEqual([]);
    });
  }
});
