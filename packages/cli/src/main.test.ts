import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFinding, createReport, InputError } from '@leakwatch/core';
import type { CliContext, CommandSpec } from './command.js';
import { OUTPUT_OPTIONS } from './command.js';
import { main } from './main.js';
import { emitReport } from './output.js';
import { toSarif } from './render/sarif.js';
import { renderTerminal } from './render/terminal.js';

function ctx(): CliContext & { out: () => string; err: () => string } {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let o = '';
  let e = '';
  stdout.on('data', (d: Buffer) => (o += d.toString()));
  stderr.on('data', (d: Buffer) => (e += d.toString()));
  return { stdout, stderr, stdin: new PassThrough(), cwd: process.cwd(), env: {}, color: false, out: () => o, err: () => e };
}

const leak = createFinding({
  kind: 'db-connection-leak',
  severity: 'error',
  title: '1 MySQL connection opened per invocation and never closed',
  site: { file: 'examples/seed/mysql-no-end.mjs', line: 4, column: 24, function: 'handler' },
  evidence: { summary: ['live connections: 1 → 50 over 50 invocations'] },
  advice: 'call connection.end() in a finally block',
  source: 'test',
});

const fake: CommandSpec = {
  name: 'fake',
  summary: 'a command for tests',
  description: 'Emits a report with one finding, or fails on input.',
  positionals: [{ name: 'input', description: 'anything', required: true }],
  options: { ...OUTPUT_OPTIONS, broken: { type: 'boolean', description: 'throw an input error' } },
  examples: [],
  async run(args, c) {
    if (args.values['broken']) throw new InputError('LW_INVALID_JSON', 'not valid JSON', { input: 'ev.json', line: 3 });
    return emitReport(createReport('test', [leak]), args, c);
  },
};

describe('main', () => {
  it('exits 1 on a leak, writes JSON to stdout and the finding to stderr', async () => {
    const c = ctx();
    const code = await main(['fake', 'x', '--json'], c, [fake]);
    expect(code).toBe(1);
    const doc = JSON.parse(c.out());
    expect(doc.tool).toBe('leakwatch');
    expect(doc.findings[0].kind).toBe('db-connection-leak');
    expect(c.err()).toContain('✖ db-connection-leak  examples/seed/mysql-no-end.mjs:4:24  (handler)');
  });

  it('exits 2 with a one-line error naming the file and line', async () => {
    const c = ctx();
    expect(await main(['fake', 'x', '--broken'], c, [fake])).toBe(2);
    expect(c.err()).toBe('leakwatch fake: ev.json:3: not valid JSON\n');
  });

  it('exits 2 on unknown options and commands, and on a missing argument', async () => {
    expect(await main(['fake', 'x', '--nope'], ctx(), [fake])).toBe(2);
    expect(await main(['nope'], ctx(), [fake])).toBe(2);
    const c = ctx();
    expect(await main(['fake'], c, [fake])).toBe(2);
    expect(c.err()).toContain('missing <input>');
  });

  it('--fail-on error ignores warnings', async () => {
    const warn = createFinding({ ...leak, severity: 'warning' });
    const c = ctx();
    const code = await emitReport(createReport('test', [warn]), { values: { 'fail-on': 'error', quiet: true }, positionals: [] }, c);
    expect(code).toBe(0);
  });
});

describe('renderers', () => {
  it('SARIF 2.1.0 carries rule, level and region', () => {
    const sarif = toSarif(createReport('test', [leak])) as { version: string; runs: Array<{ results: Array<Record<string, unknown>> }> };
    expect(sarif.version).toBe('2.1.0');
    const r = sarif.runs[0]!.results[0]!;
    expect(r['ruleId']).toBe('db-connection-leak');
    expect(r['level']).toBe('error');
    expect(JSON.stringify(r['locations'])).toContain('"startLine":4');
  });

  it('escapes control characters from hostile text', () => {
    const hostile = createFinding({ ...leak, title: 'evil\x1b[2J\x07title' });
    const text = renderTerminal(createReport('logs', [hostile]), false);
    expect(text).not.toContain('\x1b');
    expect(text).toContain('evil\\x1b[2J\\x07title');
  });
});
