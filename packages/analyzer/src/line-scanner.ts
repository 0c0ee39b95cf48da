import { SCAN_LINES_WASM } from './scan-lines-wasm.js';

/** Record kinds the scanner writes (see wasm/scan-lines.ts). SKIPPED is set by the reader. */
export const enum Scanned {
  Skipped = -1,
  Fallback = 0,
  End = 1,
  Report = 2,
  App = 3,
}

/** Field offsets of every record (f64 each). */
export const enum Field {
  Kind = 0,
  LineStart = 1,
  /** the line's `\n` */
  LineEnd = 2,
  Stream = 3,
  Group = 4,
  Time = 5,
  /** END and APP: the request id's hash (as hashId computes it) */
  IdHash = 6,
}

/** A REPORT record's figures. */
export const enum ReportField {
  Duration = 6,
  Billed = 7,
  MemorySize = 8,
  MaxMemory = 9,
  /** -1: no Init Duration */
  Init = 10,
  IdStart = 11,
  IdEnd = 12,
}

/** An APP record's message bytes (between its quotes). */
export const enum AppField {
  MessageStart = 7,
  MessageEnd = 8,
}

/** A FALLBACK record, as the reader fills it: the range of its line's events in the batch's `fallback`. */
export const enum FallbackField {
  From = 3,
  To = 4,
}

/** The few WebAssembly APIs used here (the project's TypeScript libraries do not declare them). */
interface Wasm {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly?: Wasm }).WebAssembly;

interface Exports {
  memory: { buffer: ArrayBuffer };
  setup(): number;
  inputSize(): number;
  outputAddress(): number;
  recordStride(): number;
  recordCapacity(): number;
  records(): number;
  lines(): number;
  nameGeneration(): number;
  nameAddress(id: number): number;
  nameLength(id: number): number;
  scan(from: number, to: number): number;
}

let compiled: object | null | undefined;
let enabled = process.env['LEAKWATCH_SCANNER'] !== 'js';

/**
 * Turns the WebAssembly scanner on or off for readers made after the call (benchmarks and tests
 * compare both paths; `LEAKWATCH_SCANNER=js` turns it off for a process). Returns the old setting.
 *
 * @example
 * ```ts
 * const was = useLineScanner(false); // every line through JavaScript
 * ```
 */
export function useLineScanner(on: boolean): boolean {
  const was = enabled;
  enabled = on;
  return was;
}

/**
 * One reader's WebAssembly line scanner (its own memory: input area, records, interned names), or
 * `undefined` when it is turned off or this runtime cannot run it (then every line takes the
 * JavaScript path, which reads the same).
 *
 * @example
 * ```ts
 * const scanner = LineScanner.create();
 * ```
 */
export class LineScanner {
  /** the input area: lines are copied here and scanned in place */
  readonly input: Buffer;
  /** the record area, STRIDE f64 per record */
  readonly records: Float64Array;
  readonly stride: number;
  /** names by id (stream and group names share the ids); reset when the scanner's table is */
  names: string[] = [];
  private generation = 0;
  private readonly bytes: Uint8Array;

  private constructor(private readonly x: Exports) {
    const inputAt = x.setup();
    this.bytes = new Uint8Array(x.memory.buffer);
    this.input = Buffer.from(x.memory.buffer, inputAt, x.inputSize());
    this.stride = x.recordStride();
    this.records = new Float64Array(x.memory.buffer, x.outputAddress(), x.recordCapacity() * this.stride);
    this.generation = x.nameGeneration();
  }

  static create(): LineScanner | undefined {
    if (!enabled) return undefined;
    if (compiled === undefined) {
      try {
        if (!wasm) throw new Error('no WebAssembly');
        compiled = new wasm.Module(Buffer.from(SCAN_LINES_WASM, 'base64'));
      } catch {
        compiled = null; // no WebAssembly SIMD here: the JavaScript path reads everything
      }
    }
    if (compiled === null || !wasm) return undefined;
    try {
      const instance = new wasm.Instance(compiled, { env: { abort: () => { throw new Error('line scanner aborted'); } } });
      return new LineScanner(instance.exports as unknown as Exports);
    } catch {
      return undefined;
    }
  }

  /**
   * Scans the input area's lines in [from, to), `to` just after a `\n`. Returns where it stopped
   * (before `to` when the record area filled up); `count` records are then in `records`, and
   * `lines` lines were answered without JavaScript (fallback lines are not among them).
   */
  scan(from: number, to: number): { stop: number; count: number; lines: number } {
    const stop = this.x.scan(from, to);
    const generation = this.x.nameGeneration();
    if (generation !== this.generation) {
      this.generation = generation;
      this.names = [];
    }
    return { stop, count: this.x.records(), lines: this.x.lines() };
  }

  /** The name with this id, decoded once. */
  name(id: number): string {
    let name = this.names[id];
    if (name === undefined) {
      const at = this.x.nameAddress(id);
      name = Buffer.from(this.bytes.buffer, at, this.x.nameLength(id)).toString('utf8');
      this.names[id] = name;
    }
    return name;
  }
}
