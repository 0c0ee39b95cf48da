import { fileUrlToPath, isInternalFrame, relativeTo } from '@leakwatch/core';
import type { HeapSnapshot, HeapSnapshotIds } from './read-heap-snapshot.js';

/** Objects created between two snapshots that are still alive, grouped by what holds them. */
export interface RetainedGroup {
  /** the retainer path in source terms: `handler.mjs › module scope › items › Array` */
  path: string;
  /** the handler file the path starts in, relative to cwd, when the holder is a variable of it */
  file?: string;
  /** the variable that holds the growth (`items`), when one does */
  variable?: string;
  /** every variable and property name on the path, outermost first: what code that adds to it names */
  names: string[];
  /** new objects held, and their self sizes summed */
  objects: number;
  bytes: number;
  /** the most frequent kinds of new objects held: `Object ×30`, `closure onExit ×30` */
  holds: string[];
}

export interface RetainedGrowthOptions {
  /** root that file names are made relative to */
  cwd: string;
  /** groups to return, largest first (default 5) */
  top?: number;
}

/**
 * Finds the objects of `late` that did not exist in `early` (V8 keeps object ids across the
 * snapshots of one process), walks each up its shortest retainer path from a GC root to the first
 * object that already existed (the collection that grows), and groups them by that holder. Each
 * group's path is named in source terms: the module or closure variable that holds it, then the
 * properties and elements down to the holder.
 *
 * @example
 * ```ts
 * const groups = retainedGrowth(await readHeapSnapshot(late), await readHeapSnapshot(early, { idsOnly: true }), { cwd });
 * groups[0]?.path; // 'examples/seed/global-list.mjs › module scope › processedOrders › Array'
 * ```
 */
export function retainedGrowth(late: HeapSnapshot, early: HeapSnapshotIds, options: RetainedGrowthOptions): RetainedGroup[] {
  const g = new Graph(late);
  const isNew = new Uint8Array(g.count);
  for (let n = 0; n < g.count; n++) if (!hasId(early.ids, g.id(n))) isNew[n] = 1;
  const { order, parentEdge, parent } = g.shortestRetainers();
  // holder of each new object: the first object on its path from the root that already existed
  const holder = new Int32Array(g.count).fill(-1);
  const bytes = new Map<number, { objects: number; bytes: number; kinds: Map<string, number> }>();
  for (const n of order) {
    if (!isNew[n]) continue;
    const p = parent[n]!;
    if (p < 0) continue;
    holder[n] = isNew[p] ? holder[p]! : p;
    const h = holder[n]!;
    if (h < 0) continue;
    let entry = bytes.get(h);
    if (!entry) bytes.set(h, (entry = { objects: 0, bytes: 0, kinds: new Map() }));
    entry.objects++;
    entry.bytes += g.selfSize(n);
    const kind = g.kindOf(n);
    entry.kinds.set(kind, (entry.kinds.get(kind) ?? 0) + 1);
  }
  const groups = new Map<string, RetainedGroup>();
  const ranked = [...bytes.entries()].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 200);
  for (const [h, entry] of ranked) {
    // compiled code, feedback and other runtime internals the VM adds as it warms up: not the user's
    let runtime = 0;
    for (const [kind, count] of entry.kinds) if (kind === 'code' || kind === 'hidden' || kind === 'internal') runtime += count;
    if (runtime * 2 > entry.objects) continue;
    const named = g.describePath(h, parent, parentEdge, options.cwd);
    if (!named) continue; // held by the runtime itself (code caches, feedback): not the user's
    const existing = groups.get(named.path);
    const holds = [...entry.kinds.entries()].sort((a, b) => b[1] - a[1]);
    if (existing) {
      existing.objects += entry.objects;
      existing.bytes += entry.bytes;
      continue;
    }
    groups.set(named.path, {
      path: named.path,
      ...(named.file ? { file: named.file } : {}),
      ...(named.variable ? { variable: named.variable } : {}),
      names: named.names,
      objects: entry.objects,
      bytes: entry.bytes,
      holds: holds.slice(0, 3).map(([k, c]) => `${k} ×${c}`),
    });
  }
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes).slice(0, options.top ?? 5);
}

function hasId(sorted: Uint32Array, id: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === id) return true;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

const BUILTIN_CLASSES = new Set(['Object', 'Array', 'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Error', 'Date', 'RegExp', 'Function', 'Module', 'process', 'EventEmitter']);

interface NamedPath {
  path: string;
  names: string[];
  file?: string;
  variable?: string;
}

/** Index arithmetic over the flat tables, so the analysis allocates per node only typed arrays. */
class Graph {
  readonly count: number;
  private readonly firstEdge: Uint32Array;
  private readonly nf: number;
  private readonly ef: number;
  private readonly weak: number;
  private readonly typeNames: readonly string[];
  private readonly edgeTypeNames: readonly string[];
  private scriptCache = new Map<number, string | undefined>();
  private retainersOf: Map<number, number[]> | undefined;

  constructor(private readonly s: HeapSnapshot) {
    this.count = s.nodeCount;
    this.nf = s.nodeFieldCount;
    this.ef = s.edgeFieldCount;
    this.typeNames = s.nodeTypes;
    this.edgeTypeNames = s.edgeTypes;
    this.weak = s.edgeTypes.indexOf('weak');
    this.firstEdge = new Uint32Array(this.count + 1);
    let e = 0;
    for (let n = 0; n < this.count; n++) {
      this.firstEdge[n] = e;
      e += s.nodes[n * this.nf + s.field.edgeCount]! * this.ef;
    }
    this.firstEdge[this.count] = e;
  }

  id(n: number): number {
    return this.s.nodes[n * this.nf + this.s.field.id]!;
  }
  selfSize(n: number): number {
    return this.s.nodes[n * this.nf + this.s.field.selfSize]!;
  }
  type(n: number): string {
    return this.typeNames[this.s.nodes[n * this.nf + this.s.field.type]!] ?? 'unknown';
  }
  name(n: number): string {
    return this.s.strings[this.s.nodes[n * this.nf + this.s.field.name]!] ?? '';
  }
  edgeType(e: number): string {
    return this.edgeTypeNames[this.s.edges[e + this.s.field.edgeType]!] ?? 'unknown';
  }
  edgeName(e: number): string {
    const t = this.edgeType(e);
    const raw = this.s.edges[e + this.s.field.edgeName]!;
    return t === 'element' || t === 'hidden' ? String(raw) : (this.s.strings[raw] ?? '');
  }
  edgeTo(e: number): number {
    return this.s.edges[e + this.s.field.edgeTo]! / this.nf;
  }
  *edgesOf(n: number): Generator<number> {
    for (let e = this.firstEdge[n]!; e < this.firstEdge[n + 1]!; e += this.ef) yield e;
  }
  child(n: number, edgeName: string): number | undefined {
    for (const e of this.edgesOf(n)) if (this.edgeType(e) !== 'element' && this.edgeName(e) === edgeName) return this.edgeTo(e);
    return undefined;
  }

  /** What a new object is, for the "holds" list: `Object`, `closure onExit`, `string`. */
  kindOf(n: number): string {
    const type = this.type(n);
    if (type === 'object' || type === 'native') return this.name(n).startsWith('system /') ? 'internal' : this.name(n) || 'Object';
    if (type === 'closure') return `closure ${this.name(n) || '(anonymous)'}`;
    if (type === 'concatenated string' || type === 'sliced string') return 'string';
    return type;
  }

  /** Breadth-first from the root over strong edges: the shortest retainer of every live object. */
  shortestRetainers(): { order: Uint32Array; parent: Int32Array; parentEdge: Int32Array } {
    const parent = new Int32Array(this.count).fill(-1);
    const parentEdge = new Int32Array(this.count).fill(-1);
    const order = new Uint32Array(this.count);
    const seen = new Uint8Array(this.count);
    let head = 0;
    let tail = 0;
    order[tail++] = 0;
    seen[0] = 1;
    const { edges, field } = this.s;
    while (head < tail) {
      const n = order[head++]!;
      for (let e = this.firstEdge[n]!; e < this.firstEdge[n + 1]!; e += this.ef) {
        if (edges[e + field.edgeType] === this.weak) continue;
        const to = edges[e + field.edgeTo]! / this.nf;
        if (seen[to]) continue;
        seen[to] = 1;
        parent[to] = n;
        parentEdge[to] = e;
        order[tail++] = to;
      }
    }
    return { order: order.subarray(0, tail), parent, parentEdge };
  }

  private isContext(n: number): boolean {
    return this.name(n) === 'system / Context';
  }

  /** The script a context belongs to: through a closure that uses it, its function's script. */
  private scriptOfContext(ctx: number): string | undefined {
    if (this.scriptCache.has(ctx)) return this.scriptCache.get(ctx);
    let found: string | undefined;
    for (const r of this.retainers(ctx)) {
      if (this.type(r) !== 'closure') continue;
      const shared = this.child(r, 'shared');
      const script = shared === undefined ? undefined : (this.child(shared, 'script_or_debug_info') ?? this.child(shared, 'script'));
      if (script !== undefined) {
        const nameNode = this.child(script, 'name');
        found = nameNode !== undefined ? this.name(nameNode) : this.name(script);
        if (found) break;
      }
    }
    this.scriptCache.set(ctx, found);
    return found;
  }

  private retainers(n: number): number[] {
    if (!this.retainersOf) {
      // built once, only for contexts: the analysis asks about a handful of them
      this.retainersOf = new Map();
      const { edges, field } = this.s;
      for (let from = 0; from < this.count; from++) {
        for (let e = this.firstEdge[from]!; e < this.firstEdge[from + 1]!; e += this.ef) {
          const to = edges[e + field.edgeTo]! / this.nf;
          if (this.s.strings[this.s.nodes[to * this.nf + field.name]!] !== 'system / Context') continue;
          let list = this.retainersOf.get(to);
          if (!list) this.retainersOf.set(to, (list = []));
          list.push(from);
        }
      }
    }
    return this.retainersOf.get(n) ?? [];
  }

  /** Module scope when the context is a module's (ESM: its extension is the module; CommonJS: the wrapper's). */
  private isModuleContext(ctx: number): boolean {
    const ext = this.child(ctx, 'extension');
    if (ext !== undefined && this.name(ext).includes('SourceTextModule')) return true;
    const previous = this.child(ctx, 'previous');
    return previous !== undefined && this.name(previous) === 'system / NativeContext';
  }

  /**
   * Names the path from a GC root to `holder` in source terms, starting at the outermost variable of
   * user code on it (a module-scope or closure variable), else at the last well-known global
   * object (`process`, the global object). Undefined when neither is on the path.
   */
  describePath(holder: number, parent: Int32Array, parentEdge: Int32Array, cwd: string): NamedPath | undefined {
    const chain: number[] = [];
    for (let n = holder; n > 0 && chain.length < 200; n = parent[n]!) {
      const e = parentEdge[n]!;
      if (e < 0) break;
      chain.push(e);
    }
    chain.reverse();
    // a backing store (elements, properties, a Map's table) is part of the object that owns it
    while (chain.length > 1) {
      const t = this.edgeType(chain[chain.length - 1]!);
      if (t !== 'internal' && t !== 'hidden') break;
      chain.pop();
    }
    const from = (e: number): number => {
      const to = this.edgeTo(e);
      return parent[to]!;
    };
    // the outermost user variable: a context edge out of a context of a user script
    let start = -1;
    let file: string | undefined;
    let scope = '';
    for (let i = 0; i < chain.length; i++) {
      const e = chain[i]!;
      if (this.edgeType(e) !== 'context') continue;
      const ctx = from(e);
      if (!this.isContext(ctx)) continue;
      const script = this.scriptOfContext(ctx);
      if (!script) continue;
      const path = fileUrlToPath(script);
      if (isInternalFrame({ file: path, line: 1, column: 1 })) continue;
      start = i;
      file = relativeTo(path, cwd);
      scope = this.isModuleContext(ctx) ? 'module scope' : 'closure scope';
      break;
    }
    const parts: string[] = [];
    const names: string[] = [];
    let variable: string | undefined;
    if (start >= 0) {
      parts.push(file!, scope);
      variable = this.edgeName(chain[start]!);
    } else {
      // no user variable: start at a well-known global (listeners on `process`, globals)
      for (let i = chain.length - 1; i >= 0; i--) {
        const node = this.edgeTo(chain[i]!);
        const name = this.name(node);
        if (this.type(node) === 'object' && (name === 'process' || name.startsWith('global /') || name === 'Window')) {
          start = i + 1;
          parts.push(name === 'process' ? 'process' : 'globalThis');
          break;
        }
      }
      if (start < 0) return undefined;
    }
    for (let i = start; i < chain.length; i++) {
      const e = chain[i]!;
      const to = this.edgeTo(e);
      const t = this.edgeType(e);
      const label = this.edgeName(e);
      if (t === 'context' || t === 'property') {
        const text = t === 'property' && /^\d+$/.test(label) ? `[${label}]` : label;
        // an instance of the user's own class along the way: `registry (SessionRegistry)`
        const cls = i < chain.length - 1 ? this.className(to) : undefined;
        parts.push(cls ? `${text} (${cls})` : text);
        names.push(label);
      }
      else if (t === 'element') parts.push(`[${label}]`);
      else if (t === 'internal' && label === 'context' && this.type(from(e)) === 'closure') parts.push(this.name(from(e)) ? `(closure ${this.name(from(e))})` : '(closure)');
      else if (t === 'internal' && label === 'table') parts.push('(entries)');
      // other internal and hidden edges (elements, properties backing stores) are not in the source
      if (i === chain.length - 1) parts.push(this.holderLabel(to));
    }
    const collapsed = parts.filter((p, i) => !(p === '(entries)' && parts[i + 1] === undefined));
    return { path: collapsed.join(' › '), names, ...(file ? { file } : {}), ...(variable ? { variable } : {}) };
  }

  /** The constructor name of an object that is not a plain object or a builtin collection. */
  private className(n: number): string | undefined {
    if (this.type(n) !== 'object') return undefined;
    const name = this.name(n);
    if (!name || name.startsWith('system /') || BUILTIN_CLASSES.has(name)) return undefined;
    return /^[A-Za-z_$][\w$]*$/.test(name) ? name : undefined;
  }

  private holderLabel(n: number): string {
    const t = this.type(n);
    if (t === 'closure') return `function ${this.name(n) || '(anonymous)'}`;
    if (t === 'array') return 'Array';
    const name = this.name(n);
    return name && !name.startsWith('system /') ? name : t;
  }
}
