// Writes docs/cli.md from the command definitions (the same ones --help prints).
import { writeFileSync } from 'node:fs';
import { COMMANDS, markdownDocs } from '../packages/cli/dist/index.js';

writeFileSync(new URL('../docs/cli.md', import.meta.url), markdownDocs(COMMANDS));
