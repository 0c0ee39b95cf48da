import type { LogRecord, MessageContext } from './record.js';
import { parseObject } from './parse-object.js';

/** Splits CSV text (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into rows. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * A Logs Insights CSV export: a header of field names, then rows. Each row becomes an
 * Insights result row, so the same reader serves JSON and CSV.
 *
 * @example
 * ```ts
 * parseCsvRecords('@timestamp,@message\n2026-01-01 00:00:00.000,"REPORT RequestId: …"', ctx);
 * ```
 */
export function parseCsvRecords(text: string, ctx: MessageContext): LogRecord[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  const out: LogRecord[] = [];
  rows.forEach((row, i) => {
    const cells = header.map((field, j) => ({ field: field.startsWith('@') ? field : `@${field}`, value: row[j] ?? '' }));
    out.push(...(parseObject(cells, { ...ctx, origin: { file: ctx.origin.file, line: i + 2 } }) ?? []));
  });
  return out;
}
