import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsOfJson } from './log-event.js';
import { parseMessage } from './parse-message.js';
import { NameCache, scanFlatEvent } from './scan-flat-event.js';
import { ownerOf } from './shard.js';

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('REPORT RequestId: r\tDuration: 5 ms', 'a "quoted" \\ back\\slash', 'café ✓ 日本 🚀', '', '\u0000\u001f\u2028',
  'START RequestId: 0f1e-2d Version: $LATEST', 'START RequestId: 0f1e-2d Version: 12', 'START RequestId: 0f1e-2d Version: $LATEST ECONNREFUSED', 'START RequestId: xyz Version: 1'));
const value = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.constant({ nested: 1 }), fc.constant([1]));
const key = fc.oneof(fc.constantFrom('message', 'logStreamName', 'logGroupName', 'timestamp', 'ingestionTime', 'eventId', 'id', '@message', 'textPayload', 'duration', 'awslogs', 'events'), fc.string({ maxLength: 14 }));
const flatEvent = fc.dictionary(key, value, { maxKeys: 7 });
const cloudWatchEvent = fc.record({
  // names as CloudWatch allows them (no quotes, backslashes or control characters)
  logGroupName: fc.stringMatching(/^[A-Za-z0-9_/.#-]{1,60}$/), logStreamName: fc.stringMatching(/^[A-Za-z0-9_/[\]$.#é-]{1,60}$/), timestamp: fc.integer({ min: 0, max: 2 ** 45 }), message: text,
}, { requiredKeys: ['message'] });

function scan(line: string, names = new NameCache()) {
  const b = Buffer.from(line);
  return scanFlatEvent(b, 0, b.length, names);
}

describe('scanFlatEvent reads flat CloudWatch events from their bytes', () => {
  it('gives what eventsOfJson(JSON.parse(line)) gives, for every line it reads (property)', () => {
    fc.assert(fc.property(fc.oneof(flatEvent, cloudWatchEvent), fc.constantFrom(0, 1), (o, pretty) => {
      const line = pretty ? JSON.stringify(o, null, 1).replace(/\n/g, ' ') : JSON.stringify(o);
      const got = scan(line);
      const all = [...eventsOfJson(JSON.parse(line))];
      if (got === null) {
        // skipped: a START line, which carries nothing
        expect(all[0]?.message).toMatch(/^START RequestId: /);
        expect(parseMessage(all[0]?.message ?? '')).toBeUndefined();
      } else if (got !== undefined) expect([got]).toEqual(all);
    }), { numRuns: 3000 });
  });

  it('reads every event the CloudWatch APIs write, in any key order (property)', () => {
    const names = new NameCache();
    fc.assert(fc.property(cloudWatchEvent, fc.boolean(), (o, reversed) => {
      const line = JSON.stringify(reversed ? Object.fromEntries(Object.entries(o).reverse()) : o);
      const got = scan(line, names);
      expect(got === null ? parseMessage(o.message) : got).toEqual(got === null ? undefined : eventsOfJson(JSON.parse(line)).next().value);
    }), { numRuns: 1000 });
  });

  it('leaves a line cut short to the general path (property)', () => {
    fc.assert(fc.property(cloudWatchEvent, fc.nat(), (o, at) => {
      const line = JSON.stringify(o);
      const cut = line.slice(0, at % line.length);
      expect(scan(cut)).toBeUndefined();
    }), { numRuns: 1000 });
  });

  it('skips a canonical START line without decoding it, and reads one with more in it', () => {
    expect(scan('{"logStreamName":"s","timestamp":1,"message":"START RequestId: 8f1c-00 Version: $LATEST"}')).toBeNull();
    expect(scan('{"logStreamName":"s","timestamp":1,"message":"START RequestId: 8f1c-00 Version: $LATEST"')).toBeUndefined();
    expect(scan('{"logStreamName":"s","message":"START RequestId: 8f1c-00 Version: $LATEST ECONNREFUSED"}')).toEqual({ message: 'START RequestId: 8f1c-00 Version: $LATEST ECONNREFUSED', stream: 's' });
  });

  it('keeps a raw tab inside a message, which JSON.parse would refuse', () => {
    expect(scan('{"logStreamName":"s","message":"a\tb\\tc"}')).toEqual({ message: 'a\tb\tc', stream: 's' });
  });

  it('shares one string per stream name', () => {
    const names = new NameCache();
    const a = scan('{"logStreamName":"2026/11/24/[$LATEST]abc","message":"x"}', names);
    scan('{"logStreamName":"2026/11/24/[$LATEST]abd","message":"x"}', names);
    const b = scan('{"logStreamName":"2026/11/24/[$LATEST]abc","message":"y"}', names);
    expect(a?.stream).toBe('2026/11/24/[$LATEST]abc');
    expect(b?.stream).toBe(a?.stream);
  });

  it('with shards, exactly one reader keeps or claims each line, the one ownerOf names, and decodes it alike (property)', () => {
    const sharded = [2, 3].map((of) => Array.from({ length: of }, (_, index) => new NameCache({ index, of })));
    fc.assert(fc.property(fc.oneof(flatEvent, cloudWatchEvent), (o) => {
      const line = JSON.stringify(o);
      const whole = scan(line);
      for (const caches of sharded) {
        const got = caches.map((names) => scan(line, names));
        if (whole === null) expect(got).toEqual(got.map(() => null));
        else if (whole === undefined) {
          // left to the general path: by every reader, or (once a stream was named) by its owner alone, which claims it
          const left = got.flatMap((g, i) => (g === undefined ? [i] : []));
          if (left.length === 1) {
            expect(caches[left[0]!]!.claimed).toBe(true);
            expect(got.filter((g) => g === null)).toHaveLength(caches.length - 1);
          } else {
            expect(left).toHaveLength(caches.length);
            for (const c of caches) expect(c.claimed).toBe(false);
          }
        } else {
          const owner = ownerOf(whole.stream, caches.length);
          got.forEach((g, i) => (i === owner ? expect(g).toEqual(whole) : expect(g).toBeNull()));
        }
      }
    }), { numRuns: 2000 });
  });
});

