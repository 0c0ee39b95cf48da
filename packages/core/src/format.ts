/**
 * `1536` → `1.5 KB`. Binary units, one decimal below 10.
 *
 * @example
 * ```ts
 * formatBytes(1536); // '1.5 KB'
 * ```
 */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? '-' : '';
  let v = Math.abs(bytes);
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  const digits = i === 0 ? 0 : v < 10 ? 1 : 0;
  return `${sign}${v.toFixed(digits)} ${units[i]}`;
}

/** `0.000123` → `$0.00012`, `12.3456` → `$12.35`: enough digits to be honest about small sums. */
export function formatUsd(usd: number): string {
  if (usd === 0) return '$0';
  if (Math.abs(usd) >= 1) return `$${usd.toFixed(2)}`;
  return `$${usd.toPrecision(2)}`;
}

/** A p-value as people read it: `p < 0.001`, `p = 0.03`. */
export function formatP(p: number): string {
  return p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`;
}
