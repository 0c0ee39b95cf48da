/**
 * One worker's share of the sandboxes when several read the same logs (see analyzeLogFiles): every
 * worker reads every line, and keeps only the events of the log streams that hash to its index.
 * Events without a stream name belong to worker 0.
 */
export interface Shard {
  index: number;
  of: number;
}

/**
 * The worker a log stream belongs to: FNV-1a over the name's UTF-16 code units, so every worker
 * agrees whichever path (bytes or decoded text) read the name.
 *
 * @example
 * ```ts
 * ownerOf('2026/01/01/[$LATEST]abc', 2); // 0 or 1, the same in every worker
 * ```
 */
export function ownerOf(name: string | undefined, of: number): number {
  if (name === undefined || of <= 1) return 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return (h >>> 0) % of;
}
