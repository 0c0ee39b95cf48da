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
  it('says so when none of the lines read is a log record (instead of a bare "no leaks found")', async () => {
    const f = join(dir, 'not-logs.jsonl');
    writeFileSync(f, '{"user":"a","clicks":3}\n{"user":"b","clicks":4}\n');
    const c = ctx();
    expect(await main(['logs', f], c, [logsCommand])).toBe(0);
    expect(c.err()).toContain('leakwatch logs: none of the 2 lines read is a log record of a format it knows (the formats: docs/logs.md, Inputs)');
    const q = ctx();
    await main(['logs', 'examples/logs/leaky-sandbox.log', '--json'], q, [logsCommand]);
    expect(q.err()).not.toContain('none of the');
  });
  it('names the unreadable lines by file:line on the terminal, in --json and in Markdown, escaped', async () => {
    const f = join(dir, 'two-bad.jsonl');
    const hostile = 'REPORT RequestId: <img/src=x>\u001b[31m*|x Duration: abc';
    writeFileSync(f, ['{"logStreamName":"s","timestamp":1,"message":"START RequestId: a"}', '{"logStreamName":"s", cut', '{"logStreamName":"s","timestamp":2,"message":"END RequestId: a"}', '{nope', JSON.stringify({ logStreamName: 's', timestamp: 3, message: hostile })].join('\n') + '\n');
    const c = ctx();
    const md = join(dir, 'two-bad.md');
    await main(['logs', f, '--markdown', md], c, [logsCommand]);
    expect(c.err()).toContain(`⚠ 3 lines could not be read (counted, not judged): ${f}:2, ${f}:4, s: the REPORT of request <img/src=x>\\x1b[31m*|x`);
    expect(c.err()).not.toContain('\u001b[31m*');
    const mdText = readFileSync(md, 'utf8');
    expect(mdText).toContain(`> ⚠ 3 lines could not be read \\(counted, not judged\\): ${escapeMarkdown(f)}:2`);
    expect(mdText).toContain('&lt;img/src=x&gt;\\x1b\\[31m\\*\\|x');
    const j = ctx();
    await main(['logs', f, '--json'], j, [logsCommand]);
    expect(JSON.parse(j.out()).summary).toMatchObject({ unreadable: 3, unreadableAt: [`${f}:2`, `${f}:4`, 's: the REPORT of request <img/src=x>\u001b[31m*|x'] });
  });
  it('--price-date and --region pick the dated, regional price table; errors name the flag (exit 2)', async () => {
    const fixture = 'packages/analyzer/test/fixtures/aws-s3export-timeout-oom-connections.log';
    const run = async (...flags: string[]) => {
      const c = ctx();
      const code = await main(['logs', fixture, '--json', ...flags], c, [logsCommand]);
      return { code, c };
    };
    const usd = (out: string) => (JSON.parse(out) as { findings: Array<{ kind: string; cost?: { usd?: number } }> }).findings.find((f) => f.kind === 'timeout')?.cost?.usd ?? NaN;
    const base = await run();
    const cape = await run('--region', 'af-south-1');
    expect(cape.code).toBe(1);
    expect(usd(cape.c.out()) / usd(base.c.out())).toBeCloseTo(0.0000221 / 0.0000166667, 6);
    expect(JSON.parse(cape.c.out()).summary.priceRegion).toBe('af-south-1');
    const old = await run('--price-date', '2021-03-01');
    expect(JSON.parse(old.c.out()).summary.pricesFrom).toBe('2020-12-01');
    const early = await run('--price-date', '2019-01-01');
    expect(early.code).toBe(2);
    expect(early.c.err()).toBe('leakwatch logs: --price-date: 2019-01-01 is before the earliest AWS Lambda price table (2020-12-01; before it Lambda billed in 100 ms steps)\n');
    const region = await run('--region', 'xx-nowhere-9');
    expect(region.code).toBe(2);
    expect(region.c.err()).toMatch(/^leakwatch logs: --region: no AWS Lambda prices for region 'xx-nowhere-9'/);
  });
  it('--region with a Google region prices Google sandboxes at its tier; --azure-plan picks the Azure plan', async () => {
    const run = async (fixture: string, ...flags: string[]) => {
      const c = ctx();
      const code = await main(['logs', `packages/analyzer/test/fixtures/${fixture}`, '--json', ...flags], c, [logsCommand]);
      const doc = code === 2 ? undefined : (JSON.parse(c.out()) as { findings: Array<{ kind: string; cost?: { usd?: number; period?: string } }>; summary: Record<string, unknown> });
      return { code, c, timeout: doc?.findings.find((f) => f.kind === 'timeout')?.cost, summary: doc?.summary };
    };
    // the fixture's entries say us-central1 (Tier 1); --region europe-west2 chooses Tier 2 for them
    const gcp = await run('gcp-logentry-timeout-memory.jsonl');
    const london = await run('gcp-logentry-timeout-memory.jsonl', '--region', 'europe-west2');
    expect(london.code).toBe(1);
    expect(london.timeout?.period).toContain('Google Cloud Run functions (Tier 2, europe-west2)');
    expect((london.timeout?.usd ?? 0) / (gcp.timeout?.usd ?? 1)).toBeCloseTo(1.4, 9);
    // AWS stays at us-east-1 (a Google region is no AWS region)
    expect(london.summary?.['priceRegion']).toBe('us-east-1');
    const azure = await run('azure-host-executed-timeout.log');
    const flex = await run('azure-host-executed-timeout.log', '--azure-plan', 'flex-consumption');
    expect(azure.timeout?.period).toContain('Azure Functions Consumption prices');
    expect(flex.timeout?.period).toContain('Azure Functions Flex Consumption (on demand) prices read 2026-11-29, 2048 MB assumed');
    expect((flex.timeout?.usd ?? 0) / (azure.timeout?.usd ?? 1)).toBeCloseTo((2048 * 0.000026) / (128 * 0.000016), 9);
    const bad = await run('azure-host-executed-timeout.log', '--azure-plan', 'premium');
    expect(bad.code).toBe(2);
    expect(bad.c.err()).toBe("leakwatch logs: --azure-plan must be consumption or flex-consumption, not 'premium'\n");
  });
  it('--max-sandboxes bounds the sandboxes held; a bad value is a usage error (exit 2)', async () => {
    const c = ctx();
    expect(await main(['logs', 'examples/logs/leaky-sandbox.log', '--max-sandboxes', '0'], c, [logsCommand])).toBe(2);
    expect(c.err()).toBe("leakwatch logs: --max-sandboxes must be a positive integer, not '0'\n");
    const ok = ctx();
    expect(await main(['logs', 'examples/logs/leaky-sandbox.log', '--max-sandboxes', '1', '--json'], ok, [logsCommand])).toBe(1);
    expect(JSON.parse(ok.out()).findings[0].kind).toBe('memory-creep');
  });
});
