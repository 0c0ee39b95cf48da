import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import type { Finding } from '@leakwatch/core';

/** The source lines around a finding's site. */
export interface CodeFrame {
  /** 1-based number of the first line in `lines` */
  start: number;
  /** the line the finding points at */
  line: number;
  lines: string[];
}

export interface CodeFrameOptions {
  /** lines shown before and after the site (default 3) */
  context?: number;
  /** files larger than this are skipped (default 2 MB) */
  maxFileBytes?: number;
  /** each shown line is cut to this many characters (default 240) */
  maxLineChars?: number;
}

/**
 * Reads a code frame for every finding whose site is a readable file under `root`; missing,
 * oversized or outside files are skipped, never an error. Keyed by finding id.
 *
 * @example
 * ```ts
 * const frames = await readCodeFrames(report.findings, process.cwd());
 * frames.get(finding.id)?.lines; // the lines around finding.site.line
 * ```
 */
export async function readCodeFrames(findings: readonly { id: string; site?: Finding['site'] }[], root: string, options: CodeFrameOptions = {}): Promise<Map<string, CodeFrame>> {
  const context = options.context ?? 3;
  const maxBytes = options.maxFileBytes ?? 2 * 1024 * 1024;
  const maxChars = options.maxLineChars ?? 240;
  const files = new Map<string, Promise<string[] | undefined>>();
  const frames = new Map<string, CodeFrame>();
  for (const f of findings) {
    const site = f.site;
    if (!site || !Number.isInteger(site.line) || site.line < 1) continue;
    const path = resolve(root, site.file);
    const rel = relative(root, path);
    if (rel.startsWith('..') || isAbsolute(rel)) continue;
    let lines = files.get(path);
    if (!lines) {
      lines = readLines(path, maxBytes);
      files.set(path, lines);
    }
    const all = await lines;
    if (!all || site.line > all.length) continue;
    const start = Math.max(1, site.line - context);
    const end = Math.min(all.length, site.line + context);
    const shown = all.slice(start - 1, end).map((l) => (l.length > maxChars ? `${l.slice(0, maxChars)}…` : l));
    frames.set(f.id, { start, line: site.line, lines: shown });
  }
  return frames;
}

async function readLines(path: string, maxBytes: number): Promise<string[] | undefined> {
  try {
    const info = await stat(path);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    return (await readFile(path, 'utf8')).split(/\r?\n/);
  } catch {
    return undefined;
  }
}
