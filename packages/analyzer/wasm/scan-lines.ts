// AssemblyScript, compiled to WebAssembly by scripts/build-wasm.mjs (the bytes are committed in
// src/scan-lines-wasm.ts; a test rebuilds them and checks they match).
//
// The byte scanner behind readEventBatches' fast path for JSON Lines of flat CloudWatch events:
// it reads whole chunks of lines inside WebAssembly and writes one fixed-size record per line
// that carries something the detectors use. A line is answered here only when it is certain that
// the JavaScript path (scanFlatEvent, then parseMessage) reads it the same way:
//
//   - a canonical START line (no escapes): skipped, no record;
//   - a canonical END, REPORT or application line (`<ISO time>\t<request id>\t…` with no error
//     signature): END, REPORT or APP, with the figures the detectors need;
//   - anything else, FALLBACK: the JavaScript path reads that line as before.
//
// Log stream and group names are interned here (a hash table over their bytes): a record names
// them by a small id, and the reader decodes each name once.
//
// Record (f64 × STRIDE):
//   0 kind   1 line start   2 line end (its `\n`)   3 stream id   4 group id   5 timestamp
//   END:    6 request id hash
//   REPORT: 6 duration ms   7 billed ms   8 memory size MB   9 max memory used MB
//           10 init ms (-1: none)   11 request id start   12 request id end
//   APP:    6 request id hash   7 message start   8 message end (the quoted bytes)
// Offsets are relative to the input area. A fallback record has only 0–2.

const IN_SIZE: i32 = 512 * 1024;
const RECORDS: i32 = 2048;
const STRIDE: i32 = 16;
const SLOTS: i32 = 32768; // power of two
const MAX_IDS: i32 = 16384;
const ARENA_SIZE: i32 = 1 << 20;
const MAX_NAME: i32 = 1024;

const FALLBACK: i32 = 0;
const END: i32 = 1;
const REPORT: i32 = 2;
const APP: i32 = 3;
const SKIP: i32 = -1;

let inAt: usize = 0;
let outAt: usize = 0;
let slotsAt: usize = 0; // per slot: i32 hash, i32 id + 1 (0: empty)
let namesAt: usize = 0; // per id: i32 arena offset, i32 length
let arenaAt: usize = 0;
let arenaUsed: i32 = 0;
let ids: i32 = 0;
let generation: i32 = 0;
let recordCount: i32 = 0;
let linesDone: i32 = 0;

/** Lays out the areas after the module's own data and grows the memory to hold them; returns the input area's address. */
export function setup(): usize {
  const base = (__heap_base + 15) & ~(15 as usize);
  inAt = base;
  outAt = inAt + IN_SIZE;
  slotsAt = outAt + (RECORDS * STRIDE * 8) as usize;
  namesAt = slotsAt + (SLOTS * 8) as usize;
  arenaAt = namesAt + (MAX_IDS * 8) as usize;
  const top = arenaAt + ARENA_SIZE as usize;
  const pages = ((top + 0xffff) >> 16) as i32;
  if (memory.size() < pages) memory.grow(pages - memory.size());
  return inAt;
}

export function inputSize(): i32 { return IN_SIZE; }
export function outputAddress(): usize { return outAt; }
export function recordStride(): i32 { return STRIDE; }
export function recordCapacity(): i32 { return RECORDS; }
export function records(): i32 { return recordCount; }
export function lines(): i32 { return linesDone; }
export function nameGeneration(): i32 { return generation; }
export function nameAddress(id: i32): usize { return arenaAt + load<i32>(namesAt + ((id as usize) << 3)) as usize; }
export function nameLength(id: i32): i32 { return load<i32>(namesAt + ((id as usize) << 3), 4); }

@inline function b(i: i32): i32 { return load<u8>(inAt + i as usize) as i32; }

function resetNames(): void {
  memory.fill(slotsAt, 0, (SLOTS * 8) as usize);
  lastStream = -1;
  lastGroup = -1;
  ids = 0;
  arenaUsed = 0;
  generation++;
}

/**
 * Reads the lines in [from, to) of the input area, each ended by `\n` (`to` is just after the
 * last one). Stops early when the record area is full; returns where it stopped.
 */
export function scan(from: i32, to: i32): i32 {
  recordCount = 0;
  linesDone = 0;
  // names a call can add: at most two per line, and at most the input's bytes
  if (ids > MAX_IDS - 2 * RECORDS || arenaUsed > ARENA_SIZE - IN_SIZE) resetNames();
  let p = from;
  while (p < to && recordCount < RECORDS) {
    const at = outAt + ((recordCount * STRIDE) as usize << 3);
    const kind = line(p, at);
    const nl = lineEnd;
    if (kind == SKIP) linesDone++;
    else {
      if (kind != FALLBACK) linesDone++;
      else store<f64>(at, FALLBACK as f64);
      store<f64>(at, p as f64, 8);
      store<f64>(at, nl as f64, 16);
      recordCount++;
    }
    p = nl + 1;
  }
  return p;
}

/** Where the line being read ends: its `\n` (every line in a scanned range has one). */
let lineEnd: i32 = 0;

/** The first `\n` at or after i, 16 bytes at a time (the range ends with one). */
function newline(i: i32): i32 {
  const nl = i8x16.splat(10);
  while (true) {
    const m = i8x16.bitmask(i8x16.eq(v128.load(inAt + i as usize), nl));
    if (m != 0) return i + ctz(m);
    i += 16;
  }
}

/** The first `"`, `\\` or `\n` at or after i, 16 bytes at a time. */
function stringStop(i: i32): i32 {
  const q = i8x16.splat(34);
  const s = i8x16.splat(92);
  const nl = i8x16.splat(10);
  while (true) {
    const v = v128.load(inAt + i as usize);
    const m = i8x16.bitmask(v128.or(v128.or(i8x16.eq(v, q), i8x16.eq(v, s)), i8x16.eq(v, nl)));
    if (m != 0) return i + ctz(m);
    i += 16;
  }
}

/** A fallback: the line's end found from i. */
function fallback(i: i32): i32 {
  lineEnd = newline(i);
  return FALLBACK;
}

/** Spaces, tabs and carriage returns (a line's `\n` ends it). */
function skip(i: i32): i32 {
  while (true) {
    const c = b(i);
    if (c != 32 && c != 9 && c != 13) return i;
    i++;
  }
}

@inline function u32at(i: i32): u32 { return load<u32>(inAt + i as usize); }
@inline function u64at(i: i32): u64 { return load<u64>(inAt + i as usize); }

const K_OTHER: i32 = 0;
const K_MESSAGE: i32 = 1;
const K_STREAM: i32 = 2;
const K_GROUP: i32 = 3;
const K_TIMESTAMP: i32 = 4;
const K_IGNORED: i32 = 5;

// Words compared as little-endian 32- and 64-bit loads that together cover every byte of the
// word (the last one overlapping): a line's `\n`, in no word, then always fails a comparison, so
// reading past it into older bytes of the input area cannot match.
function keyOf(at: i32, n: i32): i32 {
  if (n == 7) {
    const x = u32at(at);
    const y = u32at(at + 3);
    if (x == 0x7373656d && y == 0x65676173) return K_MESSAGE; // message
    return x == 0x6e657665 && y == 0x6449746e ? K_IGNORED : K_OTHER; // eventId
  }
  if (n == 13) {
    const x = u64at(at);
    const y = u64at(at + 5);
    if (x == 0x6165727453676f6c && y == 0x656d614e6d616572) return K_STREAM; // logStreamName
    return x == 0x6f69747365676e69 && y == 0x656d69546e6f6974 ? K_IGNORED : K_OTHER; // ingestionTime
  }
  if (n == 12) return u64at(at) == 0x70756f7247676f6c && u64at(at + 4) == 0x656d614e70756f72 ? K_GROUP : K_OTHER; // logGroupName
  if (n == 9) return u64at(at) == 0x6d617473656d6974 && u64at(at + 1) == 0x706d617473656d69 ? K_TIMESTAMP : K_OTHER; // timestamp
  if (n == 2) return b(at) == 105 && b(at + 1) == 100 ? K_IGNORED : K_OTHER; // id
  return K_OTHER;
}

/**
 * One line starting at p: a record kind (its fields written at `at`), SKIP or FALLBACK; sets
 * lineEnd. The same reading as scanFlatEvent, narrowed: any escape outside the message, a number
 * that is not a plain integer, a literal, a missing or empty name or time make it FALLBACK.
 */
function line(p: i32, at: usize): i32 {
  const t = template(p, at);
  if (t != NOT_TEMPLATE) return t;
  let i = skip(p);
  if (b(i) != 123) return fallback(i);
  i = skip(i + 1);
  if (b(i) == 125) return fallback(i);
  let seen: i32 = 0;
  let msgAt = -1;
  let msgTo = -1;
  let msgEscaped = false;
  let streamAt = -1;
  let streamTo = -1;
  let groupAt = -1;
  let groupTo = -1;
  let time: f64 = -1;
  while (true) {
    if (b(i) != 34) return fallback(i);
    const keyAt = i + 1;
    const k = stringStop(keyAt);
    if (b(k) != 34) return fallback(k);
    const key = keyOf(keyAt, k - keyAt);
    if (key == K_OTHER || (key != K_IGNORED && (seen & (1 << key)) != 0)) return fallback(k);
    seen |= 1 << key;
    i = skip(k + 1);
    if (b(i) != 58) return fallback(i);
    i = skip(i + 1);
    const c = b(i);
    if (c == 34) {
      const from = i + 1;
      let j = stringStop(from);
      let escaped = false;
      while (b(j) == 92) {
        if (b(j + 1) == 10) return fallback(j + 1);
        escaped = true;
        j = stringStop(j + 2);
      }
      if (b(j) != 34) return fallback(j);
      if (key == K_MESSAGE) {
        msgAt = from;
        msgTo = j;
        msgEscaped = escaped;
      } else if (escaped) return fallback(j);
      else if (key == K_STREAM) {
        streamAt = from;
        streamTo = j;
      } else if (key == K_GROUP) {
        groupAt = from;
        groupTo = j;
      } else if (key == K_TIMESTAMP) return fallback(j);
      i = j + 1;
    } else if (c >= 48 && c <= 57) {
      let j = i;
      let v: u64 = 0;
      while (true) {
        const d = b(j);
        if (d < 48 || d > 57) break;
        v = v * 10 + ((d - 48) as u64);
        j++;
      }
      const d = b(j);
      if (d == 46 || d == 101 || d == 69 || d == 43 || d == 45) return fallback(j);
      if (c == 48 && j - i > 1) return fallback(j);
      if (key == K_TIMESTAMP) {
        if (j - i > 15) return fallback(j);
        time = v as f64;
      } else if (key != K_IGNORED) return fallback(j);
      i = j;
    } else return fallback(i);
    i = skip(i);
    if (b(i) == 44) {
      i = skip(i + 1);
      continue;
    }
    if (b(i) != 125) return fallback(i);
    i = skip(i + 1);
    if (b(i) != 10) return fallback(i);
    lineEnd = i;
    break;
  }
  // no name, an empty name or no time: scanFlatEvent's event lacks a field; JavaScript decides
  if (msgAt < 0 || streamTo <= streamAt || groupTo <= groupAt || time < 0) return FALLBACK;
  return message(msgAt, msgTo, msgEscaped, streamAt, streamTo, groupAt, groupTo, time, at);
}

/** The record of a line read whole (lineEnd set): by its message, with its names and time. */
function message(msgAt: i32, msgTo: i32, msgEscaped: bool, streamAt: i32, streamTo: i32, groupAt: i32, groupTo: i32, time: f64, at: usize): i32 {
  const m0 = msgTo > msgAt ? b(msgAt) : -1;
  if (m0 == 83) return !msgEscaped && isCanonicalStart(msgAt, msgTo) ? SKIP : FALLBACK;
  let kind = FALLBACK;
  if (m0 == 82) kind = report(msgAt, msgTo, at);
  else if (m0 == 69) kind = end(msgAt, msgTo, at);
  else if (m0 == 50) kind = appLine(msgAt, msgTo, at);
  if (kind == FALLBACK) return FALLBACK;
  const stream = internLast(streamAt, streamTo, 0);
  const group = internLast(groupAt, groupTo, 1);
  if (stream < 0 || group < 0) return FALLBACK;
  store<f64>(at, kind as f64);
  store<f64>(at, stream as f64, 24);
  store<f64>(at, group as f64, 32);
  store<f64>(at, time, 40);
  return kind;
}

const NOT_TEMPLATE: i32 = -2;

/**
 * The shape nearly every line of a `filter-log-events` export has, read as words:
 * `{"logGroupName":"<g>","logStreamName":"<s>","timestamp":<digits>,"message":"<m>"}` with
 * non-empty names without escapes, then spaces at most. Anything else: NOT_TEMPLATE, and line()
 * reads it key by key.
 */
function template(p: i32, at: usize): i32 {
  if (u64at(p) != 0x6f7247676f6c227b || u64at(p + 8) != 0x3a22656d614e7075 || u64at(p + 9) != 0x223a22656d614e70) return NOT_TEMPLATE; // {"logGroupName":"
  const groupAt = p + 17;
  const groupTo = stringStop(groupAt);
  if (b(groupTo) != 34 || groupTo == groupAt) return NOT_TEMPLATE;
  // ","logStreamName":"
  if (u64at(groupTo) != 0x7453676f6c222c22 || u64at(groupTo + 8) != 0x656d614e6d616572 || u64at(groupTo + 11) != 0x223a22656d614e6d) return NOT_TEMPLATE;
  const streamAt = groupTo + 19;
  const streamTo = stringStop(streamAt);
  if (b(streamTo) != 34 || streamTo == streamAt) return NOT_TEMPLATE;
  if (u64at(streamTo) != 0x73656d6974222c22 || u64at(streamTo + 6) != 0x3a22706d61747365) return NOT_TEMPLATE; // ","timestamp":
  const digitsAt = streamTo + 14;
  let i = digitsAt;
  let v: u64 = 0;
  while (true) {
    const d = b(i) - 48;
    if (<u32>d > 9) break;
    v = v * 10 + (d as u64);
    i++;
  }
  if (i == digitsAt || i - digitsAt > 15 || (b(digitsAt) == 48 && i - digitsAt > 1)) return NOT_TEMPLATE;
  if (u64at(i) != 0x67617373656d222c || u64at(i + 4) != 0x223a226567617373) return NOT_TEMPLATE; // ,"message":"
  const msgAt = i + 12;
  let j = stringStop(msgAt);
  let escaped = false;
  while (b(j) == 92) {
    if (b(j + 1) == 10) return NOT_TEMPLATE;
    escaped = true;
    j = stringStop(j + 2);
  }
  if (b(j) != 34 || b(j + 1) != 125) return NOT_TEMPLATE;
  const e = skip(j + 2);
  if (b(e) != 10) return NOT_TEMPLATE;
  lineEnd = e;
  return message(msgAt, j, escaped, streamAt, streamTo, groupAt, groupTo, v as f64, at);
}

/** `START RequestId: <[0-9a-f-]+> Version: <[0-9A-Z$]*>` with something after `Version: `. */
function isCanonicalStart(from: i32, to: i32): bool {
  if (to - from < 17 + 10 + 2 || u64at(from) != 0x6552205452415453 || u64at(from + 8) != 0x3a64497473657571 || u64at(from + 9) != 0x203a644974736575) return false; // START RequestId: 
  const idAt = from + 17;
  let i = idAt + hexRun(idAt, to - idAt);
  if (i == idAt || to - i <= 10 || u64at(i) != 0x6e6f697372655620 || u64at(i + 2) != 0x203a6e6f69737265) return false; // ' Version: '
  for (i += 10; i < to; i++) {
    const ch = b(i);
    if (!((ch >= 48 && ch <= 57) || ch == 36 || (ch >= 65 && ch <= 90))) return false;
  }
  return true;
}

/** How many of the bytes from i (at most max) are 0-9, a-f or '-', 16 at a time. */
function hexRun(i: i32, max: i32): i32 {
  let n = 0;
  const zero = i8x16.splat(48);
  const nine = i8x16.splat(57);
  const a = i8x16.splat(97);
  const f = i8x16.splat(102);
  const dash = i8x16.splat(45);
  while (n < max) {
    const v = v128.load(inAt + (i + n) as usize);
    const ok = v128.or(v128.or(v128.and(i8x16.ge_u(v, zero), i8x16.le_u(v, nine)), v128.and(i8x16.ge_u(v, a), i8x16.le_u(v, f))), i8x16.eq(v, dash));
    const m = i8x16.bitmask(ok);
    if (m != 0xffff) {
      n += ctz(~m);
      return n < max ? n : max;
    }
    n += 16;
  }
  return max;
}

@inline function isIdChar(ch: i32): bool {
  return (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch == 45;
}

/** The bytes of one tab at i: a raw tab (1) or the escape `\t` (2); 0 if none. */
@inline function tabAt(i: i32, to: i32): i32 {
  const c = b(i);
  if (c == 9) return 1;
  return c == 92 && i + 1 < to && b(i + 1) == 116 ? 2 : 0;
}

/**
 * FNV-1a over 32-bit little-endian words, each product folded (`h ^= h >>> 16`: a multiplication
 * only carries differences upwards, so two ids differing in the high bytes of two words could
 * cancel out), then the last bytes one by one. hashId in sandbox-series.ts computes the same over an
 * id's characters.
 */
function fnv(from: i32, to: i32): i32 {
  let h: i32 = 0x811c9dc5;
  let i = from;
  for (; i + 4 <= to; i += 4) {
    h = (h ^ load<i32>(inAt + i as usize)) * 0x01000193;
    h ^= h >>> 16;
  }
  for (; i < to; i++) h = (h ^ b(i)) * 0x01000193;
  return h == 0 ? 1 : h;
}

/** `END RequestId: <[0-9a-f-]+>` and nothing but spaces, tabs and line feeds. */
function end(from: i32, to: i32, at: usize): i32 {
  if (to - from < 16 || u64at(from) != 0x7571655220444e45 || u64at(from + 7) != 0x203a644974736575) return FALLBACK; // END RequestId: 
  const idAt = from + 15;
  let i = idAt + hexRun(idAt, to - idAt);
  const idTo = i;
  if (idTo == idAt) return FALLBACK;
  while (i < to) {
    const ch = b(i);
    if (ch == 32 || ch == 9) i++;
    else if (ch == 92 && i + 1 < to && (b(i + 1) == 116 || b(i + 1) == 110)) i += 2;
    else return FALLBACK; // letters in the id could spell a signature: JavaScript decides
  }
  store<f64>(at, fnv(idAt, idTo) as f64, 48);
  return END;
}

/**
 * `REPORT RequestId: <id>\tDuration: N ms\tBilled Duration: N ms\tMemory Size: N MB\tMax Memory
 * Used: N MB[\tInit Duration: N ms][\t]`, each label once, numbers `digits[.digits]`.
 */
function report(from: i32, to: i32, at: usize): i32 {
  if (to - from < 19 || u64at(from) != 0x522054524f504552 || u64at(from + 8) != 0x6449747365757165 || u64at(from + 10) != 0x203a644974736575) return FALLBACK; // REPORT RequestId: 
  const idAt = from + 18;
  let i = idAt + hexRun(idAt, to - idAt); // ids are hex; any letter or digit is read on
  while (i < to && isIdChar(b(i))) i++;
  const idTo = i;
  if (idTo == idAt) return FALLBACK;
  let duration: f64 = -1;
  let billed: f64 = -1;
  let size: f64 = -1;
  let used: f64 = -1;
  let init: f64 = -1;
  while (i < to) {
    const t = tabAt(i, to);
    if (t == 0) return FALLBACK;
    i += t;
    if (i == to) break;
    // the label, known by its first bytes and then compared whole: ends at its `:`, as parseCommonLine reads it
    const labelAt = i;
    const first = b(i);
    const labelLength = first == 68 ? 8 : first == 66 ? 15 : first == 73 ? 13 : first == 77 ? (b(i + 1) == 101 ? 11 : 15) : 0;
    if (labelLength == 0 || labelAt + labelLength + 1 >= to || b(labelAt + labelLength) != 58 || b(labelAt + labelLength + 1) != 32) return FALLBACK;
    i = labelAt + labelLength + 2;
    let int: i32 = 0;
    let digits = 0;
    while (i < to) {
      const ch = b(i) - 48;
      if (<u32>ch > 9) break;
      int = int * 10 + ch;
      digits++;
      i++;
    }
    if (digits == 0 || digits > 9) return FALLBACK;
    let value = int as f64;
    if (i < to && b(i) == 46) {
      i++;
      let frac: i32 = 0;
      let scale = 0;
      let pow: i32 = 1;
      while (i < to) {
        const ch = b(i) - 48;
        if (<u32>ch > 9) break;
        frac = frac * 10 + ch;
        pow *= 10;
        scale++;
        i++;
      }
      if (scale == 0 || scale > 6) return FALLBACK;
      value = ((int as f64) * (pow as f64) + (frac as f64)) / (pow as f64);
    }
    if (i + 2 >= to || b(i) != 32) return FALLBACK;
    const u1 = b(i + 1);
    const u2 = b(i + 2);
    const ms = u1 == 109 && u2 == 115;
    const mb = u1 == 77 && u2 == 66;
    if (!ms && !mb) return FALLBACK;
    i += 3;
    if (labelLength == 8 && ms && duration < 0 && u64at(labelAt) == 0x6e6f697461727544) duration = value;
    else if (labelLength == 15 && first == 66 && ms && billed < 0 && u64at(labelAt) == 0x442064656c6c6942 && u64at(labelAt + 7) == 0x6e6f697461727544) billed = value;
    else if (labelLength == 11 && mb && size < 0 && u64at(labelAt) == 0x532079726f6d654d && u64at(labelAt + 3) == 0x657a69532079726f) size = value;
    else if (labelLength == 15 && first == 77 && mb && used < 0 && u64at(labelAt) == 0x6f6d654d2078614d && u64at(labelAt + 7) == 0x646573552079726f) used = value;
    else if (labelLength == 13 && ms && init < 0 && u64at(labelAt) == 0x7275442074696e49 && u64at(labelAt + 5) == 0x6e6f697461727544) init = value;
    else return FALLBACK;
  }
  if (duration < 0 || billed < 0 || size < 0 || used < 0) return FALLBACK;
  store<f64>(at, duration, 48);
  store<f64>(at, billed, 56);
  store<f64>(at, size, 64);
  store<f64>(at, used, 72);
  store<f64>(at, init, 80);
  store<f64>(at, idAt as f64, 88);
  store<f64>(at, idTo as f64, 96);
  return REPORT;
}

/**
 * `YYYY-MM-DDTHH:MM:SS.mmmZ\t<uuid, lower-case hex>\t<text>` whose text carries no error signature
 * (see SIGNAL in parse-common-line.ts) and no escape but `\t`.
 */
function appLine(from: i32, to: i32, at: usize): i32 {
  if (to - from < 62) return FALLBACK;
  // `YYYY-MM-DDTHH:MM:SS.mmmZ` in two 16-byte loads (bytes 0–15 and 8–23): digits where the shape
  // has digits, the separators where it has them
  const zero = i8x16.splat(48);
  const nine = i8x16.splat(57);
  const head = v128.load(inAt + from as usize);
  const tail = v128.load(inAt + (from + 8) as usize);
  const headDigits = i8x16.bitmask(v128.and(i8x16.ge_u(head, zero), i8x16.le_u(head, nine)));
  const tailDigits = i8x16.bitmask(v128.and(i8x16.ge_u(tail, zero), i8x16.le_u(tail, nine)));
  // digits at 0-3, 5-6, 8-9, 11-12, 14-15 | 8-9, 11-12, 14-15, 17-18, 20-22 (as 0-1, 3-4, 6-7, 9-10, 12-14 of the tail)
  if ((headDigits & 0xdb6f) != 0xdb6f || (tailDigits & 0x76db) != 0x76db) return FALLBACK;
  // '-' at 4 and 7, 'T' at 10, ':' at 13 | ':' at 16, '.' at 19, 'Z' at 23 (8, 11 and 15 of the tail)
  const headSeparators = i8x16.bitmask(i8x16.eq(head, i8x16(0, 0, 0, 0, 45, 0, 0, 45, 0, 0, 84, 0, 0, 58, 0, 0)));
  const tailSeparators = i8x16.bitmask(i8x16.eq(tail, i8x16(0, 0, 0, 0, 0, 0, 0, 0, 58, 0, 0, 46, 0, 0, 0, 90)));
  if ((headSeparators & 0x2490) != 0x2490 || (tailSeparators & 0x8900) != 0x8900) return FALLBACK;
  let i = from + 24;
  let t = tabAt(i, to);
  if (t == 0) return FALLBACK;
  i += t;
  const idAt = i;
  if (to - idAt < 37) return FALLBACK;
  // hex digits and dashes, the dashes exactly at 8, 13, 18 and 23
  if (hexRun(idAt, 36) != 36) return FALLBACK;
  const dash = i8x16.splat(45);
  const low = i8x16.bitmask(i8x16.eq(v128.load(inAt + idAt as usize), dash));
  const high = i8x16.bitmask(i8x16.eq(v128.load(inAt + (idAt + 16) as usize), dash));
  if (low != 0x2100 || high != 0x84 || b(idAt + 32) == 45 || b(idAt + 33) == 45 || b(idAt + 34) == 45 || b(idAt + 35) == 45) return FALLBACK;
  i = idAt + 36;
  t = tabAt(i, to);
  if (t == 0) return FALLBACK;
  i += t;
  if (!plainText(i, to)) return FALLBACK;
  store<f64>(at, fnv(idAt, idAt + 36) as f64, 48);
  store<f64>(at, from as f64, 56);
  store<f64>(at, to as f64, 64);
  return APP;
}

@inline function lower(c: i32): i32 { return c >= 65 && c <= 90 ? c + 32 : c; }

/** The keyword (lower case) at i, compared without case. */
function word(i: i32, to: i32, w: string): bool {
  const n = w.length;
  if (to - i < n) return false;
  for (let k = 0; k < n; k++) if (lower(b(i + k)) != w.charCodeAt(k)) return false;
  return true;
}

/**
 * No escape but `\t`, and none of SIGNAL's alternatives (compared without case); a `{"` would
 * need an escaped quote, which already fails. Sixteen positions at a time, the first two bytes of
 * each, lower-cased by OR 0x20 (which keeps letters letters and makes no other byte a letter), are
 * screened against the keywords' first two letters (re, en, er, ec, ex, ta, to, ti, ou, si, pr, he,
 * fu, me) and for a backslash; only those positions are looked at: a backslash must start `\t`, and
 * a keyword's first four bytes are compared, then the keyword in full. Conservative: a false alarm
 * (a `t` of `\t` starting a keyword) only costs the line the JavaScript path.
 */
function plainText(i: i32, to: i32): bool {
  const low = i8x16.splat(0x20);
  while (i < to) {
    const v = v128.load(inAt + i as usize);
    const a = v128.or(v, low);
    const n = v128.or(v128.load(inAt + (i + 1) as usize), low);
    const nE = i8x16.eq(n, i8x16.splat(101));
    const nU = i8x16.eq(n, i8x16.splat(117));
    const nR = i8x16.eq(n, i8x16.splat(114));
    let m = v128.and(i8x16.eq(a, i8x16.splat(114)), nE); // re
    m = v128.or(m, v128.and(i8x16.eq(a, i8x16.splat(101)), v128.or(v128.or(i8x16.eq(n, i8x16.splat(110)), nR), v128.or(i8x16.eq(n, i8x16.splat(99)), i8x16.eq(n, i8x16.splat(120)))))); // en er ec ex
    m = v128.or(m, v128.and(i8x16.eq(a, i8x16.splat(116)), v128.or(v128.or(i8x16.eq(n, i8x16.splat(97)), i8x16.eq(n, i8x16.splat(111))), i8x16.eq(n, i8x16.splat(105))))); // ta to ti
    m = v128.or(m, v128.and(i8x16.eq(a, i8x16.splat(111)), nU)); // ou
    m = v128.or(m, v128.and(i8x16.eq(a, i8x16.splat(115)), i8x16.eq(n, i8x16.splat(105)))); // si
    m = v128.or(m, v128.and(i8x16.eq(a, i8x16.splat(112)), nR)); // pr
    m = v128.or(m, v128.and(v128.or(i8x16.eq(a, i8x16.splat(104)), i8x16.eq(a, i8x16.splat(109))), nE)); // he me
    m = v128.or(m, v128.and(i8x16.eq(a, i8x16.splat(102)), nU)); // fu
    m = v128.or(m, i8x16.eq(v, i8x16.splat(92))); // a backslash
    let bits = i8x16.bitmask(m);
    if (to - i < 16) bits &= (1 << (to - i)) - 1;
    while (bits != 0) {
      const p = i + ctz(bits);
      bits &= bits - 1;
      if (!clearAt(p, to)) return false;
    }
    i += 16;
  }
  return true;
}

/** False when the screened position i starts an escape other than `\t`, or one of SIGNAL's keywords. */
function clearAt(i: i32, to: i32): bool {
  if (b(i) == 92) return i + 1 < to && b(i + 1) == 116;
  const x = u32at(i) | 0x20202020;
  switch (x & 0xff) {
    case 114: // r
      if ((x == 0x6f706572 && word(i, to, 'report requestid:')) || (x == 0x616d6572 && word(i, to, 'remaining connection slots are reserved')) || (x == 0x79636572 && word(i, to, 'recycl'))) return false;
      break;
    case 101: // e
      if ((x == 0x20646e65 && word(i, to, 'end requestid:')) || (x == 0x637f7265 && word(i, to, 'er_con_count_error')) || (x == 0x6e6f6365 && word(i, to, 'econnrefused')) || (x == 0x65637865 && word(i, to, 'exceeded the memory limit')) || (x == 0x63657865 && word(i, to, "executed '"))) return false;
      break;
    case 116: // t
      if ((x == 0x6b736174 && word(i, to, 'task timed out after')) || (x == 0x206f6f74 && (word(i, to, 'too many clients') || word(i, to, 'too many connections'))) || (x == 0x656d6974 && word(i, to, 'timeout value of'))) return false;
      break;
    case 111: // o
      if (x == 0x6f74756f && word(i, to, 'outofmemory')) return false;
      break;
    case 115: // s
      if (x == 0x6e676973 && word(i, to, 'signal: killed')) return false;
      break;
    case 112: // p
      if (x == 0x636f7270 && word(i, to, 'process exited before completing request')) return false;
      break;
    case 104: // h
      if (x == 0x70616568 && word(i, to, 'heap out of memory')) return false;
      break;
    case 102: // f
      if (x == 0x636e7566 && word(i, to, 'function execution took')) return false;
      break;
    case 109: // m
      if (x == 0x6f6d656d && word(i, to, 'memory limit of')) return false;
      break;
  }
  return true;
}

/** A hash of a name's bytes, 8 at a time. */
function nameHash(from: i32, n: i32): i32 {
  let h: u64 = 0xcbf29ce484222325 ^ (n as u64);
  let i = from;
  const to = from + n;
  while (i + 8 <= to) {
    h = (h ^ u64at(i)) * 0x100000001b3;
    h ^= h >> 29;
    i += 8;
  }
  if (i < to) {
    if (n >= 8) h = (h ^ u64at(to - 8)) * 0x100000001b3;
    else
      while (i < to) {
        h = (h ^ (b(i) as u64)) * 0x100000001b3;
        i++;
      }
  }
  h ^= h >> 32;
  return h as i32;
}

/** The bytes of a name held at arena offset `a` equal the n bytes at input offset `i`. */
function sameBytes(a: usize, i: i32, n: i32): bool {
  let k = 0;
  while (k + 8 <= n) {
    if (load<u64>(a + k as usize) != u64at(i + k)) return false;
    k += 8;
  }
  while (k < n) {
    if (load<u8>(a + k as usize) as i32 != b(i + k)) return false;
    k++;
  }
  return true;
}

/** The last name interned per kind (0: stream, 1: group) and its id: consecutive lines mostly name the same stream. */
let lastStream: i32 = -1;
let lastGroup: i32 = -1;

/** The id of a name of a kind (0: stream, 1: group), checked against the last one of that kind before the table. */
function internLast(from: i32, to: i32, kind: i32): i32 {
  const last = kind == 0 ? lastStream : lastGroup;
  if (last >= 0 && last < ids) {
    const named = namesAt + ((last as usize) << 3);
    const n = to - from;
    if (load<i32>(named, 4) == n && sameBytes(arenaAt + load<i32>(named) as usize, from, n)) return last;
  }
  const id = intern(from, to);
  if (kind == 0) lastStream = id;
  else lastGroup = id;
  return id;
}

/** The id of a name (its bytes in [from, to)), added on first sight; -1 when it cannot be held. */
function intern(from: i32, to: i32): i32 {
  const n = to - from;
  if (n > MAX_NAME) return -1;
  const h = nameHash(from, n);
  let slot = h & (SLOTS - 1);
  while (true) {
    const s = slotsAt + ((slot as usize) << 3);
    const id1 = load<i32>(s, 4);
    if (id1 == 0) break;
    if (load<i32>(s) == h) {
      const named = namesAt + ((id1 - 1) as usize << 3);
      if (load<i32>(named, 4) == n && sameBytes(arenaAt + load<i32>(named) as usize, from, n)) return id1 - 1;
    }
    slot = (slot + 1) & (SLOTS - 1);
  }
  if (ids >= MAX_IDS || arenaUsed + n > ARENA_SIZE) return -1;
  const id = ids++;
  memory.copy(arenaAt + arenaUsed as usize, inAt + from as usize, n as usize);
  store<i32>(namesAt + ((id as usize) << 3), arenaUsed);
  store<i32>(namesAt + ((id as usize) << 3), n, 4);
  arenaUsed += n;
  const s = slotsAt + ((slot as usize) << 3);
  store<i32>(s, h);
  store<i32>(s, id + 1, 4);
  return id;
}
