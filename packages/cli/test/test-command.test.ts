// `leakwatch test` through the real binary: exit codes, JSON and SARIF, TypeScript and CommonJS
// handlers, and bad input that must give one clear line, never a stack trace.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/cli/dist/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'lw-test-cmd-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function leakwatch(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { cwd: root, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

describe('leakwatch test', () => {
  it('exits 1 on a leak and writes the finding contract and SARIF', async () => {
    const sarif = join(dir, 'out.sarif');
    const r = await leakwatch('test', 'examples/seed/process-listener.mjs', '-n', '30', '--json', '--sarif', sarif);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ tool: 'leakwatch', command: 'test', summary: { invocations: 30, handlers: 1 } });
    const f = doc.findings.find((x: { kind: string }) => x.kind === 'listener-growth');
    expect(f.site).toMatchObject({ file: 'examples/seed/process-listener.mjs', line: 6 });
    expect(r.stderr).toContain('listener-growth  examples/seed/process-listener.mjs:6:');
    const s = JSON.parse(readFileSync(sarif, 'utf8'));
    expect(s.version).toBe('2.1.0');
    expect(JSON.stringify(s.runs[0].results)).toContain('"startLine":6');
  });

  it('exits 0 on a fixed twin', async () => {
    const r = await leakwatch('test', 'examples/seed/process-listener.fixed.mjs', '-n', '50');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('no leaks found in 50 invocations');
  });

  it('loads TypeScript (sites on .ts lines) and CommonJS callback handlers', async () => {
    const ts = file('cache.ts', ['const seen: string[] = [];', '', 'export async function handler(event: { id?: string }): Promise<number> {', "  seen.push(JSON.stringify(event) + 'x'.repeat(2000));", '  setInterval(() => seen.length, 60_000);', '  return seen.length;', '}', ''].join('\n'));
    const r = await leakwatch('test', ts, '-n', '30', '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout);
    const h = doc.findings.find((x: { kind: string }) => x.kind === 'handle-growth');
    expect(h.site.file).toMatch(/cache\.ts$/);
    expect(h.site.line).toBe(5);
    const cjs = file('cb.cjs', "exports.handler = function (event, context, callback) { setImmediate(() => callback(null, { ok: context.getRemainingTimeInMillis() > 0 })); };\n");
    expect((await leakwatch('test', cjs, '-n', '20')).code).toBe(0);
  });

  it('gives one-line errors with exit 2 for a missing module, export, a module that throws, bad event JSON', async () => {
    const missing = await leakwatch('test', join(dir, 'nope.mjs'));
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nope.mjs');

    const noExport = await leakwatch('test', file('x.mjs', 'export const main = async () => 1;\n'));
    expect(noExport.code).toBe(2);
    expect(noExport.stderr).toMatch(/handler/);
    expect(noExport.stderr).not.toMatch(/\n\s+at /);

    const throws = await leakwatch('test', file('boom.mjs', "throw new Error('boom at import');\n"));
    expect(throws.code).toBe(2);
    expect(throws.stderr).toMatch(/boom at import/);
    expect(throws.stderr).not.toMatch(/\n\s+at /);

    const badEvents = file('events.jsonl', '{"ok":1}\n{"broken": \n');
    const badJson = await leakwatch('test', 'examples/seed/global-list.fixed.mjs', '--events', badEvents);
    expect(badJson.code).toBe(2);
    expect(badJson.stderr).toMatch(/events\.jsonl:2/);
  });

  it('reports a handler that always throws, and one that never settles, without crashing', async () => {
    const thrower = await leakwatch('test', file('fail.mjs', "export const handler = async () => { throw new TypeError('db down'); };\n"), '-n', '10', '--json');
    expect(thrower.code).toBe(1);
    expect(JSON.parse(thrower.stdout).findings.map((f: { kind: string }) => f.kind)).toContain('invocation-error');
    const hang = await leakwatch('test', file('hang.mjs', 'export const handler = () => new Promise(() => {});\n'), '-n', '3', '--timeout', '100', '--json');
    expect(hang.code).toBe(1);
    expect(JSON.parse(hang.stdout).findings.map((f: { kind: string }) => f.kind)).toContain('timeout');
  });

  it('runs a folder of handlers, skipping the fixed twins', async () => {
    const r = await leakwatch('test', 'examples/seed', '-n', '12', '--json', '--timeout', '200');
    const doc = JSON.parse(r.stdout);
    expect(doc.summary.handlers).toBeGreaterThanOrEqual(6);
    expect(r.code).toBe(1);
  });
});
