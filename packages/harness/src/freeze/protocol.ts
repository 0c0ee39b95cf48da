import type { InvocationSample } from '../probe.js';
import type { ResolvedOptions } from '../run-options.js';
import type { Run } from '../run.js';

/** Parent → child. */
export type ToChild = { type: 'start'; module: string; exportName: string; options: ResolvedOptions } | { type: 'resume' };

/** Child → parent. */
export type FromChild =
  | { type: 'sample'; sample: InvocationSample }
  | { type: 'paused'; index: number }
  | { type: 'run'; run: Run }
  | { type: 'error'; error: { code: string; message: string; input?: string; line?: number; column?: number } };
