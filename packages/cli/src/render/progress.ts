import type { Writable } from 'node:stream';

/**
 * A one-line progress bar on a terminal's stderr, redrawn at most every `everyMs`; a no-op when
 * stderr is not a TTY (pipes and CI logs stay clean).
 *
 * @example
 * ```ts
 * const stop = startProgress(ctx.stderr, () => ({ done: counts.bytes, total }), 'reading logs');
 * try { await work(); } finally { stop(); }
 * ```
 */
export function startProgress(stream: Writable & { isTTY?: boolean; columns?: number }, read: () => { done: number; total: number }, label: string, everyMs = 200): () => void {
  if (stream.isTTY !== true) return () => undefined;
  const draw = (): void => {
    const { done, total } = read();
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - 20));
    const ratio = total > 0 ? Math.min(1, done / total) : 0;
    const filled = Math.round(ratio * width);
    const amount = total > 0 ? `${Math.round(ratio * 100)}%` : `${(done / 1e6).toFixed(1)} MB`;
    stream.write(`\r${label} [${'█'.repeat(filled)}${' '.repeat(width - filled)}] ${amount}`);
  };
  const timer = setInterval(draw, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    stream.write('\r\x1b[2K');
  };
}
