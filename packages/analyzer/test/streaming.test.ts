import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeLogs, readEvents, type ReadCounts } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'lw-stream-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function generate(lines: number): string {
  const out: string[] = [];
  for (let i = 0; i < lines / 2; i++) {
    out.push(`2026-11-24T10:00:00.000Z\tr${i}\tINFO\tprocessing ${'x'.repeat(40)}`);
    out.push(`REPORT RequestId: r${i}\tDuration: ${10 + (i % 7)} ms\tBilled Duration: 20 ms\tMemory Size: 256 MB\tMax Memory Used: ${100 + (i % 3)} MB\t`);
  }
  return out.join('\n') + '\n';
}

describe('streaming', () => {
  it('reads a 200k-line gzip input as it arrives, not after buffering it whole', async () => {
    const path = join(dir, 'big.log.gz');
    writeFileSync(path, gzipSync(generate(200_000)));
    const total = statSync(path).size;
    const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
    let bytesAtFirstEvent = -1;
    const source = readEvents(createReadStream(path, { highWaterMark: 16 * 1024 }), 'big', counts);
    async function* watch() {
      for await (const e of source) {
        if (bytesAtFirstEvent < 0) bytesAtFirstEvent = counts.bytes;
        yield e;
      }
    }
    const a = await analyzeLogs([watch()], counts);
    expect(a.counts.reports).toBe(100_000);
    expect(a.counts.lines).toBe(200_000);
    expect(counts.bytes).toBe(total);
    expect(bytesAtFirstEvent).toBeLessThan(total / 4);
    expect(a.findings.filter((f) => f.kind === 'memory-creep')).toEqual([]);
  });
});
