import type { GuardLine } from '@leakwatch/core';

/** Where a record came from, for error messages and sample lines. */
export interface Origin {
  file: string;
  line: number;
}

/** The sandbox a record belongs to: on AWS a log stream; on GCP/Azure an instance id when known. */
export interface SandboxRef {
  platform: 'aws' | 'gcp' | 'azure';
  fn: string;
  sandbox: string;
}

interface Base extends SandboxRef {
  origin: Origin;
  /** epoch ms when known */
  ts?: number;
  requestId?: string;
}

/** One invocation's platform report (AWS REPORT / platform.report, GCP "execution took", Azure "Executed"). */
export interface ReportRecord extends Base {
  type: 'report';
  durationMs: number;
  billedMs?: number;
  memorySizeMb?: number;
  maxMemoryMb?: number;
  initMs?: number;
  restoreMs?: number;
  status?: 'success' | 'timeout' | 'error';
  errorType?: string;
}

export interface TimeoutRecord extends Base {
  type: 'timeout';
  afterMs?: number;
}

export interface OutOfMemoryRecord extends Base {
  type: 'oom';
  text: string;
}

export interface ConnectionRefusedRecord extends Base {
  type: 'connection-exhaustion';
  text: string;
}

export interface BoundaryRecord extends Base {
  type: 'start' | 'end' | 'init';
}

/** An application log line that names its request (for lines written after the invocation ended). */
export interface AppLogRecord extends Base {
  type: 'log';
  text: string;
}

export interface GuardRecord extends Base {
  type: 'guard';
  line: GuardLine;
}

export type LogRecord = ReportRecord | TimeoutRecord | OutOfMemoryRecord | ConnectionRefusedRecord | BoundaryRecord | AppLogRecord | GuardRecord;

/** Context known about a message before it is parsed: from its container (export JSON, stream). */
export interface MessageContext {
  origin: Origin;
  ts?: number;
  fn?: string;
  sandbox?: string;
}
