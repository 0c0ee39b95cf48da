import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { syntheticFleet } from '@leakwatch/analyzer';
import { describe, expect, it } from 'vitest';
import { REAL_LOGS } from '../../analyzer/test/real-logs.js';

const ROOT = join(import.meta.dirname, '../../..');

describe('leakwatch logs through the real binary', () => {
  it('runs the README example and exits 1 on the leaky sandbox', () => {
    const r = spawnSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', 'examples/logs/leaky-sandbox.log', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].kind).toBe('memory-creep');
    expect(r.stderr).toContain('rises 2.00 MB per invocation');
    // the README shows this very output
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(r.stderr.split('\n').slice(0, 4).join('\n'));
  });
  it('runs the README\'s Application Insights and pricing examples', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const azure = ['logs', 'examples/logs/appinsights-requests.csv'];
    const prices = ['logs', 'examples/logs/leaky-sandbox.log', '--price-date', '2024-03-01', '--region', 'eu-south-1', '--json'];
    for (const args of [azure, prices]) expect(readme).toContain(`node packages/cli/dist/bin.js ${args.join(' ')}`);
    const a = spawnSync(process.execPath, ['packages/cli/dist/bin.js', ...azure, '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(a.status).toBe(1);
    expect(JSON.parse(a.stdout).findings.map((f: { kind: string; evidence: { sandbox: string } }) => `${f.kind} ${f.evidence.sandbox}`).sort()).toEqual(['duration-growth a1b2c3d4e5f6host0', 'timeout 9f8e7d6c5b4ahost1']);
    const p = spawnSync(process.execPath, ['packages/cli/dist/bin.js', ...prices], { cwd: ROOT, encoding: 'utf8' });
    expect(JSON.parse(p.stdout).summary).toMatchObject({ pricesFrom: '2022-08-01', priceRegion: 'eu-south-1' });
  });
  it('--workers splits folders of files over worker threads and prints the same report', () => {
    const run = (workers: string) => spawnSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', 'examples/logs', REAL_LOGS, '--workers', workers, '--json'], { cwd: ROOT, encoding: 'utf8' });
    const one = run('1');
    const three = run('3');
    expect(one.status).toBe(1);
    expect(three.status).toBe(1);
    const strip = (out: string) => JSON.stringify(JSON.parse(out).findings, (_k, v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v));
    expect(JSON.parse(one.stdout).findings.length).toBeGreaterThanOrEqual(4);
    expect(strip(three.stdout)).toBe(strip(one.stdout));
    const { usd: _a, ...summaryOne } = JSON.parse(one.stdout).summary;
    const { usd: _b, ...summaryThree } = JSON.parse(three.stdout).summary;
    expect(summaryThree).toEqual(summaryOne);
    expect(summaryOne.sandboxes).toBeGreaterThan(10);
    const bad = run('0');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--workers must be a whole number from 1 to 64');
  });
  it('reads a large file on a worker thread and prints what it prints for the same bytes on standard input', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lw-big-'));
    try {
      const file = join(dir, 'fleet.jsonl');
      const text = [...syntheticFleet({ sandboxes: 200, invocations: 200, concurrency: 100, seed: 9 })].join('\n') + '\n';
      writeFileSync(file, text);
      expect(text.length).toBeGreaterThan(16 << 20); // over the size read on a worker thread
      const viaFile = spawnSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', file, '--json'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
      const viaStdin = spawnSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', '-', '--json'], { cwd: ROOT, encoding: 'utf8', input: text, maxBuffer: 1 << 26 });
      expect(viaFile.status).toBe(1);
      expect(viaStdin.status).toBe(1);
      const file1 = JSON.parse(viaFile.stdout);
      const stdin1 = JSON.parse(viaStdin.stdout);
      expect(file1.findings.length).toBeGreaterThan(20);
      expect(file1.findings).toEqual(stdin1.findings);
      expect(file1.summary).toEqual(stdin1.summary);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
  it('exits 0 on a clean file', () => {
    const out = execFileSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', join(REAL_LOGS, 'aws-text-java-poor-lambda-proudier.log'), '-q'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe('');
  });
});

describe('leakwatch logs --log-group (fake CloudWatch endpoint)', () => {
  it('runs --engine insights through the SDK against a loopback server and reports the timeouts', async () => {
    const { createServer } = await import('node:http');
    // two queries: the per-stream statistics (q1) and dangling work (q2), told apart by their text
    const started: string[] = [];
    let failDangling = false;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        const target = String(req.headers['x-amz-target']);
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        if (target.endsWith('StartQuery')) {
          const query = String((JSON.parse(body) as { queryString: string }).queryString);
          started.push(query);
          res.end(JSON.stringify({ queryId: query.includes('afterEnd') ? 'q2' : 'q1' }));
          return;
        }
        const dangling = (JSON.parse(body) as { queryId: string }).queryId === 'q2';
        if (dangling && failDangling) {
          res.end(JSON.stringify({ status: 'Failed' }));
          return;
        }
        res.end(JSON.stringify({
          status: 'Complete',
          results: dangling
            ? [[{ field: '@log', value: '1:/aws/lambda/orders' }, { field: '@logStream', value: 's2' }, { field: 'afterEnd', value: '2' }, { field: 'requests', value: '9' }]]
            : [[{ field: '@log', value: '1:/aws/lambda/orders' }, { field: '@logStream', value: 's1' }, { field: 'n', value: '4' }, { field: 'timeoutLines', value: '3' }]],
        }));
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    try {
      const { port } = server.address() as { port: number };
      const { spawn } = await import('node:child_process');
      const run = async (): Promise<{ code: number | null; doc: { findings: Array<{ kind: string; evidence: Record<string, unknown> }> }; err: string }> => {
        const child = spawn(process.execPath, ['packages/cli/dist/bin.js', 'logs', '--log-group', '/aws/lambda/orders', '--engine', 'insights', '--region', 'us-east-1', '--json'], {
          cwd: ROOT,
          env: { PATH: process.env['PATH'] ?? '', LEAKWATCH_CLOUDWATCH_ENDPOINT: `http://127.0.0.1:${port}`, AWS_ACCESS_KEY_ID: 'AKIDFAKE', AWS_SECRET_ACCESS_KEY: 'fake', AWS_EC2_METADATA_DISABLED: 'true' },
        });
        let out = '';
        let err = '';
        child.stdout.on('data', (d: Buffer) => (out += d.toString()));
        child.stderr.on('data', (d: Buffer) => (err += d.toString()));
        const code = await new Promise<number | null>((done) => child.on('close', done));
        return { code, doc: JSON.parse(out), err };
      };
      const { code, doc } = await run();
      expect(code).toBe(1);
      expect(doc.findings[0]?.kind).toBe('timeout');
      expect(doc.findings[0]?.evidence['timeouts']).toBe(3);
      expect(started).toHaveLength(2);
      const dangling = doc.findings.find((f) => f.kind === 'dangling-work');
      expect(dangling).toMatchObject({ function: 'orders', evidence: { sandbox: 's2', requestsAfterEnd: 2, engine: 'insights' } });
      // the engine refuses the dangling-work query: the other findings stand, and stderr says why
      failDangling = true;
      const refused = await run();
      expect(refused.code).toBe(1);
      expect(refused.doc.findings.map((f) => f.kind)).toEqual(['timeout']);
      expect(refused.err).toContain('leakwatch logs: /aws/lambda/orders: the dangling-work query failed (Logs Insights query failed); the other findings stand');
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });
});
