import { createHook } from 'node:async_hooks';
import type { AsyncHook } from 'node:async_hooks';
import { firstUserFrame, parseStack, relativeTo } from '@leakwatch/core';
import type { SourceSite } from '@leakwatch/core';
import { currentInvocation } from './invocation-store.js';

/** Resource types that can outlive the invocation that created them (no promises, no one-shot requests). */
const OUTLIVING = new Set(['Timeout', 'TCPWRAP', 'PIPEWRAP', 'UDPWRAP', 'TLSWRAP', 'FILEHANDLE', 'PROCESSWRAP', 'FSEVENTWRAP', 'STATWATCHER', 'SIGNALWRAP']);
/** the capture never holds more than this many records, whatever the traffic */
const MAX_RECORDS = 10_000;
const STACK_LIMIT = 16;

interface Created {
  type: string;
  /** `Error.captureStackTrace` target: V8 keeps the frames and formats them only if `.stack` is read */
  trace: { stack?: string };
}

/** The creation site that most of the still-live resources share. */
export interface CaptureResult {
  site: SourceSite;
  type: string;
  /** live resources created at the site during the capture */
  live: number;
  /** invocations the capture ran for */
  invocations: number;
}

/**
 * Creation-site capture for a few invocations: an `async_hooks` hook records, for each resource
 * created inside a guarded invocation, the unformatted stack; when the last sampled invocation
 * ends, only the resources still alive get their stacks formatted, and the hook is disabled.
 *
 * @example
 * ```ts
 * const capture = new DeepCapture();
 * capture.start(5);
 * // … at the end of each invocation:
 * const done = capture.endInvocation(); // undefined until the 5th; then { top } with the site, if any
 * ```
 */
export class DeepCapture {
  private hook: AsyncHook | undefined;
  private readonly live = new Map<number, Created>();
  private remaining = 0;
  private planned = 0;

  get active(): boolean {
    return this.remaining > 0;
  }

  start(invocations: number): void {
    if (this.active || invocations <= 0) return;
    const live = this.live;
    const init = (asyncId: number, type: string): void => {
      if (!OUTLIVING.has(type) || live.size >= MAX_RECORDS || currentInvocation() === undefined) return;
      const limit = Error.stackTraceLimit;
      Error.stackTraceLimit = STACK_LIMIT;
      const trace: { stack?: string } = {};
      Error.captureStackTrace(trace, init);
      Error.stackTraceLimit = limit;
      live.set(asyncId, { type, trace });
    };
    this.hook ??= createHook({ init, destroy: (asyncId) => void live.delete(asyncId) });
    this.remaining = this.planned = invocations;
    this.hook.enable();
  }

  /**
   * Counts one sampled invocation. Undefined while the capture runs (or when it is off); after
   * the last sampled invocation it switches off and returns `{ top }`, the site where resources
   * accumulated (undefined when none did).
   */
  endInvocation(): { top: CaptureResult | undefined } | undefined {
    if (!this.active) return undefined;
    if (--this.remaining > 0) return undefined;
    this.hook?.disable();
    const top = this.tally();
    this.live.clear();
    return { top };
  }

  /** Stops at once and forgets what was recorded. */
  stop(): void {
    this.remaining = 0;
    this.hook?.disable();
    this.live.clear();
  }

  private tally(): CaptureResult | undefined {
    const bySite = new Map<string, { site: SourceSite; type: string; live: number }>();
    const cwd = process.cwd();
    for (const created of this.live.values()) {
      const frame = firstUserFrame(parseStack(created.trace.stack));
      if (!frame) continue;
      const file = relativeTo(frame.file, cwd);
      const key = `${file}:${frame.line}:${frame.column}`;
      const entry = bySite.get(key);
      if (entry) entry.live++;
      else bySite.set(key, { site: { file, line: frame.line, column: frame.column, ...(frame.function ? { function: frame.function } : {}) }, type: created.type, live: 1 });
    }
    let top: { site: SourceSite; type: string; live: number } | undefined;
    for (const entry of bySite.values()) if (!top || entry.live > top.live) top = entry;
    // One resource kept for reuse is not a leak: the site must have accumulated across the capture.
    if (!top || top.live < Math.max(2, Math.ceil(this.planned / 2))) return undefined;
    return { ...top, invocations: this.planned };
  }
}
