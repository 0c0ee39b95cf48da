import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../command.js';
import { main } from '../main.js';
import { escapeMarkdown } from '../render/markdown.js';
import { logsCommand } from './logs.js';
import { REAL_LOGS } from '../../../analyzer/test/real-logs.js';

const ROOT = join(import.meta.dirname, '../../../..');
const dir = mkdtempSync(join(tmpdir(), 'lw-logs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function ctx(stdin = new PassThrough()): CliContext & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout, stderr, stdin, cwd: ROOT, env: {}, color: false, out: () => o, err: () => e };
}

describe('leakwatch logs', () => {
  it('finds memory-creep in the README example, exit 1, JSON on stdout, Markdown to a file', async () => {
    const c = ctx();
    const md = join(dir, 'out.md');
    const code = await main(['logs', 'examples/logs/leaky-sandbox.log', '--json', '--markdown', md], c, [logsCommand]);
    expect(code).toBe(1);
    const doc = JSON.parse(c.out());
    expect(doc.command).toBe('logs');
    expect(doc.findings[0].kind).toBe('memory-creep');
    expect(doc.summary.invocations).toBe(30);
    expect(c.err()).toContain('✖ memory-creep  leaky-sandbox.log');
    expect(readFileSync(md, 'utf8')).toContain('| 🔴 | memory-creep |');
  });
  it('reads gzip from standard input, exit 0 on flat memory', async () => {
    const stdin = new PassThrough();
    stdin.end(gzipSync(readFileSync(join(REAL_LOGS, 'aws-text-java-better-lambda-proudier.log'))));
    const c = ctx(stdin);
    expect(await main(['logs', '-', '--json'], c, [logsCommand])).toBe(0);
    expect(JSON.parse(c.out()).summary.invocations).toBe(4);
  });
  it('exit 2 with a one-line error naming a missing input', async () => {
    const c = ctx();
    expect(await main(['logs', 'nope.log'], c, [logsCommand])).toBe(2);
    expect(c.err()).toBe('leakwatch logs: nope.log: cannot read log input: ENOENT\n');
  });
  it('escapes log content in Markdown', () => {
    expect(escapeMarkdown('<script>*x*|y\u001b')).toBe('&lt;script&gt;\\*x\\*\\|y\\x1b');
  });
  it('counts unreadable JSON lines', async () => {
    const f = join(dir, 'bad.jsonl');
    writeFileSync(f, '{"message":"START RequestId: a"}\n{"message": "REPORT Req\n');
    const c = ctx();
    await main(['logs', f, '--json'], c, [logsCommand]);
    expect(JSON.parse(c.out()).summary.unreadable).toBe(1);
  });
});
