import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import '@leakwatch/harness/vitest';
import { runInvocations } from '@leakwatch/harness';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'lw-matchers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('@leakwatch/harness/vitest', () => {
  it('toHaveLeak with the line, toHaveNoLeaks on the fixed twin, readable failure messages', async () => {
    const leaky = await runInvocations({ module: join(root, 'examples/seed/process-listener.mjs') }, { invocations: 20, cwd: root });
    process.removeAllListeners('unhandledRejection');
    expect(leaky).toHaveLeak('listener-growth', { line: 6, file: 'process-listener.mjs' });
    expect(leaky).not.toHaveLeak('listener-growth', { line: 7 });
    expect(() => expect(leaky).toHaveNoLeaks()).toThrow(/listener-growth {2}examples\/seed\/process-listener\.mjs:6/);
    const fixed = await runInvocations({ module: join(root, 'examples/seed/process-listener.fixed.mjs') }, { invocations: 40, cwd: root });
    expect(fixed).toHaveNoLeaks();
  });
});

describe('@leakwatch/harness/node-test', () => {
  it('a node --test file fails on the leaky handler and passes on its twin', async () => {
    const helper = pathToFileURL(join(root, 'packages/harness/dist/node-test.js')).href;
    const file = join(dir, 'leaks.test.mjs');
    writeFileSync(
      file,
      [
        `import { leakTest } from ${JSON.stringify(helper)};`,
        `leakTest('leaky', { module: ${JSON.stringify(join(root, 'examples/seed/process-listener.mjs'))} }, { invocations: 20 });`,
        `leakTest('fixed', { module: ${JSON.stringify(join(root, 'examples/seed/process-listener.fixed.mjs'))} }, { invocations: 40 });`,
      ].join('\n'),
    );
    const result = await promisify(execFile)(process.execPath, ['--test', '--test-reporter=tap', file], { cwd: root }).then(
      (r) => ({ code: 0, out: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, out: e.stdout }),
    );
    expect(result.code).toBe(1);
    expect(result.out).toMatch(/not ok \d+ - leaky/);
    expect(result.out).toMatch(/\nok \d+ - fixed/);
    expect(result.out).toContain('listener-growth');
  });
});
