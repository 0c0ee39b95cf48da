#!/usr/bin/env node
import { main } from './main.js';

const color = Boolean(process.stderr.isTTY) && !process.env['NO_COLOR'] && !process.argv.includes('--no-color');
main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, cwd: process.cwd(), env: process.env, color }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`leakwatch: internal error: ${(error as Error)?.message ?? String(error)}\n`);
    process.exitCode = 2;
  },
);
