// The public surface of @leakwatch/harness.
export type { HarnessProbe, InvocationSample, ProbeContext, ProbeResult } from './probe.js';
