import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { LeakwatchReport, Severity } from '@leakwatch/core';
import { UsageError } from '@leakwatch/core';
import type { CliContext, ParsedArgs } from './command.js';
import { renderTerminal } from './render/terminal.js';
import { toSarif } from './render/sarif.js';
import { readCodeFrames } from './render/html/code-frame.js';
import { renderHtml } from './render/html/page.js';

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Writes a report the ways the user asked (terminal on stderr, `--json` on stdout, `--sarif` to a
 * file, `--html` to a file with code frames read relative to `ctx.cwd`) and returns the exit code: 1 when a finding at or above `--fail-on` exists, else 0.
 */
export async function emitReport(report: LeakwatchReport, args: ParsedArgs, ctx: CliContext): Promise<number> {
  const v = args.values;
  const failOn = String(v['fail-on'] ?? 'warning');
  if (!(failOn in RANK)) throw new UsageError(`--fail-on must be error, warning or info, not '${failOn}'`);
  if (typeof v['sarif'] === 'string') {
    await writeOutput(resolve(ctx.cwd, v['sarif']), JSON.stringify(toSarif(report), null, 2) + '\n', '--sarif');
  }
  if (typeof v['html'] === 'string') {
    await writeOutput(resolve(ctx.cwd, v['html']), renderHtml(report, await readCodeFrames(report.findings, ctx.cwd)), '--html');
  }
  if (v['json'] === true) writeJson(ctx.stdout, report);
  if (v['quiet'] !== true) ctx.stderr.write(renderTerminal(report, ctx.color));
  const threshold = RANK[failOn as Severity];
  return report.findings.some((f) => RANK[f.severity] <= threshold) ? 1 : 0;
}

/**
 * Writes `JSON.stringify(report, null, 2)` and a newline, byte for byte, without building it as one
 * string: the findings go out in slices of about 64 KB. A logs report of thousands of findings
 * (6 MB of JSON for a 1 GB fleet log) otherwise doubled as a string, then as the write's buffer,
 * at the very end of the run, when memory peaks.
 *
 * @example
 * ```ts
 * writeJson(process.stdout, report);
 * ```
 */
export function writeJson(out: NodeJS.WritableStream, report: LeakwatchReport): void {
  const entries = Object.entries(report).filter(([, value]) => value !== undefined && typeof value !== 'function');
  if (entries.length === 0) {
    out.write('{}\n');
    return;
  }
  let chunk = '{\n';
  entries.forEach(([key, value], i) => {
    const tail = i < entries.length - 1 ? ',\n' : '\n';
    if (key === 'findings' && Array.isArray(value) && value.length > 0) {
      chunk += '  "findings": [\n';
      value.forEach((f: unknown, j: number) => {
        chunk += indent(JSON.stringify(f, null, 2), '    ') + (j < value.length - 1 ? ',\n' : '\n');
        if (chunk.length > 65_536) {
          out.write(chunk);
          chunk = '';
        }
      });
      chunk += '  ]' + tail;
    } else {
      const json = JSON.stringify(value, null, 2);
      if (json !== undefined) chunk += `  ${JSON.stringify(key)}: ${indent(json, '  ').slice(2)}${tail}`;
    }
  });
  out.write(chunk + '}\n');
}

function indent(json: string, by: string): string {
  return by + json.replace(/\n/g, `\n${by}`);
}

/** Writes an output file, turning a filesystem failure into a one-line usage error. */
export async function writeOutput(path: string, content: string, option: string): Promise<void> {
  try {
    await writeFile(path, content);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new UsageError(`cannot write ${option} file: ${code}`, { input: path, cause: error });
  }
}
