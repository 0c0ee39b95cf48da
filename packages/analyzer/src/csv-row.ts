/**
 * Splits one CSV record (RFC 4180 quoting: `""` inside quotes), or returns `undefined` when a quoted
 * field is still open at the end (the record continues on the next line).
 *
 * @example
 * ```ts
 * splitCsv('a,"b,c","d ""e"""'); // ['a', 'b,c', 'd "e"']
 * ```
 */
export function splitCsv(line: string): string[] | undefined {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      out.push(field);
      field = '';
    } else field += c;
  }
  if (quoted) return undefined;
  out.push(field);
  return out;
}
