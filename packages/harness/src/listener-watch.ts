import type { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import { firstUserFrame, parseStack, relativeTo, type SourceSite } from '@leakwatch/core';
import { keyOf } from './ledger.js';

interface ListenerRecord {
  emitter: WeakRef<EventEmitter>;
  event: string | symbol;
  listener: WeakRef<(...args: unknown[]) => unknown>;
  stack: { stack?: string };
  site?: SourceSite | null;
}

const METHODS = ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener'] as const;

/** Listeners still attached, per creation site. */
export interface ListenerCount {
  key: string;
  site: SourceSite;
  emitter: string;
  event: string;
  count: number;
}

/**
 * Watches listeners added inside the invocation window to emitters that were already alive
 * before that invocation (process, module-scope clients). Installed only for a run.
 *
 * @example
 * ```ts
 * const watch = new ListenerWatch(process.cwd()); watch.install(); watch.begin(1); … watch.count();
 * ```
 */
export class ListenerWatch {
  private readonly records: ListenerRecord[] = [];
  private readonly firstSeen = new WeakMap<EventEmitter, number>();
  private readonly originals = new Map<string, (...args: unknown[]) => unknown>();
  private current = 0;

  constructor(
    private readonly cwd: string,
    /** the invocation whose async context is running (the ledger's) */
    private readonly context?: AsyncLocalStorage<number>,
  ) {}

  install(): void {
    if (this.originals.size > 0) return;
    const proto = EventEmitter.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
    for (const name of METHODS) {
      const original = proto[name];
      if (typeof original !== 'function') continue;
      this.originals.set(name, original);
      const watch = this; // eslint-disable-line @typescript-eslint/no-this-alias
      proto[name] = function patched(this: EventEmitter, event: unknown, listener: unknown, ...rest: unknown[]): unknown {
        watch.record(this, event as string | symbol, listener);
        return original.call(this, event, listener, ...rest);
      };
    }
  }

  uninstall(): void {
    const proto = EventEmitter.prototype as unknown as Record<string, unknown>;
    for (const [name, original] of this.originals) proto[name] = original;
    this.originals.clear();
  }

  begin(invocation: number): void {
    this.current = invocation;
  }

  end(): void {
    this.current = 0;
  }

  /** Live listeners per site on emitters that outlived the invocation that added them. */
  count(): ListenerCount[] {
    const bySite = new Map<string, ListenerCount>();
    for (let i = this.records.length - 1; i >= 0; i--) {
      const r = this.records[i]!;
      const emitter = r.emitter.deref();
      const listener = r.listener.deref();
      if (!emitter || !listener || !emitter.listeners(r.event).includes(listener)) {
        this.records.splice(i, 1);
        continue;
      }
      const site = this.siteOf(r);
      if (!site) continue;
      const key = `${keyOf(site)}|${String(r.event)}`;
      const entry = bySite.get(key);
      if (entry) entry.count++;
      else bySite.set(key, { key, site, emitter: emitter === process ? 'process' : emitter.constructor?.name || 'EventEmitter', event: String(r.event), count: 1 });
    }
    return [...bySite.values()];
  }

  private record(emitter: EventEmitter, event: string | symbol, listener: unknown): void {
    const current = this.current === 0 ? 0 : (this.context?.getStore() ?? (this.context ? 0 : this.current));
    const seen = this.firstSeen.get(emitter);
    if (seen === undefined) this.firstSeen.set(emitter, current);
    if (current === 0 || typeof listener !== 'function') return;
    // An emitter first seen in this very invocation is per-invocation (a request, a socket): its
    // listeners die with it, and a leak of the emitter itself is the ledger's business.
    if ((seen ?? current) === current && emitter !== process) return;
    const stack: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 12;
    Error.captureStackTrace(stack);
    Error.stackTraceLimit = limit;
    this.records.push({ emitter: new WeakRef(emitter), event, listener: new WeakRef(listener as (...args: unknown[]) => unknown), stack });
  }

  private siteOf(r: ListenerRecord): SourceSite | null {
    if (r.site !== undefined) return r.site;
    const frame = firstUserFrame(parseStack(r.stack.stack));
    r.site = frame ? { file: relativeTo(frame.file, this.cwd), line: frame.line, column: frame.column, ...(frame.function ? { function: frame.function } : {}) } : null;
    return r.site;
  }
}
