import { mutationLine } from './mutation-line.js';
import { userFunction, type ProfileCallFrame, type UserFunction } from './user-site.js';

/** The inspector's `HeapProfiler.SamplingHeapProfile` (the fields we read). */
export interface SamplingHeapProfile {
  head: SamplingNode;
  /** one entry per sampled allocation still alive; `ordinal` grows with allocation order */
  samples?: { size: number; nodeId: number; ordinal: number }[];
}
interface SamplingNode {
  id: number;
  callFrame: ProfileCallFrame;
  selfSize: number;
  children: SamplingNode[];
}

/** The highest allocation ordinal of a profile: where "allocated after this point" starts. */
export function lastOrdinal(profile: SamplingHeapProfile): number {
  let max = 0;
  for (const s of profile.samples ?? []) if (s.ordinal > max) max = s.ordinal;
  return max;
}

/** Live sampled bytes of one allocation site: the innermost user function on the allocation's stack. */
export interface AllocationSite {
  fn: UserFunction;
  /** the user functions above it on the stack, innermost first (its callers) */
  callers: UserFunction[];
  bytes: number;
}

/** Live sampled bytes allocated after one point of the run, split into its earlier and later half. */
export interface LiveSince extends AllocationSite {
  /** of `bytes`, those allocated in the later half of the span */
  lateBytes: number;
  /** live samples counted */
  samples: number;
}

/**
 * Sums the live sampled bytes of a sampling heap profile by allocation site, counting only the
 * allocations made after allocation ordinal `since`: what the run allocated after that point and
 * still holds. Allocations inside Node, a dependency or a builtin (`JSON.stringify`,
 * `Array.from`) count for the nearest user function that called them, so the site is always a
 * function of the user's code.
 *
 * @example
 * ```ts
 * const sites = allocatedSince(profile, ordinalAtWarmup, process.cwd()); // Map key → { fn, callers, bytes, lateBytes }
 * ```
 */
export function allocatedSince(profile: SamplingHeapProfile, since: number, cwd: string): Map<string, LiveSince> {
  const siteOfNode = new Map<number, { fn: UserFunction; callers: UserFunction[] }>();
  const stack: UserFunction[] = [];
  const visit = (node: SamplingNode): void => {
    const fn = userFunction(node.callFrame, cwd);
    if (fn) stack.push(fn);
    const site = stack[stack.length - 1];
    if (site) siteOfNode.set(node.id, { fn: site, callers: stack.slice(0, -1).reverse().slice(0, 4) });
    for (const child of node.children) visit(child);
    if (fn) stack.pop();
  };
  visit(profile.head);
  const end = lastOrdinal(profile);
  const middle = since + (end - since) / 2;
  const sites = new Map<string, LiveSince>();
  for (const sample of profile.samples ?? []) {
    if (sample.ordinal <= since) continue;
    const site = siteOfNode.get(sample.nodeId);
    if (!site) continue;
    let entry = sites.get(site.fn.key);
    if (!entry) sites.set(site.fn.key, (entry = { ...site, bytes: 0, lateBytes: 0, samples: 0 }));
    entry.bytes += sample.size;
    entry.samples++;
    if (sample.ordinal > middle) entry.lateBytes += sample.size;
  }
  return sites;
}

/** Where an allocation site's growth enters a collection: the line, and the function it is in. */
export interface GrowthLine {
  file: string;
  line: number;
  function: string;
  /** true when the line adds to a collection; false when it is only the allocating function's first line */
  exact: boolean;
}

/**
 * The statement that keeps what a site allocates: the line in the allocating function (or, when it
 * only builds the value, in its nearest caller) that adds to a collection; else the function itself.
 *
 * @example
 * ```ts
 * growthLine(site, ['processedOrders']); // { file: 'examples/seed/global-list.mjs', line: 11, function: 'handler' }
 * ```
 */
export function growthLine(site: Pick<AllocationSite, 'fn' | 'callers'>, names: readonly string[] = []): GrowthLine {
  for (const fn of [site.fn, ...site.callers]) {
    const line = mutationLine(fn.path, fn.line, names, fn.column);
    if (line !== undefined) return { file: fn.file, line, function: fn.function, exact: true };
  }
  return { file: site.fn.file, line: site.fn.line, function: site.fn.function, exact: false };
}
