#!/usr/bin/env node
import { main } from './main.js';

/**
 * Exits once stdout and stderr are flushed: a leaky handler run in this process (a hung request, a
 * live timer) must not keep the tool from exiting, and a piped --json must not be cut short.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

const color = Boolean(process.stderr.isTTY) && !process.env['NO_COLOR'] && !process.argv.includes('--no-color');
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, color }).then(exitWhenFlushed, (error: unknown) => {
  process.stderr.write(`leakwatch: internal error: ${(error as Error)?.message ?? String(error)}\n`);
  exitWhenFlushed(2);
});
