import { writeSync } from 'node:fs';

/**
 * The default sink: each line and its newline on stdout (where CloudWatch reads EMF and Cloud
 * Logging reads JSON lines), written as {@link stdoutBytes} writes bytes. The metrics line of
 * every invocation goes to stdoutBytes directly; this is for the rare ones (findings, deadline).
 *
 * @example
 * ```ts
 * stdoutLog('{"LeakwatchSchema":1}'); // one line on stdout
 * ```
 */
export function stdoutLog(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  stdoutBytes(bytes, bytes.length);
}

/**
 * A line (bytes that already end in a newline, from a buffer the caller may reuse) on stdout.
 *
 * It goes out in one `write(2)` on fd 1 when nothing else is queued on `process.stdout`:
 * `process.stdout.write` cost ~2.1 µs per 1 KB line to a file (/dev/null) against ~1.2 µs for the
 * direct write, and more inside an invocation, where the stream also defers its callback to a
 * later tick (Node 20, benchmarks/guard-overhead.mjs). The stream is still used, with a copy of
 * the bytes, whenever the direct write could change what comes out:
 * - something is queued on it (a pipe that was full): the line waits its turn behind that data,
 *   never in the middle of another line;
 * - `process.stdout.write` was replaced (a test harness or a log shipper that captures stdout),
 *   or stdout has no fd 1 (a worker thread's stdout is forwarded by the main thread);
 * - the direct write fails (EAGAIN on Lambda's non-blocking stdout pipe when it is full, EPIPE,
 *   anything): the whole line goes to the stream, which queues it and handles errors as it does
 *   for any other write; or it wrote only part of the line: the rest follows through the stream.
 * It never throws more than `process.stdout.write` itself would.
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
