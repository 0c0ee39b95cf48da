import { receiveMessageOnPort, type MessagePort } from 'node:worker_threads';
import type { LogEvent } from './log-event.js';
import { Field } from './line-scanner.js';
import type { ScannedBatch } from './read-events.js';

/** What a side message carries: the names a batch added, its fallback events, or a batch of plain events. */
type SideMessage = { names: string[]; namesFrom: number; fallback: readonly LogEvent[] } | { events: readonly LogEvent[] };

/** Int32 header: items written, items taken, the HEAD the judge sleeps until, the TAIL the reader sleeps until, 1 once the last item is written. */
const HEAD = 0;
const TAIL = 1;
const WANT_HEAD = 2;
const WANT_TAIL = 3;
const ENDED = 4;
const HEADER_BYTES = 64;
/** Int32 per slot, at the slot's start: kind, record count, stride, input bytes, side message (1) or not (0). */
const META_BYTES = 64;
const KIND = 0;
const COUNT = 1;
const STRIDE = 2;
const INPUT_LENGTH = 3;
const SIDE = 4;
const KIND_SCANNED = 1;
const KIND_EVENTS = 2;
const KIND_DONE = 3;

/** The sizes of a ring: its slots, and what one slot holds. */
export interface RingSize {
  slots: number;
  /** bytes of records a slot holds (the scanner's record area) */
  recordBytes: number;
  /** input bytes a slot holds (the scanner's input area) */
  inputBytes: number;
}

/**
 * The pipeline's ring: a slot holds what one scan call gives (the scanner's 2,048 records of 16
 * numbers, and its 512 KB input area; a test checks they fit), and the reader runs at most 8
 * batches (~2 MB of lines) ahead. Only the pages written are resident: ~350 KB a slot. 8 slots and
 * 16 took the same time on the 1 GB fleet (5 alternating pairs, idle machine, 2026-12-07: 2.39–2.58 s
 * against 2.32–2.68 s; 8, 16 and 32 under load: 2.57 / 2.65 / 2.43 s), and 8 peak 3 MB lower
 * (127–128 MB against 130–131 MB), headroom under the 150 MB goal.
 *
 * @example
 * ```ts
 * const ring = allocateRing(RING_SIZE);
 * ```
 */
export const RING_SIZE: RingSize = { slots: 8, recordBytes: 2048 * 16 * 8, inputBytes: 512 * 1024 };

/**
 * The reader/judge pipeline's transport: a ring of slots in one SharedArrayBuffer that the reader
 * fills ({@link RingWriter}) and the judge reads in place ({@link RingReader}). A scanned batch's
 * records and the input bytes they point into are copied into the next free slot; what is not
 * numbers (the names the judge has not had yet, the fallback lines' events, batches of plain events)
 * follows as a message on a MessagePort, which the judge takes synchronously
 * (`receiveMessageOnPort`) when the slot says there is one. Either side blocks (`Atomics.wait`)
 * only when the ring is full or empty, so it is for worker threads.
 *
 * It replaced groups of 8 transferred buffers and their acknowledgements: on the 1 GB fleet the
 * reader spent 0.13–0.59 s in `postMessage` (875 posts, half of them one event: the line a chunk
 * left unfinished, see batchesOf), and every transferred buffer became a new ArrayBuffer on the
 * other side. Measurements in benchmarks/RESULTS.md (2026-12-07).
 *
 * @example
 * ```ts
 * const ring = allocateRing(RING_SIZE);
 * // reader thread: const w = new RingWriter(ring, RING_SIZE, port1); w.write(item); … w.end();
 * // judge thread: const r = new RingReader(ring, RING_SIZE, port2); for (let i = r.next(); i; i = r.next()) { use(i); r.release(); }
 * ```
 */
export function allocateRing(size: RingSize): SharedArrayBuffer {
  return new SharedArrayBuffer(HEADER_BYTES + size.slots * slotBytes(size));
}

/**
 * A side that found the ring full (reader) or empty (judge) sleeps until half of it is free or
 * filled, not one slot: each wake is a futex call and a thread switch. Waking on every slot, the
 * 1 GB fleet took ~4,000 wakes a side and 0.10 s of the reader's time in Atomics.notify alone.
 */
/**
 * Longest single sleep of either side, in ms: each wait re-checks the ring at least this often, so
 * a wake-up that never comes (the other side stopped or failed) or a `terminate()` that lands just
 * before a sleep never leaves a thread asleep for good. A fresh-clone test run once timed out at 30 s
 * on the pipeline's error path (2026-12-07; not reproduced in 27 runs since, idle or loaded). Only
 * an idle side wakes for it.
 */
const WAIT_MS = 50;

function wakeAfter(size: RingSize): number {
  return Math.max(1, size.slots >> 1);
}

function slotBytes(size: RingSize): number {
  return META_BYTES + size.recordBytes + size.inputBytes;
}

/** One slot's views into the ring. */
interface Slot {
  meta: Int32Array;
  records: Float64Array;
  inputBuffer: Buffer;
  recordsOffset: number;
}

function slotsOf(ring: SharedArrayBuffer, size: RingSize): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < size.slots; i++) {
    const at = HEADER_BYTES + i * slotBytes(size);
    slots.push({
      meta: new Int32Array(ring, at, META_BYTES / 4),
      records: new Float64Array(ring, at + META_BYTES, size.recordBytes / 8),
      inputBuffer: Buffer.from(ring, at + META_BYTES + size.recordBytes, size.inputBytes),
      recordsOffset: at + META_BYTES,
    });
  }
  return slots;
}

/**
 * The reader's half of a ring (see {@link allocateRing}): writes the reader's items in order,
 * remembering which names the judge has had; blocks while the ring is full.
 *
 * @example
 * ```ts
 * const writer = new RingWriter(ring, RING_SIZE, port);
 * for await (const item of readFileScannedBatches(path, counts)) writer.write(item);
 * writer.end();
 * ```
 */
export class RingWriter {
  private readonly header: Int32Array;
  private readonly slots: Slot[];
  private head = 0;
  private names: readonly string[] | undefined;
  private sent = 0;

  constructor(ring: SharedArrayBuffer, private readonly size: RingSize, private readonly port: MessagePort) {
    this.header = new Int32Array(ring, 0, HEADER_BYTES / 4);
    this.slots = slotsOf(ring, size);
  }

  /** Copies an item into the next slot (a batch too large for a slot is an error: slots are sized by the scanner's areas). */
  write(item: LogEvent | readonly LogEvent[] | ScannedBatch): void {
    const slot = this.claim();
    const meta = slot.meta;
    if (!('scanned' in item)) {
      meta[KIND] = KIND_EVENTS;
      meta[SIDE] = 1;
      this.port.postMessage({ events: Array.isArray(item) ? (item as readonly LogEvent[]) : [item as LogEvent] } satisfies SideMessage);
    } else {
      const { count, stride } = item;
      const used = count * stride;
      if (used * 8 > this.size.recordBytes) throw new Error('a scanned batch larger than a ring slot');
      // the records' offsets point into the input up to the last record's line end: those bytes are copied whole
      // (copying only the request ids and messages the judge may read, byte by byte, cost 0.8 s per GB)
      const inputLength = count > 0 ? (item.records[used - stride + Field.LineEnd] as number) + 1 : 0;
      if (inputLength > this.size.inputBytes) throw new Error('a scanned batch larger than a ring slot');
      slot.records.set(item.records.subarray(0, used));
      slot.inputBuffer.set(item.input.subarray(0, inputLength));
      meta[KIND] = KIND_SCANNED;
      meta[COUNT] = count;
      meta[STRIDE] = stride;
      meta[INPUT_LENGTH] = inputLength;
      if (item.names !== this.names) {
        this.names = item.names;
        this.sent = 0;
      }
      const namesFrom = this.sent;
      const fresh = item.names.length > namesFrom || namesFrom === 0;
      this.sent = item.names.length;
      if (fresh || item.fallback.length > 0) {
        meta[SIDE] = 1;
        this.port.postMessage({ names: item.names.slice(namesFrom), namesFrom, fallback: item.fallback } satisfies SideMessage);
      } else meta[SIDE] = 0;
    }
    this.publish();
  }

  /** Marks the end of the items. The port may be closed then: the judge still receives what was posted before. */
  end(): void {
    const h = this.header;
    const meta = this.claim().meta;
    meta[KIND] = KIND_DONE;
    meta[SIDE] = 0;
    // ENDED before the last HEAD: a judge that sees this HEAD sees ENDED too, and one that waits on an older HEAD is woken
    Atomics.store(h, ENDED, 1);
    Atomics.store(h, HEAD, ++this.head);
    Atomics.notify(h, HEAD);
  }

  /** The next free slot; when the ring is full, sleeps until the judge has freed WAKE of them (see wakeAfter). */
  private claim(): Slot {
    const h = this.header;
    if (this.head - Atomics.load(h, TAIL) >= this.size.slots) {
      const wake = wakeAfter(this.size);
      Atomics.store(h, WANT_TAIL, this.head - this.size.slots + wake);
      for (let tail = Atomics.load(h, TAIL); this.head - tail > this.size.slots - wake; tail = Atomics.load(h, TAIL)) Atomics.wait(h, TAIL, tail, WAIT_MS);
    }
    return this.slots[this.head % this.size.slots] as Slot;
  }

  private publish(): void {
    const h = this.header;
    Atomics.store(h, HEAD, ++this.head);
    if (this.head >= Atomics.load(h, WANT_HEAD)) Atomics.notify(h, HEAD);
  }
}

/**
 * The judge's half of a ring (see {@link allocateRing}): rebuilds the reader's items in order, with
 * one name table per table the reader had (a new table when the reader's was reset, as
 * collectSandboxes expects). An item's views point into its slot: valid until `release()`.
 *
 * @example
 * ```ts
 * const reader = new RingReader(ring, RING_SIZE, port);
 * for (let item = reader.next(); item !== undefined; item = reader.next()) {
 *   use(item);
 *   reader.release();
 * }
 * ```
 */
export class RingReader {
  private readonly header: Int32Array;
  private readonly slots: Slot[];
  private tail = 0;
  private names: string[] = [];

  constructor(private readonly ring: SharedArrayBuffer, private readonly size: RingSize, private readonly port: MessagePort) {
    this.header = new Int32Array(ring, 0, HEADER_BYTES / 4);
    this.slots = slotsOf(ring, size);
  }

  /** The next item, waiting for the reader if need be; undefined after the last (nothing to release then). */
  next(): readonly LogEvent[] | ScannedBatch | undefined {
    const h = this.header;
    if (Atomics.load(h, HEAD) === this.tail) {
      // empty: sleep until the reader is WAKE items ahead, or has written its last
      const wake = wakeAfter(this.size);
      Atomics.store(h, WANT_HEAD, this.tail + wake);
      for (let head = Atomics.load(h, HEAD); head === this.tail || (head - this.tail < wake && Atomics.load(h, ENDED) === 0); head = Atomics.load(h, HEAD)) Atomics.wait(h, HEAD, head, WAIT_MS);
    }
    const slot = this.slots[this.tail % this.size.slots] as Slot;
    const meta = slot.meta;
    const side = meta[SIDE] === 1 ? (receiveMessageOnPort(this.port)?.message as SideMessage | undefined) : undefined;
    if (meta[SIDE] === 1 && side === undefined) throw new Error('a ring slot without its side message');
    if (meta[KIND] === KIND_DONE) return undefined;
    if (meta[KIND] === KIND_EVENTS) return (side as { events: readonly LogEvent[] }).events;
    let fallback: readonly LogEvent[] = [];
    if (side && 'names' in side) {
      if (side.namesFrom === 0) this.names = [];
      for (let i = 0; i < side.names.length; i++) this.names[side.namesFrom + i] = side.names[i] as string;
      fallback = side.fallback;
    }
    const count = meta[COUNT] as number;
    const stride = meta[STRIDE] as number;
    const records = new Float64Array(this.ring, slot.recordsOffset, count * stride);
    const input = slot.inputBuffer.subarray(0, meta[INPUT_LENGTH] as number);
    return { scanned: true, records, count, stride, names: this.names, fallback, input };
  }

  /** Gives the last item's slot back to the reader. */
  release(): void {
    const h = this.header;
    Atomics.store(h, TAIL, ++this.tail);
    if (this.tail >= Atomics.load(h, WANT_TAIL)) Atomics.notify(h, TAIL);
  }
}
