import type { LogEvent } from './log-event.js';
import { Field } from './line-scanner.js';
import type { ScannedBatch } from './read-events.js';

/**
 * One item of a reader's output, as the calling thread posts it to the judging worker (see
 * analyzeLogFiles): plain events as they are; a scanned batch with its records and the bytes they
 * point into copied to buffers that are transferred, not cloned, and come back with the worker's
 * acknowledgement to be filled again; and only the names the worker has not had yet.
 */
export type PostedItem =
  | { events: readonly LogEvent[] }
  | {
      /** `count` records of `stride` numbers at the start of this buffer */
      records: ArrayBuffer;
      count: number;
      stride: number;
      /** names from index `namesFrom` on; 0 with a new name table */
      names: string[];
      namesFrom: number;
      fallback: readonly LogEvent[];
      /** the input bytes the records point into: the first `inputLength` of this buffer */
      input: ArrayBuffer;
      inputLength: number;
    };

/** What the worker sends back for each item once it has taken it: the item's buffers, to be reused. */
export interface TakenItem {
  taken: true;
  records?: ArrayBuffer;
  input?: ArrayBuffer;
}

/**
 * The sending half: turns reader items into posts, remembering which names were sent, and keeps
 * the buffers that came back for the next posts (the reader's memory stays flat).
 *
 * @example
 * ```ts
 * const sender = new BatchSender();
 * const { post, transfer } = sender.pack(item);
 * port.postMessage(post, transfer);
 * // … when the worker's TakenItem arrives:
 * sender.recycle(taken);
 * ```
 */
export class BatchSender {
  private names: readonly string[] | undefined;
  private sent = 0;
  private readonly pool: Array<{ records: ArrayBuffer; input: ArrayBuffer }> = [];

  pack(item: LogEvent | readonly LogEvent[] | ScannedBatch): { post: PostedItem; transfer: ArrayBuffer[] } {
    if (!('scanned' in item)) return { post: { events: Array.isArray(item) ? (item as readonly LogEvent[]) : [item as LogEvent] }, transfer: [] };
    const { count, stride } = item;
    const used = count * stride;
    // the records' offsets point into the input area up to the last record's line end
    const inputLength = count > 0 ? (item.records[used - stride + Field.LineEnd] as number) + 1 : 0;
    let buffers = this.pool.pop();
    if (!buffers || buffers.records.byteLength < used * 8 || buffers.input.byteLength < inputLength) {
      // sized for what a chunk usually fills (and reused): the largest need, rounded up to 64 KB
      const size = (bytes: number, had = 0): number => Math.max(had, Math.ceil(Math.max(bytes, 1) / 65_536) * 65_536);
      buffers = { records: new ArrayBuffer(size(used * 8, buffers?.records.byteLength)), input: new ArrayBuffer(size(inputLength, buffers?.input.byteLength)) };
    }
    new Float64Array(buffers.records, 0, used).set(item.records.subarray(0, used));
    new Uint8Array(buffers.input, 0, inputLength).set(item.input.subarray(0, inputLength));
    if (item.names !== this.names) {
      this.names = item.names;
      this.sent = 0;
    }
    const namesFrom = this.sent;
    const names = item.names.slice(namesFrom);
    this.sent = item.names.length;
    const post: PostedItem = { records: buffers.records, count, stride, names, namesFrom, fallback: item.fallback, input: buffers.input, inputLength };
    return { post, transfer: [buffers.records, buffers.input] };
  }

  /** Takes back the buffers of an item the worker has taken. */
  recycle(taken: TakenItem): void {
    if (taken.records && taken.input) this.pool.push({ records: taken.records, input: taken.input });
  }
}

/**
 * The receiving half: rebuilds the reader's items from posts, with one name table per table the
 * sender had (a new table when the sender's was reset, as collectSandboxes expects), and gives
 * each item's buffers back once it has been taken.
 *
 * @example
 * ```ts
 * const receiver = new BatchReceiver();
 * const item = receiver.unpack(post);
 * // … once item is processed:
 * const { taken, transfer } = receiver.taken(post);
 * ```
 */
export class BatchReceiver {
  private names: string[] = [];

  unpack(post: PostedItem): readonly LogEvent[] | ScannedBatch {
    if ('events' in post) return post.events;
    if (post.namesFrom === 0) this.names = [];
    for (let i = 0; i < post.names.length; i++) this.names[post.namesFrom + i] = post.names[i] as string;
    const records = new Float64Array(post.records, 0, post.count * post.stride);
    const input = Buffer.from(post.input, 0, post.inputLength);
    return { scanned: true, records, count: post.count, stride: post.stride, names: this.names, fallback: post.fallback, input };
  }

  /** The acknowledgement of a post that has been processed, with its buffers to transfer back. */
  taken(post: PostedItem): { taken: TakenItem; transfer: ArrayBuffer[] } {
    if ('events' in post) return { taken: { taken: true }, transfer: [] };
    return { taken: { taken: true, records: post.records, input: post.input }, transfer: [post.records, post.input] };
  }
}
