import type { LeakwatchReport } from '@leakwatch/core';

/**
 * The sentence every renderer shows when lines could not be read: how many, and where the first
 * are (`file:line`, or a stream and request id for a REPORT whose figures are unreadable). Plain
 * text: each renderer escapes it as it escapes log content. Undefined when every line was read.
 *
 * @example
 * ```ts
 * unreadableNote(report); // '2 lines could not be read (counted, not judged): app.jsonl:17, app.jsonl:20'
 * ```
 */
export function unreadableNote(report: LeakwatchReport): string | undefined {
  const n = report.summary['unreadable'];
  if (typeof n !== 'number' || n <= 0) return undefined;
  const raw = report.summary['unreadableAt'];
  const at = Array.isArray(raw) ? raw.filter((w): w is string => typeof w === 'string') : [];
  const more = n - at.length;
  const where = at.length ? `: ${at.join(', ')}${more > 0 ? `, and ${more} more` : ''}` : '';
  return `${n} line${n === 1 ? '' : 's'} could not be read (counted, not judged)${where}`;
}
