import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { LeakwatchReport } from '@leakwatch/core';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/command.js';
import { main } from '../src/main.js';
import { dbLeakReport, heapGrowthReport } from './fixtures/synthetic-reports.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctx(cwd: string): CliContext & { err: () => string } {
  const stderr = new PassThrough();
  let e = '';
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout: new PassThrough(), stderr, stdin: new PassThrough(), cwd, env: {}, color: false, err: () => e };
}

describe('leakwatch report', () => {
  it('invalid JSON is a one-line error with file, line and column, exit 2', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "tool": "leakwatch",\n  "findings": [}\n');
    const c = ctx(dir);
    expect(await main(['report', 'bad.json', '--html', 'x.html'], c)).toBe(2);
    expect(c.err()).toBe('leakwatch report: bad.json:3:16: not valid JSON: unexpected "}"\n');
    writeFileSync(bad, '{"tool": "leakwatch",');
    expect(await main(['report', 'bad.json'], c)).toBe(2);
    expect(c.err()).toContain('bad.json:1:22: not valid JSON: unexpected end of input\n');
  });

  it('a document that is not a leakwatch report names the wrong field, exit 2', async () => {
    const report = dbLeakReport();
    (report.findings[1] as { severity: string }).severity = 'fatal';
    writeFileSync(join(dir, 'wrong.json'), JSON.stringify(report));
    const c = ctx(dir);
    expect(await main(['report', 'wrong.json'], c)).toBe(2);
    expect(c.err()).toBe('leakwatch report: wrong.json: not a leakwatch report: findings[1].severity is not error, warning or info\n');
    writeFileSync(join(dir, 'other.json'), '[1,2]');
    expect(await main(['report', 'other.json'], c)).toBe(2);
  });

  it('the real binary merges saved documents and writes --html', async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(heapGrowthReport()));
    writeFileSync(join(dir, 'b.json'), JSON.stringify(dbLeakReport()));
    const run = promisify(execFile);
    const out = await run(process.execPath, [bin, 'report', 'a.json', 'b.json', '--json', '--html', 'ab.html'], { cwd: dir }).catch((e: { code: number; stdout: string }) => e);
    expect((out as { code?: number }).code).toBe(1);
    const merged = JSON.parse(out.stdout) as LeakwatchReport;
    expect(merged.command).toBe('test');
    expect(merged.findings).toHaveLength(4);
    expect(readFileSync(join(dir, 'ab.html'), 'utf8')).toContain('<!doctype html>');
  });
});
