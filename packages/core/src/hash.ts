/**
 * A stable, dependency-free 64-bit FNV-1a hash, hex encoded. Used for finding ids so the same
 * leak found by lint, test, guard and logs gets the same id on every machine.
 *
 * @example
 * ```ts
 * stableHash('db-connection-leak|handler.mjs:4:24'); // '9f0c…' (16 hex digits)
 * ```
 */
export function stableHash(text: string): string {
  let h1 = 0x811c9dc5 >>> 0;
  let h2 = 0xcbf29ce4 >>> 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ (c >>> 4) ^ (i & 0xff), 0x01000193) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
}
