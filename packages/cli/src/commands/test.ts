import { readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import type { Finding } from '@leakwatch/core';
import { createReport, UsageError, InputError } from '@leakwatch/core';
import { isSampleEventName, readEventFile, readEventsFile, runInvocations, sampleEvent, SAMPLE_EVENTS } from '@leakwatch/harness';
import type { RunOptions } from '@leakwatch/harness';
import type { CommandSpec, ParsedArgs } from '../command.js';
import { OUTPUT_OPTIONS } from '../command.js';
import { emitReport } from '../output.js';

const HANDLER_FILE = /\.(mjs|cjs|js|ts|mts|cts)$/;

function int(args: ParsedArgs, name: string, fallback: number): number {
  const raw = args.values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`--${name} must be a positive whole number, not '${String(raw)}'`);
  return n;
}

/** The handler modules a path names: the file itself, or a folder's handler files (not `.fixed.` twins unless asked). */
async function handlerFiles(path: string, includeFixed: boolean): Promise<string[]> {
  let s;
  try {
    s = await stat(path);
  } catch {
    throw new InputError('LW_MODULE_NOT_FOUND', 'no such handler module or folder', { input: path });
  }
  if (!s.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => HANDLER_FILE.test(n) && !n.endsWith('.d.ts') && !/\.test\./.test(n) && (includeFixed || !/\.fixed\./.test(n))).sort();
  if (names.length === 0) throw new InputError('LW_INPUT', 'no handler modules (.mjs, .cjs, .js, .ts) in this folder', { input: path });
  return names.map((n) => join(path, n));
}

function events(args: ParsedArgs, cwd: string): Pick<RunOptions, 'event' | 'events'> {
  const ev = args.values['event'];
  const evs = args.values['events'];
  if (typeof ev === 'string' && typeof evs === 'string') throw new UsageError('give --event or --events, not both');
  if (typeof evs === 'string') return { events: readEventsFile(resolve(cwd, evs)) };
  if (typeof ev === 'string') return { event: isSampleEventName(ev) ? sampleEvent(ev) : readEventFile(resolve(cwd, ev)) };
  return {};
}

export const testCommand: CommandSpec = {
  name: 'test',
  summary: 'run a handler many times like a warm sandbox and report what leaks',
  description:
    'Invokes the handler N times in one warm process with a Lambda-shaped context, measures heap after GC, CPU, duration and the handles, listeners and work each invocation leaves behind, and reports what accumulates, with the source line that creates it. A folder runs every handler module in it (not the *.fixed.* twins unless --include-fixed).',
  positionals: [{ name: 'handler', description: 'handler module (.mjs, .cjs, .js, .ts) or a folder of them', required: true }],
  options: {
    export: { type: 'string', valueName: 'name', default: 'handler', description: 'the exported handler function' },
    event: { type: 'string', valueName: 'file|sample', description: `event JSON file, or a built-in sample: ${Object.keys(SAMPLE_EVENTS).join(', ')}` },
    events: { type: 'string', valueName: 'file.jsonl', description: 'one event per line, used in order and cycled' },
    invocations: { type: 'string', short: 'n', valueName: 'N', default: '100', description: 'invocations in one warm sandbox' },
    timeout: { type: 'string', valueName: 'ms', default: '3000', description: "the function's timeout (context.getRemainingTimeInMillis counts down from it)" },
    memory: { type: 'string', valueName: 'MB', default: '128', description: "the function's memory size (the frozen child's heap limit; projections to it)" },
    freeze: { type: 'boolean', description: 'run in a child process stopped between invocations (SIGSTOP/SIGCONT), as Lambda freezes sandboxes' },
    'function-name': { type: 'string', valueName: 'name', description: 'context.functionName (default: the module name)' },
    'include-fixed': { type: 'boolean', description: 'with a folder, also run the *.fixed.* twins' },
    'heap-snapshots': { type: 'boolean', description: 'take heap snapshots early and late to name retainer paths (costly)' },
    'heap-sampling-interval': { type: 'string', valueName: 'bytes', default: '4096', description: 'average bytes between heap samples; smaller names smaller leaks, at more cost' },
    'profile-out': { type: 'string', valueName: 'dir', description: 'write .heapprofile, .heapsnapshot and .cpuprofile files to <dir>' },
    'no-profile': { type: 'boolean', description: 'no heap sampling or CPU profile' },
    ...OUTPUT_OPTIONS,
  },
  examples: [
    'leakwatch test handler.mjs',
    'leakwatch test dist/orders.js --export main --event api-gateway -n 200',
    'leakwatch test src/handler.ts --events events.jsonl --timeout 6000 --memory 512 --freeze',
    'leakwatch test examples/seed --json > findings.json',
  ],
  async run(args, ctx) {
    const target = resolve(ctx.cwd, String(args.positionals[0]));
    const files = await handlerFiles(target, args.values['include-fixed'] === true);
    const noProfile = args.values['no-profile'] === true;
    const outDir = typeof args.values['profile-out'] === 'string' ? resolve(ctx.cwd, args.values['profile-out']) : undefined;
    const options: RunOptions = {
      invocations: int(args, 'invocations', 100),
      timeoutMs: int(args, 'timeout', 3000),
      memoryMb: int(args, 'memory', 128),
      freeze: args.values['freeze'] === true,
      cwd: ctx.cwd,
      ...events(args, ctx.cwd),
      ...(typeof args.values['function-name'] === 'string' ? { functionName: args.values['function-name'] } : {}),
      profile: { heap: !noProfile, cpu: !noProfile, snapshots: args.values['heap-snapshots'] === true, heapSamplingInterval: int(args, 'heap-sampling-interval', 4096), ...(outDir ? { outDir } : {}) },
    };
    const findings: Finding[] = [];
    const notes: string[] = [];
    const profiles: string[] = [];
    let invocations = 0;
    // The handler's own console output must not land in --json on stdout: send it to stderr.
    const restore = redirectStdout(ctx);
    try {
      for (const file of files) {
        if (files.length > 1 && args.values['quiet'] !== true) ctx.stderr.write(`… ${relative(ctx.cwd, file)}\n`);
      const run = await runInvocations({ module: file, export: String(args.values['export'] ?? 'handler') }, options);
      findings.push(...run.findings);
      invocations += run.invocations;
      for (const n of run.notes) notes.push(`${relative(ctx.cwd, file)}: ${n}`);
      if (run.crashed) notes.push(`${relative(ctx.cwd, file)}: the sandbox process died: ${run.crashed}`);
      profiles.push(...run.files.map((f) => relative(ctx.cwd, f)));
      }
    } finally {
      restore();
    }
    if (notes.length && args.values['quiet'] !== true) ctx.stderr.write(notes.map((n) => `note: ${n}`).join('\n') + '\n');
    if (profiles.length && args.values['quiet'] !== true) ctx.stderr.write(`profiles (open in Chrome DevTools): ${profiles.join(', ')}\n`);
    const report = createReport('test', findings, { invocations, handlers: files.length, ...(notes.length ? { notes } : {}), ...(profiles.length ? { profiles } : {}) });
    return emitReport(report, args, ctx);
  },
};

/** While handlers run in this process, their writes to process.stdout go to stderr instead. */
function redirectStdout(ctx: { stdout: unknown; stderr: NodeJS.WritableStream }): () => void {
  if (ctx.stdout !== process.stdout) return () => undefined;
  const original = process.stdout.write;
  process.stdout.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => process.stderr.write(chunk as string, encoding as BufferEncoding, cb as () => void)) as typeof process.stdout.write;
  return () => {
    process.stdout.write = original;
  };
}
