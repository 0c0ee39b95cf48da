import type { InvocationRecord } from './invocation-store.js';
import { outsideInvocations } from './invocation-store.js';

/**
 * One timer for the deadlines of all of a guard's running invocations. It is armed for the
 * earliest deadline and left armed when an invocation ends; a new invocation re-arms it only if
 * its deadline comes sooner. When it fires, it reports each running invocation whose deadline has
 * come and re-arms for the next one. On Lambda (one invocation at a time, each with the same
 * timeout) that is one timer per timeout period instead of a setTimeout and a clearTimeout per
 * invocation (~0.5 µs, Node 20, benchmarks/guard-overhead.mjs: a remaining time that differs on
 * every invocation also makes Node create and drop a timer list each time).
 *
 * The timer is unref'd (it never keeps the process alive, and `process.getActiveResourcesInfo()`
 * does not list it on Node 20–24), and it is created outside any invocation, so neither the
 * creation-site capture nor the outbound counts ever charge it to the handler.
 *
 * @example
 * ```ts
 * const watchdog = new DeadlineWatchdog((record) => logPending(record));
 * watchdog.watch(record, performance.now() + remainingMs - marginMs, performance.now());
 * // … when the invocation ends:
 * watchdog.unwatch(record);
 * ```
 */
export class DeadlineWatchdog {
  private timer: NodeJS.Timeout | undefined = undefined;
  /** `performance.now()` the timer is armed for; Infinity when it is not armed */
  private due = Infinity;
  /** the watched invocations: a list linked through the records, so watching allocates nothing */
  private head: InvocationRecord | undefined = undefined;

  constructor(private readonly onDeadline: (record: InvocationRecord) => void) {}

  /** Reports `record` at `at` (a `performance.now()` time) unless it is unwatched before. */
  watch(record: InvocationRecord, at: number, now: number): void {
    record.deadlineAt = at;
    record.prevWatched = undefined;
    record.nextWatched = this.head;
    if (this.head) this.head.prevWatched = record;
    this.head = record;
    if (at < this.due) this.arm(at, now);
  }

  /** Stops watching `record`; the timer stays armed for the next invocation. */
  unwatch(record: InvocationRecord): void {
    if (record.deadlineAt === undefined) return;
    record.deadlineAt = undefined;
    const { prevWatched: prev, nextWatched: next } = record;
    if (prev) prev.nextWatched = next;
    else if (this.head === record) this.head = next;
    if (next) next.prevWatched = prev;
    record.prevWatched = undefined;
    record.nextWatched = undefined;
  }

  private arm(at: number, now: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.due = at;
    this.timer = outsideInvocations(() => setTimeout(this.fire, Math.max(1, Math.ceil(at - now))));
    this.timer.unref();
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.due = Infinity;
    const now = performance.now();
    let next = Infinity;
    let record = this.head;
    while (record) {
      const following = record.nextWatched;
      const at = record.deadlineAt as number;
      // Node counts a timer from the event loop's cached time, so it can fire a little early: a
      // deadline not yet come (by more than a millisecond) is simply armed for again
      if (at <= now + 1) {
        this.unwatch(record);
        try {
          this.onDeadline(record);
        } catch {
          /* the guard's own failure is its business: keep watching the others */
        }
      } else if (at < next) {
        next = at;
      }
      record = following;
    }
    if (next !== Infinity) this.arm(next, now);
  };
}
