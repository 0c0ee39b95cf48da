import { AsyncLocalStorage, createHook, type AsyncHook } from 'node:async_hooks';
import { performance } from 'node:perf_hooks';
import { describePeer, classifyPeer, firstUserFrame, parseStack, relativeTo, type SourceSite, type ServiceInfo } from '@leakwatch/core';

/** What a recorded resource is, in words a report uses. */
export type ResourceKind = 'socket' | 'pipe' | 'server' | 'timer' | 'interval' | 'file' | 'child-process' | 'udp' | 'watcher' | 'request' | 'dns' | 'fs' | 'immediate';

/** async_hooks types that can outlive the handler, and what they are. */
const KIND_BY_TYPE: Record<string, ResourceKind> = {
  TCPWRAP: 'socket',
  PIPEWRAP: 'pipe',
  TCPSERVERWRAP: 'server',
  PIPESERVERWRAP: 'server',
  Timeout: 'timer',
  FILEHANDLE: 'file',
  PROCESSWRAP: 'child-process',
  UDPWRAP: 'udp',
  FSEVENTWRAP: 'watcher',
  STATWATCHER: 'watcher',
  HTTPCLIENTREQUEST: 'request',
  GETADDRINFOREQWRAP: 'dns',
  FSREQCALLBACK: 'fs',
  FILEHANDLECLOSEREQ: 'fs',
  Immediate: 'immediate',
};

/** Kinds that are work in flight (they finish by themselves) rather than handles someone must close. */
const WORK: ReadonlySet<ResourceKind> = new Set(['timer', 'request', 'dns', 'fs', 'immediate']);

/** One resource created by user code during an invocation (or by work such a resource started). */
export interface LedgerRecord {
  asyncId: number;
  type: string;
  invocation: number;
  createdAt: number;
  /** holder of the creation stack; formatted lazily by V8 on first read */
  stack: { stack?: string };
  ref: WeakRef<object>;
  destroyed: boolean;
  /** performance.now() when the invocation that created it returned, if it was still pending then */
  pendingSince?: number | undefined;
  site?: SourceSite | null;
  peer?: { address: string; port: number };
  connect?: WeakRef<{ address?: string; port?: number }>;
}

/** Work that was still running when its invocation returned. */
export interface DanglingEvent {
  siteKey: string;
  site: SourceSite;
  kind: ResourceKind;
  invocation: number;
  /** ms it ran on after the return; undefined when it never finished during the run */
  ranOnMs?: number;
  /** the invocation during which it finished (0: between invocations) */
  finishedDuring?: number;
}

export interface LedgerOptions {
  cwd: string;
  /** frames of the stack kept; default 24 */
  stackLimit?: number;
}

/**
 * The resource ledger: an `async_hooks` hook, enabled only for a run, that records resources
 * that can outlive the handler with their creation stack, only inside the invocation window.
 * It never keeps a resource alive (WeakRefs only).
 *
 * @example
 * ```ts
 * const ledger = new ResourceLedger({ cwd: process.cwd() });
 * ledger.enable(); ledger.begin(1); await handler(); ledger.end(); ledger.disable();
 * ```
 */
export class ResourceLedger {
  /** the invocation whose async context is running; what a resource is attributed to */
  readonly context = new AsyncLocalStorage<number>();
  readonly records = new Map<number, LedgerRecord>();
  readonly dangling: DanglingEvent[] = [];
  private current = 0;
  private hook: AsyncHook | undefined;
  private readonly stackLimit: number;
  private readonly cwd: string;

  constructor(options: LedgerOptions) {
    this.cwd = options.cwd;
    this.stackLimit = options.stackLimit ?? 24;
  }

  enable(): void {
    this.hook ??= createHook({
      init: (asyncId, type, triggerAsyncId, resource) => this.onInit(asyncId, type, triggerAsyncId, resource),
      destroy: (asyncId) => this.onDestroy(asyncId),
    });
    this.hook.enable();
  }

  disable(): void {
    this.hook?.disable();
  }

  /** Opens the invocation window; run the handler inside `context.run(invocation, …)`. */
  begin(invocation: number): void {
    this.current = invocation;
  }

  /** Closes the window; marks this invocation's work still in flight as pending since now. */
  end(): LedgerRecord[] {
    const invocation = this.current;
    this.current = 0;
    const now = performance.now();
    const pending: LedgerRecord[] = [];
    for (const r of this.records.values()) {
      if (r.invocation !== invocation || !this.isAlive(r)) continue;
      pending.push(r);
      if (this.isWork(r) && this.siteOf(r)) r.pendingSince = now;
    }
    return pending;
  }

  /** Still open (not destroyed, not collected). */
  isAlive(r: LedgerRecord): boolean {
    if (r.destroyed) return false;
    const resource = r.ref.deref() as { _destroyed?: boolean } | undefined;
    // destroy hooks arrive a tick late; a timer knows at once that it fired or was cleared
    return resource !== undefined && resource._destroyed !== true;
  }

  /** A one-shot timer that does not keep the event loop alive (socket timeouts, AbortSignal.timeout). */
  isUnrefTimer(r: LedgerRecord): boolean {
    if (r.type !== 'Timeout') return false;
    const t = r.ref.deref() as { hasRef?: () => boolean; _repeat?: unknown } | undefined;
    return !t?._repeat && t?.hasRef?.() === false;
  }

  /** What the record is; timers are told apart from intervals by their repeat. */
  kindOf(r: LedgerRecord): ResourceKind {
    const kind = KIND_BY_TYPE[r.type] ?? 'timer';
    if (kind !== 'timer') return kind;
    const t = r.ref.deref() as { _repeat?: unknown } | undefined;
    return t && t._repeat ? 'interval' : 'timer';
  }

  /** Work keeps the event loop busy and finishes by itself: a ref'd one-shot timer, a request, a lookup. */
  isWork(r: LedgerRecord): boolean {
    const kind = this.kindOf(r);
    if (!WORK.has(kind)) return false;
    if (kind !== 'timer') return true;
    const t = r.ref.deref() as { hasRef?: () => boolean } | undefined;
    return t?.hasRef?.() !== false;
  }

  /** The creation site: the first frame in user code, relative to cwd; null when none. */
  siteOf(r: LedgerRecord): SourceSite | null {
    if (r.site !== undefined) return r.site;
    const frame = firstUserFrame(parseStack(r.stack.stack));
    r.site = frame ? { file: relativeTo(frame.file, this.cwd), line: frame.line, column: frame.column, ...(frame.function ? { function: frame.function } : {}) } : null;
    return r.site;
  }

  /** The peer of a socket, once known (`127.0.0.1:3306 → MySQL`). */
  peerOf(r: LedgerRecord): { text: string; service?: ServiceInfo } | undefined {
    if (!r.peer) {
      const handle = r.ref.deref() as { getpeername?: (out: Record<string, unknown>) => number } | undefined;
      const out: Record<string, unknown> = {};
      try {
        if (handle?.getpeername && handle.getpeername(out) === 0 && typeof out['port'] === 'number') r.peer = { address: String(out['address']), port: out['port'] };
      } catch {
        // a closed handle: fall back to the connect request
      }
      const req = r.connect?.deref();
      if (!r.peer && req && typeof req.port === 'number') r.peer = { address: String(req.address), port: req.port };
    }
    if (!r.peer) return undefined;
    const service = classifyPeer(r.peer.port);
    return { text: describePeer(r.peer.address, r.peer.port), ...(service ? { service } : {}) };
  }

  /** Forgets everything recorded (between runs). */
  clear(): void {
    this.records.clear();
    this.dangling.length = 0;
  }

  private onInit(_asyncId: number, type: string, triggerAsyncId: number, resource: object): void {
    const asyncId = _asyncId;
    if (type === 'TCPCONNECTWRAP') {
      const socket = this.records.get(triggerAsyncId);
      if (socket) socket.connect = new WeakRef(resource as { address?: string; port?: number });
      return;
    }
    if (!(type in KIND_BY_TYPE)) return;
    // Only what the invocation's own async chain creates: not the harness, not an in-process
    // server answering the handler, not module-scope work.
    const invocation = this.context.getStore();
    if (invocation === undefined) return;
    const holder: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = this.stackLimit;
    Error.captureStackTrace(holder);
    Error.stackTraceLimit = limit;
    this.records.set(asyncId, {
      asyncId,
      type,
      invocation,
      createdAt: performance.now(),
      stack: holder,
      ref: new WeakRef(resource),
      destroyed: false,
    });
  }

  private onDestroy(asyncId: number): void {
    const r = this.records.get(asyncId);
    if (!r) return;
    r.destroyed = true;
    if (r.pendingSince !== undefined) {
      const site = this.siteOf(r);
      if (site) {
        this.dangling.push({ siteKey: keyOf(site), site, kind: this.kindOf(r), invocation: r.invocation, ranOnMs: performance.now() - r.pendingSince, finishedDuring: this.current });
      }
    }
    this.records.delete(asyncId);
  }

  /** Work still pending at the end of the run becomes dangling events that never finished. */
  flushPending(): void {
    for (const r of this.records.values()) {
      if (r.pendingSince === undefined || !this.isAlive(r)) continue;
      const site = this.siteOf(r);
      if (site) this.dangling.push({ siteKey: keyOf(site), site, kind: this.kindOf(r), invocation: r.invocation });
      r.pendingSince = undefined;
    }
  }
}

/** `file:line:column`, the identity of a site within a run. */
export function keyOf(site: SourceSite): string {
  return `${site.file}:${site.line}:${site.column ?? 0}`;
}
