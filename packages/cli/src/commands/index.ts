import type { CommandSpec } from '../command.js';
import { lintCommand } from './lint.js';
import { reportCommand } from './report.js';

/**
 * Every command, in the order `--help` lists them. Each lives in its own file; add one here.
 */
export const COMMANDS: CommandSpec[] = [lintCommand, reportCommand];
