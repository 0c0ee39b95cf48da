// The public surface of @leakwatch/harness.
export type { HarnessProbe, InvocationSample, ProbeContext, ProbeResult } from './probe.js';
export type { ProfileOptions } from './profile/index.js';
export { runInvocations } from './run-invocations.js';
export type { HandlerRef } from './run-invocations.js';
export type { RunOptions } from './run-options.js';
export type { Run, SiteSeries, InvocationError, InvocationTimeout, PendingResource } from './run.js';
export type { DanglingEvent, ResourceKind } from './ledger.js';
export { assertNoLeaks, LeakAssertionError, renderFindingText } from './assert.js';
export { loadHandler } from './load-handler.js';
export type { Handler } from './load-handler.js';
export { createLambdaContext } from './lambda-context.js';
export type { LambdaContext } from './lambda-context.js';
export { sampleEvent, isSampleEventName, SAMPLE_EVENTS } from './sample-events.js';
export type { SampleEventName } from './sample-events.js';
export { readEventFile, readEventsFile } from './read-events.js';
export { leakMatchers } from './matchers.js';
export type { LeakLocation } from './matchers.js';
