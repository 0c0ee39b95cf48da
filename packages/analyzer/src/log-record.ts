import type { Finding } from '@leakwatch/core';

/** The platform whose own lines said it, when not AWS Lambda: it picks the price table. */
export type Platform = 'aws' | 'gcp' | 'azure';

/** What a parser yields: typed records from one log line or event. */
export type LogRecord =
  | { type: 'report'; requestId: string; durationMs: number; billedMs: number; memoryMb: number; maxMemoryMb: number; initMs?: number; status?: string }
  | { type: 'timeout'; requestId?: string; afterSeconds: number; platform?: Platform }
  /** memoryMb: the memory limit, when the line names it (Cloud Run) */
  | { type: 'out-of-memory'; requestId?: string; text: string; platform?: Platform; memoryMb?: number }
  | { type: 'connection-refused'; text: string }
  /** `END RequestId: …`: the invocation finished */
  | { type: 'end'; requestId: string }
  /** an application line naming its request (`<time>\t<requestId>\t<level>\t…`) */
  | { type: 'app-line'; requestId: string; text: string }
  /** an invocation with a duration but no memory figure (GCP, Azure) */
  | { type: 'invocation'; durationMs: number; status?: string; platform?: Platform }
  /** the guard's per-invocation EMF line: post-GC heap in MB */
  | { type: 'guard-metrics'; fn: string; sandbox: string; heapAfterGcMb?: number; durationMs?: number }
  /** a finding the guard made inside the sandbox */
  | { type: 'guard-finding'; fn: string; sandbox: string; finding: Finding };

/** A record with where it came from. */
export interface LocatedRecord {
  record: LogRecord;
  /** the function name when known (log group or file name) */
  fn: string;
  /** the sandbox: the log stream on AWS */
  sandbox: string;
  /** epoch ms when known */
  time?: number;
}
