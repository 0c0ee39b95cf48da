import type { CommandSpec } from '../command.js';
import { lintCommand } from './lint.js';
import { logsCommand } from './logs.js';
import { reportCommand } from './report.js';
import { testCommand } from './test.js';

/**
 * Every command, in the order `--help` lists them. Each lives in its own file; add one here.
 */
export const COMMANDS: CommandSpec[] = [testCommand, logsCommand, lintCommand, reportCommand];
