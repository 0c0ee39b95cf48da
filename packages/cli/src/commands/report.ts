import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Finding, LeakwatchReport, ReportCommand } from '@leakwatch/core';
import { createReport, InputError, UsageError } from '@leakwatch/core';
import type { CommandSpec } from '../command.js';
import { OUTPUT_OPTIONS } from '../command.js';
import { emitReport } from '../output.js';
import { parseReportDocument } from '../report-document.js';

/**
 * `leakwatch report <findings.json…>`: renders saved `--json` output again (HTML, SARIF, terminal),
 * merging several documents into one.
 *
 * @example
 * ```ts
 * await main(['report', 'findings.json', '--html', 'leakwatch.html'], ctx);
 * ```
 */
export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'render saved --json output as HTML, SARIF or terminal text',
  description:
    'Reads one or more documents written by `--json` (from `leakwatch test`, `logs` or `lint`) and writes them ' +
    'the ways the output options ask: `--html` for a self-contained page with charts and code frames (source ' +
    'files are read relative to the current directory; missing files are skipped), `--sarif`, `--json` for the ' +
    'merged document, and the terminal summary on stderr. A file that is not JSON, or not a leakwatch report, ' +
    'is an input error naming the file and the position; the exit code is then 2.',
  positionals: [{ name: 'findings.json', description: 'documents saved from --json (several are merged)', required: true, variadic: true }],
  options: { ...OUTPUT_OPTIONS },
  examples: ['leakwatch report findings.json --html leakwatch.html', 'leakwatch lint --json > lint.json; leakwatch report lint.json --sarif lint.sarif'],
  async run(args, ctx) {
    const docs: LeakwatchReport[] = [];
    for (const name of args.positionals) {
      let text: string;
      try {
        text = await readFile(resolve(ctx.cwd, name), 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`, { input: name, cause: error });
      }
      docs.push(parseReportDocument(text, name));
    }
    const commands = new Set(docs.map((d) => d.command));
    const command: ReportCommand = commands.size === 1 ? (docs[0] as LeakwatchReport).command : 'report';
    const findings = new Map<string, Finding>();
    for (const d of docs) for (const f of d.findings) if (!findings.has(f.id)) findings.set(f.id, f);
    const extra: Record<string, unknown> = {};
    if (docs.length === 1) {
      const { findings: _n, bySeverity: _s, byKind: _k, usd: _u, ...rest } = (docs[0] as LeakwatchReport).summary;
      Object.assign(extra, rest);
    } else extra['sources'] = args.positionals;
    if (findings.size === 0 && docs.length === 0) throw new InputError('LW_INPUT', 'no report to render');
    return emitReport(createReport(command, [...findings.values()], extra), args, ctx);
  },
};
