import { GUARD_METRICS, GUARD_SCHEMA_VERSION } from '@leakwatch/core';
import type { GuardMetricName } from '@leakwatch/core';

/** The metrics the guard writes on every line, in this order. */
export const LINE_METRICS = ['DurationMs', 'CpuUserMs', 'CpuSystemMs', 'HeapUsed', 'HeapAfterGc', 'Rss', 'ActiveResources', 'OutboundRequests', 'RequestsWithoutTimeout', 'PendingAtReturn'] as const satisfies readonly GuardMetricName[];

export type LineValues = Record<(typeof LINE_METRICS)[number], number>;

type Outcome = 'ok' | 'error' | 'timeout';

const HEAD = Buffer.from('{"_aws":{"Timestamp":');
const REQUEST_ID = Buffer.from(',"RequestId":');
const OUTCOME = Object.fromEntries(['ok', 'error', 'timeout'].map((o) => [o, Buffer.from(`,"Outcome":"${o}","ActiveByType":`)])) as Record<Outcome, Buffer>;
/** `,"Name":` before each metric's value, encoded once */
const KEY = Object.fromEntries(LINE_METRICS.map((n) => [n, Buffer.from(`,"${n}":`)])) as Record<(typeof LINE_METRICS)[number], Buffer>;
/** the most bytes one number takes: sign, 16 integer digits, point, 3 decimals (or String() of a larger one) */
const NUMBER_BYTES = 32;

/**
 * Writes the same EMF line as {@link emfLine}, as UTF-8 bytes into one buffer it reuses, ending in
 * a newline: the default sink hands those bytes to `write(2)` as they are, and another sink gets
 * them as a string.
 *
 * Why bytes (Node 20, benchmarks/guard-overhead.mjs): building the line as a string cost ~1.7 µs
 * (the 13-digit timestamp alone ~0.35 µs to format, `JSON.stringify` of the request id ~0.3 µs,
 * then ~30 string pieces), and writing it flattened and re-encoded it (~0.3 µs more). The parts
 * that never change between invocations (the `_aws` directive, the names, the function's name) are
 * encoded once; each line copies them and writes its integers digit by digit.
 * (Before: JSON.stringify of the whole line object cost ~9 µs per invocation.)
 *
 * @example
 * ```ts
 * const writer = new EmfWriter('Leakwatch', 'sandbox-1');
 * const length = writer.encode(Date.now(), 'orders', 1, 'req-1', 'ok', values, process.getActiveResourcesInfo());
 * process.stdout.write(writer.bytes.subarray(0, length)); // or: writer.line(…) for a string
 * ```
 */
export class EmfWriter {
  /** the latest line; valid until the next encode() */
  bytes: Buffer = Buffer.allocUnsafeSlow(4096);
  private pos = 0;
  /** the two directive shapes a line has (with HeapAfterGc, and without before the first GC) */
  private readonly directive: [withGc: string, withoutGc: string];
  private readonly sandboxJson: string;
  private lastName: string | undefined = undefined;
  /** from the directive through `"Invocation":`, for the latest function name: [with GC, without] */
  private middle: [Buffer, Buffer] = [HEAD, HEAD];
  private lastTypes: readonly string[] | undefined = undefined;
  /** `ActiveByType` of the latest resource list, followed by `,"DurationMs":` */
  private byType: Buffer = HEAD;

  constructor(namespace: string, sandboxId: string) {
    const directive = (names: readonly GuardMetricName[]): string => JSON.stringify([{ Namespace: namespace, Dimensions: [['FunctionName']], Metrics: names.map((Name) => ({ Name, Unit: GUARD_METRICS[Name] })) }]);
    this.directive = [directive(LINE_METRICS), directive(LINE_METRICS.filter((n) => n !== 'HeapAfterGc'))];
    this.sandboxJson = JSON.stringify(sandboxId);
  }

  /** The line as a string, without the newline (for a sink other than stdout). */
  line(timestamp: number, functionName: string, invocation: number, requestId: string | undefined, outcome: Outcome, v: LineValues, activeResources: readonly string[]): string {
    const length = this.encode(timestamp, functionName, invocation, requestId, outcome, v, activeResources);
    return this.bytes.toString('utf8', 0, length - 1);
  }

  /** Writes the line and its newline into {@link bytes}; returns its length in bytes. */
  encode(timestamp: number, functionName: string, invocation: number, requestId: string | undefined, outcome: Outcome, v: LineValues, activeResources: readonly string[]): number {
    if (functionName !== this.lastName) this.name(functionName);
    this.types(activeResources);
    const gc = Number.isFinite(v.HeapAfterGc);
    const middle = this.middle[gc ? 0 : 1];
    const upper = middle.length + this.byType.length + (requestId === undefined ? 0 : 6 * requestId.length + 16) + 12 * (NUMBER_BYTES + 28) + 256;
    if (upper > this.bytes.length) this.bytes = Buffer.allocUnsafeSlow(2 ** Math.ceil(Math.log2(upper)));
    this.pos = 0;
    this.copy(HEAD);
    this.integer(timestamp);
    this.copy(middle);
    this.integer(invocation);
    if (requestId) {
      this.copy(REQUEST_ID);
      this.string(requestId);
    }
    this.copy(OUTCOME[outcome]);
    this.copy(this.byType);
    this.number(v.DurationMs);
    this.copy(KEY.CpuUserMs);
    this.number(v.CpuUserMs);
    this.copy(KEY.CpuSystemMs);
    this.number(v.CpuSystemMs);
    this.copy(KEY.HeapUsed);
    this.number(v.HeapUsed);
    if (gc) {
      this.copy(KEY.HeapAfterGc);
      this.number(v.HeapAfterGc);
    }
    this.copy(KEY.Rss);
    this.number(v.Rss);
    this.copy(KEY.ActiveResources);
    this.number(v.ActiveResources);
    this.copy(KEY.OutboundRequests);
    this.number(v.OutboundRequests);
    this.copy(KEY.RequestsWithoutTimeout);
    this.number(v.RequestsWithoutTimeout);
    this.copy(KEY.PendingAtReturn);
    this.number(v.PendingAtReturn);
    this.bytes[this.pos++] = 0x7d; // }
    this.bytes[this.pos++] = 0x0a; // \n
    return this.pos;
  }

  private name(functionName: string): void {
    this.lastName = functionName;
    const rest = `},"LeakwatchSchema":${GUARD_SCHEMA_VERSION},"LeakwatchType":"invocation","FunctionName":${JSON.stringify(functionName)},"SandboxId":${this.sandboxJson},"Invocation":`;
    this.middle = [Buffer.from(`,"CloudWatchMetrics":${this.directive[0]}${rest}`), Buffer.from(`,"CloudWatchMetrics":${this.directive[1]}${rest}`)];
  }

  /** `ActiveByType` as JSON bytes; the resource list rarely changes between invocations, so the bytes are reused while it does not. */
  private types(list: readonly string[]): void {
    const last = this.lastTypes;
    let same = last !== undefined && list.length === last.length;
    for (let i = 0; same && i < list.length; i++) same = list[i] === (last as readonly string[])[i];
    this.lastTypes = list;
    if (same) return;
    const byType: Record<string, number> = {};
    for (const t of list) byType[t] = (byType[t] ?? 0) + 1;
    this.byType = Buffer.from(`${JSON.stringify(byType)},"DurationMs":`); // the first metric follows at once
  }

  /**
   * Copies bytes encoded once. TypedArray set() costs ~40 ns whatever the length here; a loop
   * copying byte by byte cost 3–5 ns per byte, so more for any part over ~10 bytes (Node 20).
   */
  private copy(part: Uint8Array): void {
    this.bytes.set(part, this.pos);
    this.pos += part.length;
  }

  /**
   * A JSON string: copied character by character while it is printable ASCII without `"` or `\`
   * (request ids are), else through JSON.stringify.
   */
  private string(text: string): void {
    const bytes = this.bytes;
    const start = this.pos;
    let pos = start;
    bytes[pos++] = 0x22;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) {
        this.pos = start + bytes.write(JSON.stringify(text), start, 'utf8');
        return;
      }
      bytes[pos++] = c;
    }
    bytes[pos++] = 0x22;
    this.pos = pos;
  }

  /**
   * A metric rounded to 3 decimals as emfLine does (anything not finite, before or after rounding,
   * is written as 0: valid JSON, never NaN). Integers and thousandths below 2^31 are written digit
   * by digit in 32-bit arithmetic (String() of a double cost up to ~0.35 µs; digits in double
   * arithmetic, whose `%` is a call to fmod, ~0.15 µs per number); anything larger goes through String().
   */
  private number(value: number): void {
    if ((value | 0) === value && value >= 0) {
      this.digits(value);
      return;
    }
    const r = Math.round(value * 1000);
    if (r > -0x80000000 && r < 0x80000000) {
      let n = r | 0;
      if (n < 0) {
        this.bytes[this.pos++] = 0x2d; // -
        n = -n;
      }
      const whole = (n / 1000) | 0;
      const fraction = n - whole * 1000;
      this.digits(whole);
      if (fraction !== 0) {
        const bytes = this.bytes;
        const pos = this.pos;
        const tens = (fraction / 10) | 0;
        bytes[pos] = 0x2e; // .
        bytes[pos + 1] = 0x30 + ((fraction / 100) | 0);
        bytes[pos + 2] = 0x30 + tens - ((tens / 10) | 0) * 10;
        bytes[pos + 3] = 0x30 + fraction - tens * 10;
        this.pos = pos + 4;
      }
      return;
    }
    this.ascii(Number.isFinite(r) ? String(r / 1000) : '0');
  }

  /** The timestamp and the invocation number, written as they are (a timestamp in two 32-bit halves). */
  private integer(n: number): void {
    if ((n | 0) === n && n >= 0) {
      this.digits(n);
    } else if (Number.isSafeInteger(n) && n >= 0) {
      const high = Math.floor(n / 1e6);
      const low = n - high * 1e6;
      this.digits(high);
      const bytes = this.bytes;
      let pos = this.pos + 6;
      this.pos = pos;
      let x = low;
      for (let i = 0; i < 6; i++) {
        const next = (x / 10) | 0;
        bytes[--pos] = 0x30 + x - next * 10;
        x = next;
      }
    } else {
      this.ascii(JSON.stringify(n));
    }
  }

  /** A non-negative 32-bit integer in decimal. */
  private digits(n: number): void {
    const bytes = this.bytes;
    let count = 1;
    for (let x = n; x >= 10; x = (x / 10) | 0) count++;
    let pos = this.pos + count;
    this.pos = pos;
    let x = n;
    do {
      const next = (x / 10) | 0;
      bytes[--pos] = 0x30 + x - next * 10;
      x = next;
    } while (x > 0);
  }

  private ascii(text: string): void {
    this.pos += this.bytes.write(text, this.pos, 'latin1');
  }
}
