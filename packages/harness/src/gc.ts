import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let cached: (() => void) | undefined;

/**
 * A function that forces a full GC: `global.gc` when Node runs with `--expose-gc`, otherwise
 * one obtained by setting the flag at run time (works on Node 20–24).
 *
 * @example
 * ```ts
 * const gc = fullGc(); gc(); const heap = process.memoryUsage().heapUsed;
 * ```
 */
export function fullGc(): () => void {
  if (cached) return cached;
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (typeof exposed === 'function') {
    cached = () => exposed();
  } else {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    setFlagsFromString('--no-expose-gc');
    cached = () => gc();
  }
  return cached;
}
