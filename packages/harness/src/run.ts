import type { Finding, SourceSite } from '@leakwatch/core';
import type { DanglingEvent, ResourceKind } from './ledger.js';
import type { InvocationSample } from './probe.js';

/** Live count per creation site after each invocation: the series a handle or listener leak is judged on. */
export interface SiteSeries {
  key: string;
  /** resource: a handle from the ledger; listener: a listener on a long-lived emitter */
  type: 'resource' | 'listener';
  resource?: ResourceKind;
  site: SourceSite;
  /** socket peer, `127.0.0.1:3306 → MySQL` */
  peer?: string;
  service?: string;
  database?: boolean;
  /** the emitter and event, for listeners: `process 'unhandledRejection'` */
  emitter?: string;
  /** true when the resources are one-shot work (timers, requests) that finish by themselves */
  work?: boolean;
  /** live count after invocation 1..n */
  y: number[];
}

/** What was pending when an invocation hit the timeout. */
export interface PendingResource {
  resource: ResourceKind;
  site?: SourceSite;
  peer?: string;
  /** ms between its creation and the timeout */
  ageMs: number;
}

export interface InvocationTimeout {
  invocation: number;
  timeoutMs: number;
  pending: PendingResource[];
}

export interface InvocationError {
  invocation: number;
  name: string;
  message: string;
  site?: SourceSite;
}

/** The result of `runInvocations`: findings plus everything they were judged on. */
export interface Run {
  /** absolute path of the handler module, when loaded from a file */
  handlerFile?: string;
  mode: 'in-process' | 'freeze';
  invocations: number;
  timeoutMs: number;
  memoryMb: number;
  findings: Finding[];
  samples: InvocationSample[];
  series: SiteSeries[];
  dangling: DanglingEvent[];
  errors: InvocationError[];
  timeouts: InvocationTimeout[];
  /** files written by probes (profiles, snapshots) */
  files: string[];
  /** what went wrong without stopping the run */
  notes: string[];
  /** set when the child process died (freeze mode): `out of memory`, `killed by SIGKILL` */
  crashed?: string;
}
