import { describe, expect, it } from 'vitest';
import { firstUserFrame, parseFrame, parseStack } from './stack.js';
import { classifyPeer, describePeer } from './resource-class.js';
import { createFinding } from './finding.js';
import { formatErrorLine, InputError, isLeakwatchError } from './errors.js';

describe('stack parsing', () => {
  it('parses named, bare, async and file-URL frames', () => {
    expect(parseFrame('    at handler (file:///app/my%20fn/handler.mjs:4:24)')).toEqual({ function: 'handler', file: '/app/my fn/handler.mjs', line: 4, column: 24 });
    expect(parseFrame('    at /app/h.js:1:2')).toEqual({ file: '/app/h.js', line: 1, column: 2 });
    expect(parseFrame('    at async Promise.all (index 0)')).toBeUndefined();
    expect(parseFrame('    at async run (/app/h.js:9:3)')).toEqual({ function: 'run', file: '/app/h.js', line: 9, column: 3, async: true });
    expect(parseFrame('    at new Promise (<anonymous>)')).toBeUndefined();
  });

  it('skips node internals and dependencies to find the user frame', () => {
    const stack = [
      'Error',
      '    at Connection.connect (/app/node_modules/mysql/lib/Connection.js:80:10)',
      '    at new Socket (node:net:123:4)',
      '    at Object.handler (/app/handler.js:7:14)',
    ].join('\n');
    expect(firstUserFrame(parseStack(stack))).toEqual({ function: 'handler', file: '/app/handler.js', line: 7, column: 14 });
  });
});

describe('peers', () => {
  it('names database services by port', () => {
    expect(classifyPeer(3306)?.service).toBe('MySQL');
    expect(classifyPeer(5432)?.database).toBe(true);
    expect(classifyPeer(undefined, 'ioredis')?.service).toBe('Redis');
    expect(describePeer('127.0.0.1', 3306)).toBe('127.0.0.1:3306 → MySQL');
    expect(describePeer('::1', 9999)).toBe('[::1]:9999');
  });
});

describe('findings and errors', () => {
  it('gives the same leak the same id, whatever else differs', () => {
    const base = { kind: 'heap-growth' as const, severity: 'error' as const, site: { file: 'a.mjs', line: 3, column: 1 }, evidence: {}, advice: '', source: 'test' as const };
    const a = createFinding({ ...base, title: 'x' });
    const b = createFinding({ ...base, title: 'y', source: 'guard' });
    const c = createFinding({ ...base, title: 'x', site: { file: 'a.mjs', line: 4, column: 1 } });
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(c.id);
    expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('formats errors as one line with the position', () => {
    const e = new InputError('LW_INVALID_JSON', 'not valid JSON\nmore', { input: 'ev.jsonl', line: 3 });
    expect(formatErrorLine(e)).toBe('ev.jsonl:3: not valid JSON');
    expect(isLeakwatchError(e)).toBe(true);
    expect(isLeakwatchError(new Error('x'))).toBe(false);
  });
});
