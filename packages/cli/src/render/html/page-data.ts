import type { EvidenceSeries, Finding, LeakwatchReport } from '@leakwatch/core';
import { unreadableNote } from '../unreadable-note.js';
import type { CodeFrame } from './code-frame.js';
import { downsampleMinMax, envelope } from './downsample.js';
import type { Envelope } from './downsample.js';

/** One chart of a finding as the page draws it. */
export type PageChart =
  | { type: 'series'; label: string; unit: string; time: boolean; x: number[]; y: number[]; trend?: EvidenceSeries['trend']; highlight?: boolean }
  | { type: 'fleet'; label: string; unit: string; time: boolean; total: number; others: number; envelope: Envelope; highlighted: { label: string; x: number[]; y: number[] }[]; hiddenHighlighted: number };

export interface PageFinding {
  id: string;
  kind: string;
  severity: string;
  title: string;
  source: string;
  site?: { file: string; line: number; column?: number };
  function?: string;
  summary: string[];
  advice: string;
  cost?: Finding['cost'];
  frame?: CodeFrame;
  charts: PageChart[];
}

/** What the page embeds: the report reduced to what is shown, sized for a browser. */
export interface PageData {
  command: string;
  version: string;
  summary: { findings: number; bySeverity: Record<string, number>; byKind: Record<string, number>; usd?: number; unreadable?: string };
  findings: PageFinding[];
}

/** Limits that keep a report of a huge fleet small. */
export const PAGE_LIMITS = {
  /** a finding with more series than this is drawn as a fleet (envelope + highlighted) */
  fleetAbove: 8,
  /** highlighted sandboxes drawn individually in a fleet chart */
  highlighted: 24,
  /** min/max buckets per series (≤ twice as many points) */
  buckets: 250,
  fleetBins: 160,
  textChars: 20_000,
  summaryLines: 60,
};

/** Cuts untrusted text to a size a page can show, saying how much was left out. */
export function clip(text: unknown, max = PAGE_LIMITS.textChars): string {
  const s = typeof text === 'string' ? text : String(text ?? '');
  return s.length > max ? `${s.slice(0, max)}… (${s.length - max} more characters)` : s;
}

/**
 * Reduces a report to the page's data: clipped text, downsampled series, fleets as an envelope
 * plus their highlighted sandboxes, and the code frames read for it.
 *
 * @example
 * ```ts
 * const data = toPageData(report, await readCodeFrames(report.findings, cwd));
 * ```
 */
export function toPageData(report: LeakwatchReport, frames: ReadonlyMap<string, CodeFrame> = new Map()): PageData {
  const s = report.summary;
  const unread = unreadableNote(report);
  return {
    command: clip(report.command, 40),
    version: clip(report.version, 40),
    summary: { findings: s.findings, bySeverity: { ...s.bySeverity }, byKind: { ...(s.byKind as Record<string, number>) }, ...(typeof s.usd === 'number' ? { usd: s.usd } : {}), ...(unread ? { unreadable: clip(unread) } : {}) },
    findings: report.findings.map((f) => toPageFinding(f, frames.get(f.id))),
  };
}

function toPageFinding(f: Finding, frame: CodeFrame | undefined): PageFinding {
  const summary = (f.evidence.summary ?? []).slice(0, PAGE_LIMITS.summaryLines).map((l) => clip(l));
  const more = (f.evidence.summary?.length ?? 0) - summary.length;
  if (more > 0) summary.push(`… and ${more} more lines`);
  const series = f.evidence.series ?? [];
  if (!isFleet(series) && series.length > PAGE_LIMITS.fleetAbove) summary.push(`${series.length - PAGE_LIMITS.fleetAbove} more series are in the --json document, not drawn here`);
  return {
    id: clip(f.id, 64),
    kind: clip(f.kind, 64),
    severity: clip(f.severity, 16),
    title: clip(f.title, 2000),
    source: clip(f.source, 16),
    ...(f.site ? { site: { file: clip(f.site.file, 2000), line: Number(f.site.line), ...(f.site.column !== undefined ? { column: Number(f.site.column) } : {}) } } : {}),
    ...(f.function ?? f.site?.function ? { function: clip(f.function ?? f.site?.function, 500) } : {}),
    summary,
    advice: clip(f.advice),
    ...(f.cost ? { cost: { ...f.cost, ...(f.cost.note !== undefined ? { note: clip(f.cost.note) } : {}), ...(f.cost.period !== undefined ? { period: clip(f.cost.period, 500) } : {}) } } : {}),
    ...(frame ? { frame } : {}),
    charts: toCharts(series),
  };
}

function isTime(x: readonly number[] | undefined): boolean {
  // epoch milliseconds after 2001: a time axis, not invocation numbers
  return x !== undefined && x.length > 0 && (x[0] as number) > 1e12;
}

function xOf(s: EvidenceSeries): number[] {
  return s.x ?? s.y.map((_, i) => i + 1);
}

/** Many series of one kind over time, some highlighted: the sandboxes of a fleet, not the handles of one run. */
function isFleet(series: readonly EvidenceSeries[]): boolean {
  return series.length > PAGE_LIMITS.fleetAbove && (series.some((s) => s.highlight) || series.every((s) => isTime(s.x)));
}

function toCharts(series: readonly EvidenceSeries[]): PageChart[] {
  if (!isFleet(series)) {
    return series.slice(0, PAGE_LIMITS.fleetAbove).map((s) => {
      const { x, y } = downsampleMinMax(xOf(s), s.y, PAGE_LIMITS.buckets);
      return { type: 'series', label: clip(s.label, 500), unit: clip(s.unit, 40), time: isTime(s.x), x, y, ...(s.trend ? { trend: s.trend } : {}), ...(s.highlight ? { highlight: true } : {}) };
    });
  }
  // a fleet: one chart per unit, the sandboxes as an envelope with the leaking ones on top
  const byUnit = new Map<string, EvidenceSeries[]>();
  for (const s of series) byUnit.set(s.unit, [...(byUnit.get(s.unit) ?? []), s]);
  return [...byUnit.entries()].map(([unit, group]) => {
    const hot = group.filter((s) => s.highlight);
    const cold = group.filter((s) => !s.highlight);
    const shown = hot.slice(0, PAGE_LIMITS.highlighted).map((s) => ({ label: clip(s.label, 200), ...downsampleMinMax(xOf(s), s.y, PAGE_LIMITS.buckets / 2) }));
    return {
      type: 'fleet',
      label: clip(commonLabel(group), 500),
      unit: clip(unit, 40),
      time: isTime(group[0]?.x),
      total: group.length,
      others: cold.length,
      envelope: envelope(cold.map((s) => ({ x: xOf(s), y: s.y })), PAGE_LIMITS.fleetBins),
      highlighted: shown,
      hiddenHighlighted: hot.length - shown.length,
    };
  });
}

/** "max memory, sandbox a1b2" and "max memory, sandbox c3d4" → "max memory". */
function commonLabel(group: readonly EvidenceSeries[]): string {
  const first = group[0]?.label ?? '';
  const comma = first.lastIndexOf(',');
  const prefix = comma > 0 ? first.slice(0, comma) : first;
  return group.every((s) => s.label.startsWith(prefix)) ? `${prefix} per sandbox` : 'per sandbox';
}
