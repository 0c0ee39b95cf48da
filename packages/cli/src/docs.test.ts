import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '@leakwatch/core';
import { COMMANDS } from './commands/index.js';
import { markdownDocs } from './help.js';

const root = new URL('../../../', import.meta.url);

describe('generated docs', () => {
  it('docs/cli.md matches the command definitions (run `npm run docs:cli` after changing a command)', () => {
    expect(readFileSync(new URL('docs/cli.md', root), 'utf8')).toBe(markdownDocs(COMMANDS));
  });

  it('every package carries the version written into reports', () => {
    for (const pkg of ['core', 'guard', 'harness', 'cli']) {
      const json = JSON.parse(readFileSync(new URL(`packages/${pkg}/package.json`, root), 'utf8')) as { version: string };
      expect(json.version, pkg).toBe(VERSION);
    }
  });
});
