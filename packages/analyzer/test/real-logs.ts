// Where the shared real log samples are: `shared/` beside the repository (CI lays it there), else
// the workplace's /work/shared. Tests fail loudly when neither exists.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const candidates = [fileURLToPath(new URL('../../../../shared/real-logs', import.meta.url)), '/work/shared/real-logs'];

export const REAL_LOGS = candidates.find((p) => existsSync(p)) ?? candidates[0]!;
