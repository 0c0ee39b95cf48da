import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readEvents, type LogEvent, type ReadCounts } from '../src/index.js';

async function read(chunks: Buffer[]): Promise<{ events: LogEvent[]; counts: ReadCounts }> {
  const counts: ReadCounts = { lines: 0, bytes: 0, unreadable: 0 };
  const events: LogEvent[] = [];
  for await (const e of readEvents(Readable.from(chunks), 'in.log', counts)) events.push(e);
  return { events, counts };
}

/** Cuts a buffer at the given offsets (any byte, inside a UTF-8 character too). */
function cut(buffer: Buffer, at: number[]): Buffer[] {
  const points = [...new Set(at.map((a) => a % (buffer.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let from = 0;
  for (const p of points) {
    if (p > from) out.push(buffer.subarray(from, p));
    from = Math.max(from, p);
  }
  if (from < buffer.length) out.push(buffer.subarray(from));
  return out;
}

const line = fc.oneof(
  fc.constant('REPORT RequestId: r1\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB'),
  fc.constant('2026-11-24T10:00:00.000Z\t11111111-2222-4333-8444-555555555555\tINFO\tcafé ✓ 日本 🚀'),
  fc.string({ unit: 'grapheme', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, ' ')),
);

describe('readEvents splits lines the same whatever the chunk boundaries (property)', () => {
  it('text lines, LF or CRLF, multibyte characters cut across chunks', async () => {
    await fc.assert(fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 30 }), fc.boolean(), fc.array(fc.nat(), { maxLength: 12 }), async (lines, crlf, at) => {
      const text = 'START RequestId: a\n' + lines.join(crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n');
      const whole = await read([Buffer.from(text)]);
      const pieces = await read(cut(Buffer.from(text), at));
      expect(pieces.events).toEqual(whole.events);
      expect(pieces.counts.lines).toBe(lines.length + 1);
      expect(whole.events.map((e) => e.message)).toEqual(['START RequestId: a', ...lines]);
    }), { numRuns: 150 });
  });
  it('JSON Lines cut anywhere, and a 10 MB line between readable records', async () => {
    const event = (i: number) => JSON.stringify({ logStreamName: 's', timestamp: i, message: `REPORT RequestId: r${i}\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 6${i} MB` });
    const text = `${event(1)}\n{"message":"${'x'.repeat(10_000_000)}"}\n${event(2)}\n`;
    const buffer = Buffer.from(text);
    const { events, counts } = await read(cut(buffer, Array.from({ length: 200 }, (_, k) => k * 65_536 + 17)));
    expect(events.map((e) => e.message.slice(0, 20))).toEqual([`REPORT RequestId: r1`, 'x'.repeat(20), `REPORT RequestId: r2`]);
    expect(counts.unreadable).toBe(0);
  });
});
