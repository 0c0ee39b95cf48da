import { existsSync } from 'node:fs';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createFinding, InputError, LeakwatchError, relativeTo, type Finding } from '@leakwatch/core';
import type { InvocationSample } from '../probe.js';
import type { ResolvedOptions } from '../run-options.js';
import type { Run } from '../run.js';
import type { FromChild, ToChild } from './protocol.js';

/** The child's entry: beside this file when built; from dist/ when this file runs as TypeScript (tests). */
const ENTRY = [new URL('./child-entry.js', import.meta.url), new URL('../../dist/freeze/child-entry.js', import.meta.url)].map((u) => fileURLToPath(u)).find((p) => existsSync(p)) ?? fileURLToPath(new URL('./child-entry.js', import.meta.url));

/**
 * Runs the sandbox in a child process that is stopped (SIGSTOP) between invocations and resumed
 * (SIGCONT) for the next, so work left running after a return resumes inside the next invocation,
 * as on Lambda. The child's heap is capped at the function's memory.
 *
 * @example
 * ```ts
 * const run = await runFrozen('handler.mjs', 'handler', resolveOptions({ freeze: true }, 'handler'));
 * ```
 */
export function runFrozen(module: string, exportName: string, options: ResolvedOptions): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = fork(ENTRY, [], {
      cwd: options.cwd,
      execArgv: ['--expose-gc', `--max-old-space-size=${options.memoryMb}`, '--enable-source-maps'],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'advanced',
    });
    const samples: InvocationSample[] = [];
    let stderr = '';
    let settled = false;
    let watchdog: NodeJS.Timeout | undefined;
    // The handler's own output goes to our stderr, never into --json on stdout.
    child.stdout?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-8192);
    });
    const arm = (): void => {
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        stderr += '\nleakwatch: the sandbox stopped answering';
        child.kill('SIGKILL');
      }, options.timeoutMs + 30_000);
    };
    const finish = (value: Run | Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(watchdog);
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGCONT');
        child.kill('SIGKILL');
      }
      if (value instanceof Error) reject(value);
      else resolve(value);
    };
    child.on('message', (message: FromChild) => {
      arm();
      switch (message.type) {
        case 'sample':
          samples.push(message.sample);
          break;
        case 'paused':
          child.kill('SIGSTOP');
          setTimeout(() => {
            child.kill('SIGCONT');
            const resume: ToChild = { type: 'resume' };
            child.send(resume);
          }, options.freezeGapMs);
          break;
        case 'run':
          finish(message.run);
          break;
        case 'error': {
          const e = message.error;
          const position = { ...(e.input ? { input: e.input } : {}), ...(e.line ? { line: e.line } : {}), ...(e.column ? { column: e.column } : {}) };
          finish(e.code.startsWith('LW_MODULE') || e.code.startsWith('LW_EXPORT') ? new InputError(e.code, e.message, position) : new LeakwatchError(e.code, e.message, position));
          break;
        }
      }
    });
    child.on('error', (error) => finish(new LeakwatchError('LW_CHILD_FAILED', `cannot start the sandbox process: ${error.message}`, { cause: error })));
    child.on('exit', (code, signal) => {
      if (settled) return;
      finish(crashedRun(module, options, samples, stderr, code, signal));
    });
    arm();
    const start: ToChild = { type: 'start', module, exportName, options };
    child.send(start);
  });
}

function crashedRun(module: string, options: ResolvedOptions, samples: InvocationSample[], stderr: string, code: number | null, signal: NodeJS.Signals | null): Run {
  const oom = /heap out of memory|Allocation failed|JavaScript heap/i.test(stderr);
  const crashed = oom ? 'out of memory' : signal ? `killed by ${signal}` : `exited with code ${code}`;
  const file = relativeTo(module, options.cwd);
  const findings: Finding[] = [
    createFinding({
      kind: oom ? 'out-of-memory' : 'invocation-error',
      severity: 'error',
      title: oom ? `the sandbox ran out of memory (${options.memoryMb} MB) at invocation ${samples.length + 1}` : `the sandbox process died at invocation ${samples.length + 1} (${crashed})`,
      key: `${file}|crash`,
      function: options.functionName,
      evidence: {
        summary: [`${samples.length} invocations completed before the sandbox ${oom ? 'ran out of memory' : 'died'}`, ...lastLines(stderr)],
        series: [{ label: 'heap used after GC', unit: 'bytes', y: samples.map((s) => s.heapUsedAfterGc) }],
      },
      advice: oom ? 'memory that survives each invocation accumulates: see the heap growth; raise --memory only once it is bounded' : 'see the sandbox output above',
      source: 'test',
    }),
  ];
  return { mode: 'freeze', invocations: samples.length, timeoutMs: options.timeoutMs, memoryMb: options.memoryMb, findings, samples, series: [], dangling: [], errors: [], timeouts: [], files: [], notes: [`the sandbox ${crashed}`], crashed };
}

function lastLines(text: string): string[] {
  return text.trim().split('\n').filter((l) => l.trim() !== '').slice(-2).map((l) => `sandbox: ${l.slice(0, 200)}`);
}
