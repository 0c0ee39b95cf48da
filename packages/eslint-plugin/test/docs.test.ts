import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { FINDING_KINDS } from '@leakwatch/core';
import plugin from '../src/index.js';

// Every rule has docs/rules/<rule>.md with the sections what/why/bad/good/options, and meta that
// names the finding kind it predicts and the fix.
const docs = join(dirname(fileURLToPath(import.meta.url)), '../../../docs/rules');
const SECTIONS = ['## What', '## Why', '## Bad', '## Good', '## Options'];

describe('rule docs', () => {
  for (const [name, rule] of Object.entries(plugin.rules)) {
    it(`${name} has docs/rules/${name}.md and complete meta`, () => {
      const file = join(docs, `${name}.md`);
      expect(existsSync(file), `docs/rules/${name}.md`).toBe(true);
      const text = readFileSync(file, 'utf8');
      expect(text.startsWith(`# ${name}\n`)).toBe(true);
      let last = -1;
      for (const section of SECTIONS) {
        const at = text.indexOf(`\n${section}\n`);
        expect(at, `${name}.md needs ${section} after the previous section`).toBeGreaterThan(last);
        last = at;
      }
      expect(text).toContain(`\`${rule.meta.docs.leakwatchKind}\``);
      expect(FINDING_KINDS).toContain(rule.meta.docs.leakwatchKind);
      expect(rule.meta.docs.url.endsWith(`docs/rules/${name}.md`)).toBe(true);
      expect(rule.meta.docs.advice.length).toBeGreaterThan(20);
    });
  }
});
