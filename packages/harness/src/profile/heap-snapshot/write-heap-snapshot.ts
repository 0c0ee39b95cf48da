import { closeSync, fstatSync, openSync, unlinkSync, writeSync } from 'node:fs';
import type { Session } from 'node:inspector';
import { LeakwatchError } from '@leakwatch/core';
import { post } from '../inspector-post.js';

/**
 * Takes a heap snapshot through the inspector and streams it to `file` chunk by chunk, so the
 * snapshot is never held in memory as one string. A write that fails (a full disk, a read-only
 * directory) removes the partial file and throws a `LeakwatchError` naming the file.
 *
 * @example
 * ```ts
 * await writeHeapSnapshot(session, '/tmp/run/early.heapsnapshot');
 * ```
 */
export async function writeHeapSnapshot(session: Session, file: string): Promise<void> {
  let fd: number;
  try {
    fd = openSync(file, 'w');
  } catch (error) {
    throw new LeakwatchError('LW_PROFILE', `heap snapshot not written: ${(error as Error).message}`, { input: file, cause: error });
  }
  // only a regular file we wrote is removed after a failure (never a device or a pipe)
  let regular = false;
  try {
    regular = fstatSync(fd).isFile();
  } catch {
    regular = false;
  }
  let failure: unknown;
  const onChunk = (message: { params: { chunk: string } }): void => {
    if (failure) return;
    try {
      writeSync(fd, message.params.chunk);
    } catch (error) {
      failure = error;
    }
  };
  session.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await post(session, 'HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } catch (error) {
    failure ??= error;
  } finally {
    session.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
    closeSync(fd);
  }
  if (failure) {
    if (regular) {
      try {
        unlinkSync(file);
      } catch {
        // already gone
      }
    }
    throw new LeakwatchError('LW_PROFILE', `heap snapshot not written: ${(failure as Error).message ?? String(failure)}`, { input: file, cause: failure });
  }
}
