import { writeSync } from 'node:fs';

/**
 * Longest line (in UTF-16 units) that certainly fits in PIPE_BUF (4096 bytes on Linux) once
 * encoded: UTF-8 needs at most 3 bytes per unit. A write(2) of up to PIPE_BUF bytes to a pipe is
 * atomic (all of it, or EAGAIN on a full non-blocking pipe), so for such a line a byte count equal
 * to its length means it went out whole, and the byte length need not be computed (that cost
 * ~0.4 µs per 1 KB line, Node 20, tmp benchmark of the sink alone).
 */
const ATOMIC_UNITS = 1365;

/**
 * The default sink: each line and its newline on stdout (where CloudWatch reads EMF and Cloud
 * Logging reads JSON lines).
 *
 * The line goes out in one `write(2)` on fd 1 when nothing else is queued on `process.stdout`:
 * `process.stdout.write` took ~2.1 µs per 1 KB line to a file (/dev/null) against ~1.2 µs for the
 * direct write, and more inside an invocation, where the stream also defers its callback to a
 * later tick (Node 20, benchmarks/guard-overhead.mjs). The stream is still used whenever the
 * direct write could change what comes out:
 * - something is queued on it (a pipe that was full): the line waits its turn behind that data,
 *   never in the middle of another line;
 * - `process.stdout.write` was replaced (a test harness or a log shipper that captures stdout),
 *   or stdout has no fd 1 (a worker thread's stdout is forwarded by the main thread);
 * - the direct write fails (EAGAIN on Lambda's non-blocking stdout pipe when it is full, EPIPE,
 *   anything): the whole line goes to the stream, which queues it and handles errors as it does for
 *   any other write; or it wrote only part of the line: the rest follows through the stream.
 * It never throws more than `process.stdout.write` itself would.
 *
 * @example
 * ```ts
 * stdoutLog('{"LeakwatchSchema":1}'); // one line on stdout
 * ```
 */
export function stdoutLog(line: string): void {
  const out = process.stdout;
  const text = `${line}\n`;
  if (out.writableLength === 0 && out.fd === 1 && !Object.hasOwn(out, 'write')) {
    let written: number;
    try {
      written = writeSync(1, text);
    } catch {
      out.write(text);
      return;
    }
    if (written === text.length && text.length <= ATOMIC_UNITS) return;
    const bytes = Buffer.from(text);
    if (written < bytes.length) out.write(bytes.subarray(written));
    return;
  }
  out.write(text);
}

/**
 * The EMF line as bytes that already end in a newline, from a buffer the caller reuses: written
 * like {@link stdoutLog} writes a string, and copied whenever it has to wait in the stream.
 *
 * @example
 * ```ts
 * const length = writer.encode(…);
 * stdoutBytes(writer.bytes, length);
 * ```
 */
export function stdoutBytes(bytes: Uint8Array, length: number): void {
  const out = process.stdout;
  if (out.writableLength === 0 && out.fd === 1 && !Object.hasOwn(out, 'write')) {
    let written: number;
    try {
      written = writeSync(1, bytes, 0, length);
    } catch {
      written = 0;
    }
    if (written < length) out.write(Buffer.from(bytes.subarray(written, length)));
    return;
  }
  out.write(Buffer.from(bytes.subarray(0, length)));
}
