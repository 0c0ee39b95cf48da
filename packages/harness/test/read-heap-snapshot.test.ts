// The streaming heap-snapshot reader against real snapshots written by Node.js: the same tables
// as JSON.parse, strings with every kind of escape, and files cut anywhere give a clear error.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLeakwatchError } from '@leakwatch/core';
import { readHeapSnapshot } from '../src/profile/heap-snapshot/read-heap-snapshot.js';

const dir = mkdtempSync(join(tmpdir(), 'lw-snapshot-'));
const file = join(dir, 'real.heapsnapshot');
let text = '';
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  // a real process with strings that need escaping in JSON
  const script = `
    globalThis.keep = ['quote " and backslash \\\\ ', 'line\\nbreak\\ttab', 'unicode é ✓ 🦊', 'ctl \\u0001', 'x'.repeat(70000) + 'end'];
    require('v8').writeHeapSnapshot(${JSON.stringify(file)});`;
  execFileSync(process.execPath, ['-e', script]);
  text = readFileSync(file, 'utf8');
});

interface Parsed {
  snapshot: { node_count: number; edge_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

describe('readHeapSnapshot', () => {
  it('reads a real snapshot into the same tables as JSON.parse', async () => {
    const expected = JSON.parse(text) as Parsed;
    const s = await readHeapSnapshot(file);
    expect(s.nodeCount).toBe(expected.snapshot.node_count);
    expect(s.edgeCount).toBe(expected.snapshot.edge_count);
    expect(Array.from(s.nodes)).toEqual(expected.nodes);
    expect(Array.from(s.edges)).toEqual(expected.edges);
    expect(s.strings).toEqual(expected.strings);
    // the escapes the reader decodes itself are there to decode
    expect(expected.strings.some((x) => x.includes('"'))).toBe(true);
    expect(expected.strings.some((x) => x.includes('\n'))).toBe(true);
    expect(expected.strings.some((x) => /[^\u0000-\u007f]/.test(x))).toBe(true);
  });

  it('reads only the sorted ids when asked', async () => {
    const expected = JSON.parse(text) as Parsed & { snapshot: { meta: { node_fields: string[] } } };
    const fields = expected.snapshot.meta.node_fields.length;
    const at = expected.snapshot.meta.node_fields.indexOf('id');
    const ids = expected.nodes.filter((_, i) => i % fields === at).sort((a, b) => a - b);
    const s = await readHeapSnapshot(file, { idsOnly: true });
    expect(Array.from(s.ids)).toEqual(ids);
  });

  it('a file cut anywhere is an error naming the file and the line, never a crash or a partial result', async () => {
    const bytes = Buffer.from(text);
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 3 }), async (cut) => {
        const cutFile = join(dir, 'cut.heapsnapshot');
        writeFileSync(cutFile, bytes.subarray(0, cut));
        const error = await readHeapSnapshot(cutFile).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isLeakwatchError(error)).toBe(true);
        const e = error as { input: string; line: number; message: string };
        expect(e.input).toBe(cutFile);
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.message).toMatch(/truncated|not a V8 heap snapshot|empty/);
      }),
      { numRuns: 40 },
    );
  });

  it('says where a truncated file stops', async () => {
    const cutFile = join(dir, 'half.heapsnapshot');
    writeFileSync(cutFile, text.slice(0, Math.floor(text.length / 2)));
    await expect(readHeapSnapshot(cutFile)).rejects.toThrow(/truncated heap snapshot: the file ends inside the "(nodes|edges|strings)" section/);
  });

  it('a file that is not a snapshot, and a missing file, are clear errors', async () => {
    const json = join(dir, 'other.json');
    writeFileSync(json, '{"hello": [1, 2, 3]}');
    await expect(readHeapSnapshot(json)).rejects.toThrow(/not a V8 heap snapshot/);
    await expect(readHeapSnapshot(join(dir, 'missing.heapsnapshot'))).rejects.toThrow(/cannot read heap snapshot: ENOENT/);
  });
});
