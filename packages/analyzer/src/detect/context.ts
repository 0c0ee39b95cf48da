import type { Architecture } from '@leakwatch/core';
import { computeUsd, gbSeconds, perMonth } from '@leakwatch/core';
import type { FunctionAggregate } from '../aggregate.js';

export interface DetectOptions {
  arch: Architecture;
  /** memory size to assume when the logs do not say (GCP/Azure text logs) */
  defaultMemoryMb?: number;
}

/** Money for `billedMs` of compute at the function's memory size, over the observed period and per month. */
export function priceMs(f: FunctionAggregate, billedMs: number, opts: DetectOptions, what: string): { usd: number; gbSeconds: number; period: string; usdPerMonth?: number } | undefined {
  const mem = f.memorySizeMb ?? opts.defaultMemoryMb;
  if (mem === undefined) return undefined;
  const gbs = gbSeconds(mem, billedMs);
  const usd = computeUsd(f.platform, opts.arch, gbs);
  const month = f.firstTs !== undefined && f.lastTs !== undefined ? perMonth(usd, f.lastTs - f.firstTs) : undefined;
  return { usd, gbSeconds: gbs, period: `${what} in the logs read${observed(f)}`, ...(month !== undefined ? { usdPerMonth: month } : {}) };
}

function observed(f: FunctionAggregate): string {
  if (f.firstTs === undefined || f.lastTs === undefined) return '';
  return ` (${new Date(f.firstTs).toISOString().slice(0, 16)}Z to ${new Date(f.lastTs).toISOString().slice(0, 16)}Z)`;
}

/** Short, safe name of a sandbox for titles (AWS stream names are long). */
export function shortSandbox(name: string): string {
  const m = /\]([0-9a-f]{6,})$/.exec(name);
  return m?.[1] ? m[1].slice(0, 8) : name.length > 40 ? `…${name.slice(-39)}` : name;
}
