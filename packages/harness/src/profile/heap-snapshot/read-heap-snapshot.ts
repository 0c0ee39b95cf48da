import { createReadStream } from 'node:fs';
import { InputError } from '@leakwatch/core';

/**
 * A V8 heap snapshot (`.heapsnapshot`) held as typed arrays: the node and edge tables are flat
 * `Uint32Array`s laid out as the snapshot's `meta` describes, strings are one array. About a third
 * of the file's size in memory, where `JSON.parse` of the same file takes several times it.
 */
export interface HeapSnapshot {
  file: string;
  nodeFieldCount: number;
  edgeFieldCount: number;
  nodeTypes: readonly string[];
  edgeTypes: readonly string[];
  nodeCount: number;
  edgeCount: number;
  /** `node_count × node_fields` numbers: type, name, id, self_size, edge_count, … */
  nodes: Uint32Array;
  /** `edge_count × edge_fields` numbers: type, name_or_index, to_node (an offset into `nodes`) */
  edges: Uint32Array;
  strings: string[];
  /** offsets of the fields we use inside a node row and an edge row */
  field: { type: number; name: number; id: number; selfSize: number; edgeCount: number; edgeType: number; edgeName: number; edgeTo: number };
}

/** Only the object ids of a snapshot, sorted: enough to tell which objects of a later one are new. */
export interface HeapSnapshotIds {
  file: string;
  nodeCount: number;
  /** sorted ascending */
  ids: Uint32Array;
}

interface Meta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
}

interface Header {
  snapshot: { meta: Meta; node_count: number; edge_count: number };
}

const MAX_HEADER = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * Streams a `.heapsnapshot` file into typed arrays, in constant memory beyond the result. A file
 * that is not a heap snapshot, or that ends early (a process killed while writing it, a full
 * disk), is an `InputError` naming the file, the line and the section where it stopped.
 *
 * @example
 * ```ts
 * const snapshot = await readHeapSnapshot('/tmp/late.heapsnapshot');
 * const early = await readHeapSnapshot('/tmp/early.heapsnapshot', { idsOnly: true });
 * ```
 */
export async function readHeapSnapshot(file: string): Promise<HeapSnapshot>;
export async function readHeapSnapshot(file: string, options: { idsOnly: true }): Promise<HeapSnapshotIds>;
export async function readHeapSnapshot(file: string, options: { idsOnly?: boolean } = {}): Promise<HeapSnapshot | HeapSnapshotIds> {
  const parser = new SnapshotParser(file, options.idsOnly === true);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) parser.push(chunk as Buffer);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError('LW_PROFILE', `cannot read heap snapshot: ${(error as Error).message}`, { input: file, cause: error });
  }
  return parser.finish();
}

type Phase = 'header' | 'key' | 'numbers' | 'strings' | 'done';

class SnapshotParser {
  private phase: Phase = 'header';
  private header: Buffer[] = [];
  private headerBytes = 0;
  private line = 1;
  private bytes = 0;
  private section = '';
  private key: number[] = [];
  // numbers
  private depth = 0;
  private num = 0;
  private inNum = false;
  private count = 0;
  private slow = '';
  // strings
  private inStr = false;
  private escaped = false;
  private hasEscape = false;
  private parts: Buffer[] = [];
  private sawStrings = false;

  private meta: Meta | undefined;
  private nodeCount = 0;
  private edgeCount = 0;
  private nodeFieldCount = 0;
  private edgeFieldCount = 0;
  private idOffset = 0;
  private nodes = new Uint32Array(0);
  private edges = new Uint32Array(0);
  private ids = new Uint32Array(0);
  private readonly strings: string[] = [];

  constructor(
    private readonly file: string,
    private readonly idsOnly: boolean,
  ) {}

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.phase === 'header') {
      this.header.push(chunk);
      this.headerBytes += chunk.length;
      const all = Buffer.concat(this.header);
      const at = all.indexOf('"nodes"');
      if (at < 0) {
        if (this.headerBytes > MAX_HEADER) this.fail('not a V8 heap snapshot: no "nodes" section in the first MB');
        return;
      }
      this.readHeader(all.subarray(0, at));
      this.header = [];
      buf = all.subarray(at);
      this.phase = 'key';
    }
    this.scan(buf);
  }

  private readHeader(text: Buffer): void {
    const json = text.toString('utf8').replace(/[\s,]+$/, '') + '}';
    let header: Header;
    try {
      header = JSON.parse(json) as Header;
    } catch {
      this.fail('not a V8 heap snapshot: the header is not JSON');
    }
    const meta = header.snapshot?.meta;
    if (!meta || !Array.isArray(meta.node_fields) || !Array.isArray(meta.edge_fields) || typeof header.snapshot.node_count !== 'number') {
      this.fail('not a V8 heap snapshot: no snapshot.meta in the header');
    }
    for (const byte of text) if (byte === 0x0a) this.line++;
    this.bytes = text.length;
    this.meta = meta;
    this.nodeCount = header.snapshot.node_count;
    this.edgeCount = header.snapshot.edge_count;
    this.nodeFieldCount = meta.node_fields.length;
    this.edgeFieldCount = meta.edge_fields.length;
    this.idOffset = meta.node_fields.indexOf('id');
    for (const f of ['type', 'name', 'id', 'self_size', 'edge_count']) if (!meta.node_fields.includes(f)) this.fail(`not a V8 heap snapshot: node field "${f}" missing`);
    for (const f of ['type', 'name_or_index', 'to_node']) if (!meta.edge_fields.includes(f)) this.fail(`not a V8 heap snapshot: edge field "${f}" missing`);
    if (this.idsOnly) this.ids = new Uint32Array(this.nodeCount);
    else {
      this.nodes = new Uint32Array(this.nodeCount * this.nodeFieldCount);
      this.edges = new Uint32Array(this.edgeCount * this.edgeFieldCount);
    }
  }

  private scan(buf: Buffer): void {
    const n = buf.length;
    let i = 0;
    while (i < n) {
      if (this.phase === 'numbers') i = this.scanNumbers(buf, i);
      else if (this.phase === 'strings') i = this.scanStrings(buf, i);
      else if (this.phase === 'key') i = this.scanKey(buf, i);
      else {
        // after the last section: only whitespace and the closing brace
        for (; i < n; i++) if (buf[i] === 0x0a) this.line++;
      }
    }
    this.bytes += n;
  }

  /** `"name":[` : the start of the next section. */
  private scanKey(buf: Buffer, start: number): number {
    const n = buf.length;
    for (let i = start; i < n; i++) {
      const c = buf[i]!;
      if (c === 0x0a) this.line++;
      if (c === 0x7d && this.key.length === 0) {
        this.phase = 'done';
        return i + 1;
      }
      if (c === 0x5b) {
        // the key's bytes are collected up to here: `"strings":`
        const text = Buffer.from(this.key).toString('latin1');
        const m = /"([a-z_]+)"\s*:\s*$/.exec(text);
        this.key = [];
        if (!m) this.fail(`unexpected text before a section: ${JSON.stringify(text.slice(-40))}`);
        this.section = m[1]!;
        this.count = 0;
        this.depth = 1;
        this.phase = this.section === 'strings' ? 'strings' : 'numbers';
        if (this.section === 'strings') this.sawStrings = true;
        return i + 1;
      }
      if (this.key.length > 200) this.fail('unexpected text between sections');
      this.key.push(c);
    }
    return n;
  }

  private scanNumbers(buf: Buffer, start: number): number {
    const n = buf.length;
    const target = this.section === 'nodes' ? (this.idsOnly ? undefined : this.nodes) : this.section === 'edges' ? (this.idsOnly ? undefined : this.edges) : undefined;
    const idsTarget = this.idsOnly && this.section === 'nodes' ? this.ids : undefined;
    const fields = this.nodeFieldCount;
    const idOffset = this.idOffset;
    let num = this.num;
    let inNum = this.inNum;
    let count = this.count;
    let line = this.line;
    let i = start;
    for (; i < n; i++) {
      const c = buf[i]!;
      if (c >= 0x30 && c <= 0x39) {
        num = num * 10 + (c - 0x30);
        inNum = true;
        continue;
      }
      if (c === 0x2d || c === 0x2e || c === 0x65 || c === 0x45 || c === 0x2b) {
        // negative or fractional numbers appear only in sections we skip (samples, locations)
        this.slow += inNum ? String(num) + String.fromCharCode(c) : String.fromCharCode(c);
        num = 0;
        inNum = true;
        continue;
      }
      if (inNum) {
        if (target) {
          if (count >= target.length) this.fail(`more numbers in "${this.section}" than the header's counts`);
          target[count] = num;
        } else if (idsTarget && count % fields === idOffset) {
          const row = (count - idOffset) / fields;
          if (row >= idsTarget.length) this.fail('more nodes than the header\'s node_count');
          idsTarget[row] = num;
        }
        count++;
        num = 0;
        inNum = false;
        this.slow = '';
      }
      if (c === 0x0a) line++;
      else if (c === 0x5b) this.depth++;
      else if (c === 0x5d) {
        this.depth--;
        if (this.depth === 0) {
          i++;
          this.phase = 'key';
          break;
        }
      }
    }
    this.num = num;
    this.inNum = inNum;
    this.count = count;
    this.line = line;
    if (this.phase === 'key') this.endNumbers();
    return i;
  }

  private endNumbers(): void {
    if (this.section === 'nodes') {
      const expected = this.nodeCount * this.nodeFieldCount;
      if (this.count !== expected) this.fail(`"nodes" holds ${this.count} numbers, the header says ${expected}`);
    } else if (this.section === 'edges') {
      const expected = this.edgeCount * this.edgeFieldCount;
      if (this.count !== expected) this.fail(`"edges" holds ${this.count} numbers, the header says ${expected}`);
    }
  }

  private scanStrings(buf: Buffer, start: number): number {
    const n = buf.length;
    let i = start;
    while (i < n) {
      if (this.inStr) {
        let j = i;
        let escaped = this.escaped;
        for (; j < n; j++) {
          const c = buf[j]!;
          if (escaped) escaped = false;
          else if (c === BACKSLASH) {
            escaped = true;
            this.hasEscape = true;
          } else if (c === QUOTE) break;
        }
        this.escaped = escaped;
        if (j === n) {
          this.parts.push(Buffer.from(buf.subarray(i, n)));
          return n;
        }
        const piece = buf.subarray(i, j);
        const raw = this.parts.length > 0 ? Buffer.concat([...this.parts, piece]) : piece;
        this.parts = [];
        this.strings.push(this.hasEscape ? this.decode(raw) : raw.toString('utf8'));
        this.inStr = false;
        i = j + 1;
        continue;
      }
      const c = buf[i]!;
      i++;
      if (c === QUOTE) {
        this.inStr = true;
        this.escaped = false;
        this.hasEscape = false;
      } else if (c === 0x0a) this.line++;
      else if (c === 0x5d) {
        this.phase = 'key';
        return i;
      }
    }
    return i;
  }

  private decode(raw: Buffer): string {
    const text = raw.toString('utf8');
    try {
      return JSON.parse(`"${text}"`) as string;
    } catch {
      // a raw control character inside a string: keep it as written
      return text.replace(/\\(["\\/])/g, '$1');
    }
  }

  finish(): HeapSnapshot | HeapSnapshotIds {
    if (this.phase === 'header') this.fail(this.headerBytes === 0 ? 'empty heap snapshot file' : 'not a V8 heap snapshot: no "nodes" section');
    if (this.phase !== 'done' || !this.sawStrings) {
      const where = this.phase === 'key' ? `after the "${this.section}" section` : `inside the "${this.section}" section`;
      this.fail(`truncated heap snapshot: the file ends ${where} after ${this.bytes} bytes (a process killed while writing it, or a full disk)`);
    }
    if (this.idsOnly) {
      this.ids.sort();
      return { file: this.file, nodeCount: this.nodeCount, ids: this.ids };
    }
    const meta = this.meta!;
    return {
      file: this.file,
      nodeFieldCount: this.nodeFieldCount,
      edgeFieldCount: this.edgeFieldCount,
      nodeTypes: meta.node_types[0],
      edgeTypes: meta.edge_types[0],
      nodeCount: this.nodeCount,
      edgeCount: this.edgeCount,
      nodes: this.nodes,
      edges: this.edges,
      strings: this.strings,
      field: {
        type: meta.node_fields.indexOf('type'),
        name: meta.node_fields.indexOf('name'),
        id: meta.node_fields.indexOf('id'),
        selfSize: meta.node_fields.indexOf('self_size'),
        edgeCount: meta.node_fields.indexOf('edge_count'),
        edgeType: meta.edge_fields.indexOf('type'),
        edgeName: meta.edge_fields.indexOf('name_or_index'),
        edgeTo: meta.edge_fields.indexOf('to_node'),
      },
    };
  }

  private fail(message: string): never {
    throw new InputError('LW_PROFILE', message, { input: this.file, line: this.line });
  }
}
