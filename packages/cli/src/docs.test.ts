import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '@leakwatch/core';
import { COMMANDS } from './commands/index.js';
import { commandHelp, markdownDocs } from './help.js';

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

describe('command help', () => {
  it('keeps every description apart from its flag: a flag wider than the column puts it on the next line', () => {
    for (const c of COMMANDS) {
      const lines = commandHelp(c).split('\n');
      for (const [name, o] of Object.entries(c.options)) {
        const at = lines.findIndex((l) => l.includes(`--${name}`) && /^ {2}(?:-\w, | {4})--/.test(l));
        expect(at, `${c.name} --${name}`).toBeGreaterThanOrEqual(0);
        const line = lines[at] as string;
        const flagEnd = line.indexOf(`--${name}`) + `--${name}`.length + (o.type === 'string' ? ` <${o.valueName ?? 'value'}>`.length : 0);
        const rest = line.slice(flagEnd);
        // either two spaces before the description on the same line, or the description alone on the next
        if (rest.trim() === '') expect(lines[at + 1]?.trim().startsWith(o.description), `${c.name} --${name}`).toBe(true);
        else expect(rest.startsWith('  '), `${c.name} --${name}: '${line}'`).toBe(true);
      }
    }
  });
});
