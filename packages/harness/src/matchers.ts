import type { Finding, FindingKind } from '@leakwatch/core';
import { renderFindingText } from './assert.js';
import type { Run } from './run.js';

interface MatcherResult {
  pass: boolean;
  message: () => string;
}

/** Where a finding must point: a line, and optionally a file suffix. */
export interface LeakLocation {
  line?: number;
  file?: string;
}

const list = (fs: Finding[]): string => (fs.length ? fs.map(renderFindingText).join('\n') : '(no findings)');

function matches(f: Finding, kind: FindingKind, at: LeakLocation | undefined): boolean {
  if (f.kind !== kind) return false;
  if (at?.line !== undefined && f.site?.line !== at.line) return false;
  if (at?.file !== undefined && !f.site?.file.endsWith(at.file)) return false;
  return true;
}

/**
 * Matchers for any `expect` that takes `expect.extend` (Vitest, Jest):
 * `expect(run).toHaveNoLeaks()`, `expect(run).toHaveNoLeaks({ ignore: ['cpu-growth'] })`,
 * `expect(run).toHaveLeak('db-connection-leak', { line: 9 })`.
 *
 * @example
 * ```ts
 * expect.extend(leakMatchers);
 * expect(await runInvocations(handler, { invocations: 50 })).toHaveNoLeaks();
 * ```
 */
export const leakMatchers = {
  toHaveNoLeaks(run: Pick<Run, 'findings'>, options: { ignore?: FindingKind[] } = {}): MatcherResult {
    const found = run.findings.filter((f) => !options.ignore?.includes(f.kind));
    return {
      pass: found.length === 0,
      message: () => (found.length ? `expected no leaks, leakwatch found ${found.length}:\n${list(found)}` : 'expected leaks, leakwatch found none'),
    };
  },
  toHaveLeak(run: Pick<Run, 'findings'>, kind: FindingKind, at?: LeakLocation): MatcherResult {
    const pass = run.findings.some((f) => matches(f, kind, at));
    const where = at?.line !== undefined ? ` at line ${at.line}${at.file ? ` of ${at.file}` : ''}` : '';
    return {
      pass,
      message: () => (pass ? `expected no ${kind}${where}, but leakwatch found it` : `expected a ${kind}${where}; leakwatch found:\n${list(run.findings)}`),
    };
  },
};
