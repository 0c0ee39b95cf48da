// The public surface of the leakwatch package: the CLI runner and the renderers.
export { main, parseCommandArgs } from './main.js';
export type { CliContext, CommandSpec, OptionSpec, ParsedArgs, PositionalSpec } from './command.js';
export { OUTPUT_OPTIONS } from './command.js';
export { COMMANDS } from './commands/index.js';
export { emitReport, writeOutput } from './output.js';
export { renderTerminal, renderFinding, safeText } from './render/terminal.js';
export { toSarif } from './render/sarif.js';
export { commandHelp, mainHelp, markdownDocs } from './help.js';
