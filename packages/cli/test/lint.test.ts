import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/command.js';
import { main } from '../src/main.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const dir = mkdtempSync(join(tmpdir(), 'leakwatch-lint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctx(cwd: string): CliContext & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout, stderr, stdin: new PassThrough(), cwd, env: {}, color: false, out: () => o, err: () => e };
}

function project(name: string, files: Record<string, string>): string {
  const base = join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(base, file)), { recursive: true });
    writeFileSync(join(base, file), text);
  }
  return base;
}

const LEAKY = `const mysql = require('mysql');
exports.handler = async () => {
  const c = mysql.createConnection({});
  await fetch('https://x.example');
  return 1;
};
`;

describe('leakwatch lint', () => {
  it('reports each rule as the finding kind it predicts, with site and advice, and exits 1', async () => {
    const cwd = project('leaky', {
      'src/handler.cjs': LEAKY,
      // a user ESLint config that would break a normal eslint run is never read
      'eslint.config.js': 'throw new Error("not ours");\n',
      'node_modules/dep/index.js': LEAKY,
      'src/view.jsx': 'export const View = () => <div>ok</div>;\n',
      'src/view.tsx': 'export const View = (p: { a: string }) => <div>{p.a}</div>;\n',
      'src/types.ts': `import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async (e: { k: string }): Promise<void> => { const s3 = new S3Client({ requestHandler: { requestTimeout: 1 } }); await s3.send(e as never); };\n`,
    });
    const c = ctx(cwd);
    const code = await main(['lint', '--json'], c);
    expect(code).toBe(1);
    const doc = JSON.parse(c.out());
    expect(doc.command).toBe('lint');
    const sites = doc.findings.map((f: { kind: string; site: { file: string; line: number; column: number }; source: string }) => `${f.kind} ${f.site.file}:${f.site.line}:${f.site.column} ${f.source}`);
    expect(sites.sort()).toEqual([
      'db-connection-leak src/handler.cjs:3:13 lint',
      'handle-growth src/types.ts:2:80 lint',
      'request-without-timeout src/handler.cjs:4:9 lint',
    ]);
    expect(doc.findings[0].advice).toMatch(/finally|timeout|module scope/);
    expect(doc.summary.files).toBe(5);
    expect(doc.summary.unparsable).toBe(0);
    expect(c.err()).toContain('✖ db-connection-leak  src/handler.cjs:3:13');
  });

  it('exits 0 on clean code and writes SARIF 2.1.0', async () => {
    const cwd = project('clean', { 'h.mjs': `export const handler = async () => (await fetch('u', { signal: AbortSignal.timeout(100) })).status;\n` });
    const c = ctx(cwd);
    expect(await main(['lint', '.', '--sarif', 'out.sarif'], c)).toBe(0);
    expect(c.err()).toContain('no leaks found');
    const sarif = JSON.parse(readFileSync(join(cwd, 'out.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results).toEqual([]);
  });

  it('names a parse error as file:line:column, still reports the other files, and exits 2', async () => {
    const cwd = project('broken', { 'ok.cjs': LEAKY, 'bad.ts': 'export const handler = async () => { const x = ; };\n' });
    const c = ctx(cwd);
    expect(await main(['lint', '--json'], c)).toBe(2);
    expect(JSON.parse(c.out()).findings).toHaveLength(2);
    expect(c.err()).toMatch(/^leakwatch lint: bad\.ts:1:\d+: Parsing error: .+$/m);
  });

  it('a missing path is a one-line usage error', async () => {
    const c = ctx(dir);
    expect(await main(['lint', 'nope'], c)).toBe(2);
    expect(c.err()).toBe('leakwatch lint: nope: no JavaScript or TypeScript files found\n');
  });

  it('lints paths inside and outside the current directory together, sites relative to it', async () => {
    const inside = project('mixed/inside', { 'a.cjs': LEAKY });
    const outside = project('elsewhere', { 'b.mjs': `export const handler = async () => { void fetch('u', { signal: AbortSignal.timeout(1) }); };\n` });
    const c = ctx(inside);
    expect(await main(['lint', '.', outside, '--json', '--quiet'], c)).toBe(1);
    const files = JSON.parse(c.out()).findings.map((f: { site: { file: string } }) => f.site.file);
    expect(new Set(files)).toEqual(new Set(['a.cjs', '../../elsewhere/b.mjs']));
  });

  it('--handler-name makes other exports handlers', async () => {
    const cwd = project('names', { 'f.mjs': `import { Client } from 'pg';\nexport async function main() { const c = new Client(); await c.connect(); }\n` });
    expect(await main(['lint', '--quiet'], ctx(cwd))).toBe(0);
    expect(await main(['lint', '--quiet', '--handler-name', 'main'], ctx(cwd))).toBe(1);
  });

  it("honours disable comments for our rules and ignores other tools' directives", async () => {
    const cwd = project('directives', {
      'h.mjs': `/* eslint-env node */\n/* eslint no-console: "error", react/no-danger: "error" */\nexport const handler = async () => {\n  // eslint-disable-next-line @typescript-eslint/no-floating-promises\n  console.log('x');\n  // eslint-disable-next-line @leakwatch/require-request-timeout\n  await fetch('u');\n  await fetch('v');\n};\n`,
    });
    const c = ctx(cwd);
    expect(await main(['lint', '--json', '--quiet'], c)).toBe(1);
    const doc = JSON.parse(c.out());
    expect(doc.findings.map((f: { kind: string; site: { line: number } }) => `${f.kind}:${f.site.line}`)).toEqual(['request-without-timeout:8']);
  });

  it('runs through the real binary over the repository examples', async () => {
    const run = promisify(execFile);
    const { stdout } = await run(process.execPath, [bin, 'lint', 'examples/lint', '--json'], { cwd: root }).catch((e: { stdout: string; code: number }) => {
      expect(e.code).toBe(1);
      return e;
    });
    const doc = JSON.parse(stdout);
    const kinds = new Set(doc.findings.map((f: { kind: string }) => f.kind));
    expect([...kinds].sort()).toEqual(['dangling-work', 'db-connection-leak', 'handle-growth', 'heap-growth', 'listener-growth', 'request-without-timeout']);
    expect(doc.findings.every((f: { site: { file: string } }) => !f.site.file.includes('.fixed.'))).toBe(true);
  });
});
