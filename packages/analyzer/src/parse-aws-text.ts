import type { LogRecord } from './log-record.js';

const NUM = '([0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)';
const field = (label: string): RegExp => new RegExp(`${label}:\\s*${NUM}\\s*(ms|MB)?`, 'i');
const DURATION = new RegExp(`(?:^|[^d ]\\s*|\\s)Duration:\\s*${NUM}`);
const BILLED = field('Billed Duration');
const MEMORY = field('Memory Size');
const MAX_MEMORY = field('Max Memory Used');
const INIT = field('Init Duration');
const REQUEST_ID = /RequestId:\s*([0-9a-zA-Z-]+)/;
const STATUS = /Status:\s*([a-z]+)/;
const TIMED_OUT = /Task timed out after\s*([0-9.]+)\s*seconds/;
const OOM = /Runtime\.OutOfMemory|signal: killed|Process exited before completing request|JavaScript heap out of memory/;
const END = /(?:^|\s)END RequestId:\s*([0-9a-zA-Z-]+)/;
const APP_LINE = /^(?:\S+\s+)?\d{4}-\d\d-\d\dT[\d:.]+Z\t([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\t/;
const TOO_MANY = /too many (?:clients|connections)|remaining connection slots are reserved|ER_CON_COUNT_ERROR|ECONNREFUSED/i;

/**
 * Reads one AWS Lambda text platform line (REPORT, timeout, out-of-memory signatures, database
 * refusals) by its field labels, tolerating tabs, spaces, prefixes and cut lines. Returns
 * `undefined` for lines that are not platform lines; never throws.
 *
 * @example
 * ```ts
 * parseAwsText('REPORT RequestId: r1\tDuration: 5 ms\tBilled Duration: 5 ms\tMemory Size: 128 MB\tMax Memory Used: 60 MB');
 * // { type: 'report', requestId: 'r1', durationMs: 5, billedMs: 5, memoryMb: 128, maxMemoryMb: 60 }
 * ```
 */
export function parseAwsText(line: string): LogRecord | undefined {
  const at = line.indexOf('REPORT RequestId:');
  if (at >= 0) return parseReport(line.slice(at));
  const timeout = TIMED_OUT.exec(line);
  if (timeout) return { type: 'timeout', ...requestId(line), afterSeconds: Number(timeout[1]) };
  if (OOM.test(line)) return { type: 'out-of-memory', ...requestId(line), text: line };
  if (TOO_MANY.test(line)) return { type: 'connection-refused', text: line };
  const end = END.exec(line);
  if (end?.[1]) return { type: 'end', requestId: end[1] };
  const app = APP_LINE.exec(line);
  if (app?.[1]) return { type: 'app-line', requestId: app[1], text: line };
  return undefined;
}

function requestId(line: string): { requestId?: string } {
  const m = REQUEST_ID.exec(line) ?? /\b([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b/.exec(line);
  return m?.[1] ? { requestId: m[1] } : {};
}

function num(re: RegExp, text: string): number | undefined {
  const m = re.exec(text);
  return m?.[1] === undefined ? undefined : Number(m[1]);
}

function parseReport(text: string): LogRecord | undefined {
  const id = REQUEST_ID.exec(text)?.[1];
  const durationMs = num(DURATION, text.replace(/Billed Duration|Init Duration|Restore Duration/g, 'X'));
  const memoryMb = num(MEMORY, text);
  const maxMemoryMb = num(MAX_MEMORY, text);
  if (id === undefined || durationMs === undefined || memoryMb === undefined || maxMemoryMb === undefined) return undefined;
  const billedMs = num(BILLED, text) ?? Math.ceil(durationMs);
  const initMs = num(INIT, text);
  const status = STATUS.exec(text)?.[1];
  return {
    type: 'report', requestId: id, durationMs, billedMs, memoryMb, maxMemoryMb,
    ...(initMs !== undefined ? { initMs } : {}),
    ...(status !== undefined ? { status } : {}),
  };
}
