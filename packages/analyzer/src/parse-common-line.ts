import type { LogRecord } from './log-record.js';

/**
 * Every text that could make the label-based parsers (parseStructured, parseAwsText, parseGcpAzure)
 * read a line as something other than a plain START or application line. A superset on purpose:
 * a line it matches goes to those parsers, so a false alarm costs time, never a record.
 */
const SIGNAL = /\{"|REPORT RequestId:|END RequestId:|Task timed out after|OutOfMemory|signal: killed|Process exited before completing request|heap out of memory|too many (?:clients|connections)|remaining connection slots are reserved|ER_CON_COUNT_ERROR|ECONNREFUSED|Function execution took|Memory limit of|exceeded the memory limit|recycl|Executed '|Timeout value of/i;

const REPORT = 'REPORT RequestId: ';
const END = 'END RequestId: ';
const START = 'START RequestId: ';

/**
 * The fast path of parseMessage for the shapes that make up almost every Lambda log: `START`,
 * `END` and `REPORT` platform lines in their canonical form, and application lines
 * (`<ISO time>\t<request id>\t…`) that carry no error signature. Reads characters, no regular
 * expression on the common path. Returns the record, `null` when the line certainly carries
 * nothing, and `undefined` when it is not one of these shapes (then the label-based parsers
 * decide). A property test holds it equal to those parsers on every line it answers.
 *
 * @example
 * ```ts
 * parseCommonLine('END RequestId: 8f1c'); // { type: 'end', requestId: '8f1c' }
 * parseCommonLine('START RequestId: 8f1c Version: $LATEST'); // null
 * parseCommonLine('Function execution took 12 ms, finished with status: ok'); // undefined
 * ```
 */
export function parseCommonLine(message: string): LogRecord | null | undefined {
  const c = message.charCodeAt(0);
  if (c === 82 /* R */) return message.startsWith(REPORT) ? canonicalReport(message) : undefined;
  if (c === 69 /* E */) return message.startsWith(END) ? canonicalEnd(message) : undefined;
  if (c === 83 /* S */) return message.startsWith(START) && (canonicalStart(message) || !SIGNAL.test(message)) ? null : undefined;
  if (c === 50 /* 2 */ && isAppLine(message) && !SIGNAL.test(message)) return { type: 'app-line', requestId: message.slice(25, 61), text: message };
  return undefined;
}

/** `YYYY-MM-DDTHH:MM:SS.mmmZ\t<uuid>\t`, as the Node.js runtime writes console lines. */
function isAppLine(m: string): boolean {
  if (m.length < 62 || m.charCodeAt(4) !== 45 || m.charCodeAt(10) !== 84 || m.charCodeAt(23) !== 90 || m.charCodeAt(24) !== 9 || m.charCodeAt(61) !== 9) return false;
  for (let i = 0; i < 23; i++) {
    const ch = m.charCodeAt(i);
    const want = i === 4 || i === 7 ? 45 : i === 10 ? 84 : i === 13 || i === 16 ? 58 : i === 19 ? 46 : -1;
    if (want >= 0 ? ch !== want : ch < 48 || ch > 57) return false;
  }
  for (let i = 25; i < 61; i++) {
    const ch = m.charCodeAt(i);
    if (i === 33 || i === 38 || i === 43 || i === 48 ? ch !== 45 : !((ch >= 48 && ch <= 57) || (ch >= 97 && ch <= 102))) return false;
  }
  return true;
}

function isIdChar(ch: number): boolean {
  return (ch >= 48 && ch <= 57) || (ch >= 65 && ch <= 90) || (ch >= 97 && ch <= 122) || ch === 45;
}

/** `START RequestId: <hex id> Version: <version>`: no room for a signature. */
function canonicalStart(m: string): boolean {
  let i = START.length;
  for (; i < m.length; i++) {
    const ch = m.charCodeAt(i);
    if (!((ch >= 48 && ch <= 57) || (ch >= 97 && ch <= 102) || ch === 45)) break;
  }
  if (i === START.length || !m.startsWith(' Version: ', i)) return false;
  for (i += 10; i < m.length; i++) {
    const ch = m.charCodeAt(i);
    if (!((ch >= 48 && ch <= 57) || ch === 36 /* $ */ || (ch >= 65 && ch <= 90))) return false;
  }
  return true;
}

/** `END RequestId: <id>` and nothing but trailing white space. */
function canonicalEnd(m: string): LogRecord | undefined {
  let i = END.length;
  while (i < m.length && isIdChar(m.charCodeAt(i))) i++;
  if (i === END.length) return undefined;
  const id = m.slice(END.length, i);
  for (; i < m.length; i++) {
    const ch = m.charCodeAt(i);
    if (ch !== 32 && ch !== 9 && ch !== 10) return undefined;
  }
  // an id of letters could spell a signature (`xECONNREFUSEDx`); hex digits and dashes cannot
  if (!/^[0-9a-f-]+$/.test(id) && SIGNAL.test(m)) return undefined;
  return { type: 'end', requestId: id };
}

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * `REPORT RequestId: <id>\tDuration: N ms\tBilled Duration: N ms\tMemory Size: N MB\tMax Memory Used:
 * N MB[\tInit Duration: N ms]\t`, each label once, tab-separated, plain decimal numbers. Anything
 * else (Status, Restore Duration, XRAY, spaces as separators, exponents) goes to parseAwsText.
 */
function canonicalReport(m: string): LogRecord | undefined {
  let i = REPORT.length;
  while (i < m.length && isIdChar(m.charCodeAt(i))) i++;
  if (i === REPORT.length || m.charCodeAt(i) !== 9) return undefined;
  const requestId = m.slice(REPORT.length, i);
  let durationMs = -1;
  let billedMs = -1;
  let memoryMb = -1;
  let maxMemoryMb = -1;
  let initMs = -1;
  while (i < m.length) {
    if (m.charCodeAt(i) !== 9) return undefined;
    i++;
    if (i === m.length) break;
    // label
    const labelAt = i;
    while (i < m.length && m.charCodeAt(i) !== 58 /* : */) i++;
    const labelLength = i - labelAt;
    if (m.charCodeAt(i + 1) !== 32) return undefined;
    i += 2;
    // number: digits[.digits], read exactly (one division of exact integers rounds like Number())
    let int = 0;
    let digits = 0;
    let frac = 0;
    let scale = 0;
    while (i < m.length) {
      const ch = m.charCodeAt(i);
      if (ch >= 48 && ch <= 57) {
        int = int * 10 + (ch - 48);
        digits++;
        i++;
      } else break;
    }
    if (digits === 0 || digits > 9) return undefined;
    if (m.charCodeAt(i) === 46) {
      i++;
      while (i < m.length) {
        const ch = m.charCodeAt(i);
        if (ch >= 48 && ch <= 57) {
          frac = frac * 10 + (ch - 48);
          scale++;
          i++;
        } else break;
      }
      if (scale === 0 || scale > 6) return undefined;
    }
    const value = scale === 0 ? int : (int * (POW10[scale] as number) + frac) / (POW10[scale] as number);
    if (m.charCodeAt(i) !== 32) return undefined;
    const unit = m.charCodeAt(i + 1) === 109 && m.charCodeAt(i + 2) === 115 ? 'ms' : m.charCodeAt(i + 1) === 77 && m.charCodeAt(i + 2) === 66 ? 'MB' : '';
    if (unit === '') return undefined;
    i += 3;
    const first = m.charCodeAt(labelAt);
    if (labelLength === 8 && unit === 'ms' && m.startsWith('Duration', labelAt) && durationMs < 0) durationMs = value;
    else if (labelLength === 15 && first === 66 && unit === 'ms' && m.startsWith('Billed Duration', labelAt) && billedMs < 0) billedMs = value;
    else if (labelLength === 11 && unit === 'MB' && m.startsWith('Memory Size', labelAt) && memoryMb < 0) memoryMb = value;
    else if (labelLength === 15 && first === 77 && unit === 'MB' && m.startsWith('Max Memory Used', labelAt) && maxMemoryMb < 0) maxMemoryMb = value;
    else if (labelLength === 13 && unit === 'ms' && m.startsWith('Init Duration', labelAt) && initMs < 0) initMs = value;
    else return undefined;
  }
  if (durationMs < 0 || billedMs < 0 || memoryMb < 0 || maxMemoryMb < 0) return undefined;
  return initMs < 0
    ? { type: 'report', requestId, durationMs, billedMs, memoryMb, maxMemoryMb }
    : { type: 'report', requestId, durationMs, billedMs, memoryMb, maxMemoryMb, initMs };
}
