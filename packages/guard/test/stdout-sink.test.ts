import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const guardEntry = JSON.stringify(fileURLToPath(new URL('../dist/index.js', import.meta.url)));
const dir = mkdtempSync(join(tmpdir(), 'lw-sink-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a script with its stdout on a pipe that is not read for `stallMs`; resolves with everything it wrote. */
function run(name: string, source: string, stallMs = 0): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const file = join(dir, name);
  writeFileSync(file, source);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    // Not reading leaves the pipe full: the child's writes then meet EAGAIN.
    child.stdout.pause();
    setTimeout(() => child.stdout.on('data', (c: Buffer) => out.push(c)).resume(), stallMs);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr }));
  });
}

describe('the default sink: lines on stdout', () => {
  it('on a full pipe nothing throws and nothing is lost: every line arrives whole and in order, with the handler’s own output', async () => {
    const { code, stdout, stderr } = await run(
      'full-pipe.mjs',
      `import { withLeakGuard } from ${guardEntry};
let queuedAtMost = 0;
const handler = withLeakGuard(async (event) => {
  process.stdout.write('handler ' + event.i + ' ' + 'x'.repeat(300) + '\\n');
  queuedAtMost = Math.max(queuedAtMost, process.stdout.writableLength);
  return event.i * 2;
});
const results = [];
for (let i = 1; i <= 3000; i++) results.push(await handler({ i }, { awsRequestId: 'req-' + i, getRemainingTimeInMillis: () => 30000 }));
process.stderr.write(JSON.stringify({ ok: results.every((r, k) => r === (k + 1) * 2), queuedAtMost }));
`,
      400,
    );
    expect(code).toBe(0);
    const report = JSON.parse(stderr) as { ok: boolean; queuedAtMost: number };
    expect(report.ok).toBe(true);
    expect(report.queuedAtMost).toBeGreaterThan(0); // the pipe did fill: the stream path was taken
    const lines = stdout.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines).toHaveLength(6000);
    for (let i = 1; i <= 3000; i++) {
      expect(lines[2 * i - 2]).toBe(`handler ${i} ${'x'.repeat(300)}`);
      expect(JSON.parse(lines[2 * i - 1]!)).toMatchObject({ LeakwatchType: 'invocation', Invocation: i, RequestId: `req-${i}`, Outcome: 'ok' });
    }
  });

  it('goes through a replaced process.stdout.write (a harness capturing output), and through a worker thread’s stdout', async () => {
    writeFileSync(join(dir, 'worker.mjs'), `import { withLeakGuard } from ${guardEntry};\nconst h = withLeakGuard(async () => 1);\nfor (let i = 0; i < 3; i++) await h({}, {});\n`);
    const { code, stdout } = await run(
      'captured.mjs',
      `import { Worker } from 'node:worker_threads';
import { withLeakGuard } from ${guardEntry};
const original = process.stdout.write.bind(process.stdout);
const captured = [];
process.stdout.write = (chunk) => { captured.push(String(chunk)); return true; };
const handler = withLeakGuard(async () => 1);
for (let i = 0; i < 5; i++) await handler({}, {});
process.stdout.write = original;
await new Promise((resolve) => new Worker(new URL('./worker.mjs', import.meta.url)).on('exit', resolve));
console.log(JSON.stringify({ captured: captured.map((c) => JSON.parse(c).Invocation) }));
`,
    );
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n');
    expect(JSON.parse(lines.pop()!)).toEqual({ captured: [1, 2, 3, 4, 5] });
    expect(lines.map((l) => JSON.parse(l).Invocation)).toEqual([1, 2, 3]);
  });
});
