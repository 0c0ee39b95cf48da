import type { LogEvent } from './log-event.js';
import { ownerOf, type Shard } from './shard.js';

const Q = 34; // "
const BACKSLASH = 92;

/** Keys of the events the CloudWatch Logs APIs and exports write; any other key takes the general path. */
const enum Key {
  Other,
  Message,
  Stream,
  Group,
  Timestamp,
  Ignored,
}

/**
 * Reads one JSON Lines log event straight from its bytes when it is a flat CloudWatch event
 * (`{"logGroupName":…,"logStreamName":…,"timestamp":…,"message":…}`, in any order, plus
 * `ingestionTime`, `eventId`, `id`), without `JSON.parse` of the line and without decoding the
 * bytes it does not need. Log stream and group names repeat on every line: they are decoded once
 * and shared (see {@link NameCache}). A canonical `START RequestId: <id> Version: <v>` event, a
 * quarter of a Lambda log, carries nothing the detectors use: `null`, nothing decoded. So is an
 * event of a log stream another worker reads (a {@link NameCache} made for a {@link Shard}): it is
 * skipped as soon as its stream name is read, the rest of the line unread.
 * Returns `undefined` for anything else (nested values, other
 * keys, escapes in keys, a string timestamp, bad JSON), which the caller parses in full: the
 * answer for every line it reads equals `eventsOfJson(JSON.parse(line))` (a property test checks).
 *
 * @example
 * ```ts
 * const line = Buffer.from('{"logStreamName":"s","timestamp":1,"message":"END RequestId: r"}');
 * scanFlatEvent(line, 0, line.length, new NameCache()); // { message: 'END RequestId: r', stream: 's', time: 1 }
 * ```
 */
export function scanFlatEvent(b: Buffer, start: number, end: number, names: NameCache): LogEvent | null | undefined {
  names.claimed = false;
  let i = skipSpace(b, start, end);
  if (b[i] !== 123 /* { */) return undefined;
  i = skipSpace(b, i + 1, end);
  let messageAt = -1;
  let messageTo = -1;
  let messageEscaped = false;
  let skip = false; // a canonical START line: read to the end (it must be valid), then skipped
  // names are decoded at the end, and not at all for a skipped line
  let streamAt = -1;
  let streamTo = -1;
  let groupAt = -1;
  let groupTo = -1;
  let time: number | undefined;
  let seen = 0;
  if (b[i] === 125 /* } */) return undefined;
  for (;;) {
    if (b[i] !== Q) return undefined;
    const keyAt = i + 1;
    let k = keyAt;
    while (k < end && b[k] !== Q) {
      if (b[k] === BACKSLASH) return undefined;
      k++;
    }
    if (k >= end) return undefined;
    const key = keyOf(b, keyAt, k - keyAt);
    if (key === Key.Other || (key !== Key.Ignored && seen & (1 << key))) return undefined;
    seen |= 1 << key;
    i = skipSpace(b, k + 1, end);
    if (b[i] !== 58 /* : */) return undefined;
    i = skipSpace(b, i + 1, end);
    const c = b[i];
    if (c === Q) {
      // a string: its closing quote found natively (memchr), then checked for escapes; the bytes
      // between are scanned only for a message (ASCII or not) or when a backslash is inside
      const from = i + 1;
      let j = b.indexOf(Q, from);
      if (j < 0 || j >= end) return undefined;
      const slash = b.indexOf(BACKSLASH, from);
      const escaped = slash >= 0 && slash < j;
      if (escaped) {
        // the closing quote is the first one after an even run of backslashes
        for (;;) {
          let n = 0;
          for (let k = j - 1; b[k] === BACKSLASH; k--) n++;
          if ((n & 1) === 0) break;
          j = b.indexOf(Q, j + 1);
          if (j < 0 || j >= end) return undefined;
        }
      }
      if (j >= end) return undefined;
      if (key === Key.Message) {
        if (!escaped && isCanonicalStart(b, from, j)) skip = true;
        else {
          messageAt = from;
          messageTo = j;
          messageEscaped = escaped;
        }
      } else if (key === Key.Stream || key === Key.Group) {
        if (escaped) return undefined;
        if (key === Key.Stream) {
          streamAt = from;
          streamTo = j;
          if (names.sharded) {
            // another worker's stream: skipped here, the rest unread (its owner reads it, and counts it if it is bad)
            if (!names.streamName(b, from, j).mine) return null;
            names.claimed = true;
          }
        } else {
          groupAt = from;
          groupTo = j;
        }
      } else if (key === Key.Timestamp || escaped) return undefined; // a date string: the general path parses it
      i = j + 1;
    } else if ((c !== undefined && c >= 48 && c <= 57) || c === 45 /* - */) {
      let j = c === 45 ? i + 1 : i;
      let integer = true;
      for (; j < end; j++) {
        const ch = b[j] as number;
        if (ch >= 48 && ch <= 57) continue;
        if (ch === 46 || ch === 101 || ch === 69 || ch === 43 || ch === 45) integer = false;
        else break;
      }
      const digitsAt = c === 45 ? i + 1 : i;
      // JSON numbers only: no leading zero, no bare sign, no `1.` (JSON.parse would refuse the line)
      if (integer ? j === digitsAt || (b[digitsAt] === 48 && j - digitsAt > 1) : !JSON_NUMBER.test(b.toString('latin1', i, j))) return undefined;
      if (key === Key.Timestamp) time = integer && j - digitsAt <= 15 ? intOf(b, i, j) : Number(b.toString('latin1', i, j));
      else if (key !== Key.Ignored) return undefined;
      i = j;
    } else if (key === Key.Ignored && (c === 110 || c === 116 || c === 102) /* null true false */) {
      let j = i;
      while (j < end && (b[j] as number) >= 97 && (b[j] as number) <= 122) j++;
      const word = b.toString('latin1', i, j);
      if (word !== 'null' && word !== 'true' && word !== 'false') return undefined;
      i = j;
    } else return undefined;
    i = skipSpace(b, i, end);
    if (b[i] === 44 /* , */) {
      i = skipSpace(b, i + 1, end);
      continue;
    }
    if (b[i] !== 125 /* } */) return undefined;
    if (skipSpace(b, i + 1, end) !== end) return undefined;
    break;
  }
  if (skip) return null;
  if (messageAt < 0) return undefined;
  // a message with an escape JSON refuses sends the line to the general path, in every worker alike
  if (messageEscaped && !validEscapes(b, messageAt, messageTo)) return undefined;
  let stream: string | undefined;
  if (streamTo > streamAt) {
    const name = names.streamName(b, streamAt, streamTo);
    if (!name.mine) return null; // another worker's sandbox: nothing decoded
    stream = name.name;
  } else if (!names.ownsUnnamed) return null;
  const message = decodeString(b, messageAt, messageTo, messageEscaped);
  if (message === undefined) return undefined;
  const group = groupTo > groupAt ? names.group(b, groupAt, groupTo) : undefined;
  if (stream !== undefined) return group !== undefined ? (time !== undefined ? { message, stream, group, time } : { message, stream, group }) : time !== undefined ? { message, stream, time } : { message, stream };
  return group !== undefined ? (time !== undefined ? { message, group, time } : { message, group }) : time !== undefined ? { message, time } : { message };
}

const START = Buffer.from('START RequestId: ');
const VERSION = Buffer.from(' Version: ');

/** `START RequestId: <hex id> Version: <digits, capitals, $>`, as bytes (see parseCommonLine). */
function isCanonicalStart(b: Buffer, from: number, to: number): boolean {
  if (to - from < START.length + VERSION.length + 2 || b[from] !== 83) return false;
  for (let k = 1; k < START.length; k++) if (b[from + k] !== START[k]) return false;
  let i = from + START.length;
  const idAt = i;
  for (; i < to; i++) {
    const ch = b[i] as number;
    if (!((ch >= 48 && ch <= 57) || (ch >= 97 && ch <= 102) || ch === 45)) break;
  }
  if (i === idAt || to - i <= VERSION.length) return false;
  for (let k = 0; k < VERSION.length; k++) if (b[i + k] !== VERSION[k]) return false;
  for (i += VERSION.length; i < to; i++) {
    const ch = b[i] as number;
    if (!((ch >= 48 && ch <= 57) || ch === 36 || (ch >= 65 && ch <= 90))) return false;
  }
  return true;
}

/** Every backslash starts an escape JSON accepts: \\ \" \/ \b \f \n \r \t or \u and four hex digits. */
function validEscapes(b: Buffer, from: number, to: number): boolean {
  let i = b.indexOf(BACKSLASH, from);
  while (i >= 0 && i < to) {
    const c = b[i + 1];
    if (c === 117 /* u */) {
      for (let k = i + 2; k < i + 6; k++) {
        const h = b[k] as number;
        if (k >= to || !((h >= 48 && h <= 57) || (h >= 65 && h <= 70) || (h >= 97 && h <= 102))) return false;
      }
      i = b.indexOf(BACKSLASH, i + 6);
    } else if (c === 34 || c === 92 || c === 47 || c === 98 || c === 102 || c === 110 || c === 114 || c === 116) i = b.indexOf(BACKSLASH, i + 2);
    else return false;
  }
  return true;
}

function skipSpace(b: Buffer, i: number, end: number): number {
  while (i < end) {
    const c = b[i];
    if (c !== 32 && c !== 9 && c !== 13 && c !== 10) break;
    i++;
  }
  return i;
}

const MESSAGE = Buffer.from('message');
const EVENT_ID = Buffer.from('eventId');
const LOG_STREAM_NAME = Buffer.from('logStreamName');
const INGESTION_TIME = Buffer.from('ingestionTime');
const LOG_GROUP_NAME = Buffer.from('logGroupName');
const TIMESTAMP = Buffer.from('timestamp');

function keyOf(b: Buffer, at: number, length: number): Key {
  // the first byte picks the candidate; the rest is compared byte for byte
  const c = b[at];
  switch (length) {
    case 7:
      return c === 109 ? (same(b, at, MESSAGE) ? Key.Message : Key.Other) : c === 101 && same(b, at, EVENT_ID) ? Key.Ignored : Key.Other;
    case 13:
      return c === 108 ? (same(b, at, LOG_STREAM_NAME) ? Key.Stream : Key.Other) : c === 105 && same(b, at, INGESTION_TIME) ? Key.Ignored : Key.Other;
    case 12:
      return c === 108 && same(b, at, LOG_GROUP_NAME) ? Key.Group : Key.Other;
    case 9:
      return c === 116 && same(b, at, TIMESTAMP) ? Key.Timestamp : Key.Other;
    case 2:
      return c === 105 && b[at + 1] === 100 ? Key.Ignored : Key.Other; // id
    default:
      return Key.Other;
  }
}

function same(b: Buffer, at: number, word: Buffer): boolean {
  for (let i = 1; i < word.length; i++) if (b[at + i] !== word[i]) return false;
  return true;
}

const JSON_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?$/;

/** An integer of at most 15 digits, exact. */
function intOf(b: Buffer, from: number, to: number): number {
  let negative = false;
  if (b[from] === 45) {
    negative = true;
    from++;
  }
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + ((b[i] as number) - 48);
  return negative ? -n : n;
}

/**
 * The string between two quotes. Decoded as UTF-8 (V8 decodes ASCII fast; invalid bytes become
 * U+FFFD, as when the whole line is decoded). Raw control characters, which `JSON.parse` refuses,
 * are kept: a tab pasted into a log line does not make the event unreadable.
 *
 * @example
 * ```ts
 * decodeString(Buffer.from('"a\\tb"'), 1, 5, true); // 'a\tb' with a real tab
 * ```
 */
export function decodeString(b: Buffer, from: number, to: number, escaped: boolean): string | undefined {
  if (!escaped) return b.toString('utf8', from, to);
  const literal = b.toString('utf8', from - 1, to + 1);
  try {
    return JSON.parse(literal) as string;
  } catch {
    try {
      return JSON.parse(literal.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)) as string;
    } catch {
      return undefined;
    }
  }
}

interface Name {
  bytes: Buffer;
  name: string;
  /** this reader's shard keeps the stream's events */
  mine: boolean;
}

/**
 * Decoded log stream and group names, keyed by a hash of their bytes and checked byte for byte:
 * a name read again costs a hash, not a string; the name of the line before costs a comparison.
 * Bounded (cleared when full).
 *
 * @example
 * ```ts
 * const names = new NameCache();
 * names.stream(Buffer.from('"abc"'), 1, 4); // 'abc', the same string every time
 * ```
 */
export class NameCache {
  private readonly byHash = new Map<number, Name>();
  private lastStream: Name | undefined;
  private lastGroup: Name | undefined;
  /** events without a log stream name are kept by shard 0 only */
  readonly ownsUnnamed: boolean;
  /** made for a shard of several */
  readonly sharded: boolean;
  /**
   * Set by scanFlatEvent when the line named a log stream this shard keeps before the scan ended:
   * if the line goes to the general path, it is this shard's alone (its events and, if it cannot be
   * read, its count).
   */
  claimed = false;

  /** @param shard the reader's share of the log streams; all of them when absent */
  constructor(private readonly shard?: Shard) {
    this.ownsUnnamed = !shard || shard.index === 0;
    this.sharded = shard !== undefined && shard.of > 1;
  }

  stream(b: Buffer, from: number, to: number): string {
    return this.streamName(b, from, to).name;
  }

  /** The stream's decoded name, and whether this reader's shard keeps its events. */
  streamName(b: Buffer, from: number, to: number): Name {
    const last = this.lastStream;
    if (last !== undefined && equalBytes(last.bytes, b, from, to)) return last;
    return (this.lastStream = this.lookup(b, from, to));
  }

  group(b: Buffer, from: number, to: number): string {
    const last = this.lastGroup;
    if (last !== undefined && equalBytes(last.bytes, b, from, to)) return last.name;
    return (this.lastGroup = this.lookup(b, from, to)).name;
  }

  private lookup(b: Buffer, from: number, to: number): Name {
    // the length and the last 16 bytes (log stream names differ at their end); equalBytes decides
    let h = Math.imul(0x811c9dc5 ^ (to - from), 0x01000193);
    for (let i = Math.max(from, to - 16); i < to; i++) h = Math.imul(h ^ (b[i] as number), 0x01000193);
    let hit = this.byHash.get(h);
    if (hit === undefined || !equalBytes(hit.bytes, b, from, to)) {
      const name = b.toString('utf8', from, to);
      hit = { bytes: Buffer.from(b.subarray(from, to)), name, mine: !this.shard || ownerOf(name, this.shard.of) === this.shard.index };
      if (this.byHash.size >= 65_536) this.byHash.clear();
      this.byHash.set(h, hit);
    }
    return hit;
  }
}

/** Compared from the end, where log stream names differ. */
function equalBytes(a: Buffer, b: Buffer, from: number, to: number): boolean {
  if (a.length !== to - from) return false;
  for (let i = a.length - 1; i >= 0; i--) if (a[i] !== b[from + i]) return false;
  return true;
}
