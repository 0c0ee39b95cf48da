import type { CommandSpec } from '../command.js';
import { logsCommand } from './logs.js';

/**
 * Every command, in the order `--help` lists them. Each lives in its own file; add one here.
 */
export const COMMANDS: CommandSpec[] = [logsCommand];
