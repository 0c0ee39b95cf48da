import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');

describe('leakwatch logs through the real binary', () => {
  it('runs the README example and exits 1 on the leaky sandbox', () => {
    const r = spawnSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', 'examples/logs/leaky-sandbox.log', '--json'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].kind).toBe('memory-creep');
    expect(r.stderr).toContain('rises 2.00 MB per invocation');
  });
  it('exits 0 on a clean file', () => {
    const out = execFileSync(process.execPath, ['packages/cli/dist/bin.js', 'logs', '/work/shared/real-logs/aws-text-java-poor-lambda-proudier.log', '-q'], { cwd: ROOT, encoding: 'utf8' });
    expect(out).toBe('');
  });
});
