import type { LogRecord } from './log-record.js';

const GCP_TOOK = /Function execution took\s+(\d+(?:\.\d+)?)\s*ms,?\s*finished with status(?: code)?:?\s*'?([\w-]+)'?/;
const GCP_MEMORY = /Memory limit of (\S+) exceeded with \S+ used/;
const AZURE_EXECUTED = /Executed '([^']+)' \((\w+), Id=[^,]*, Duration=(\d+(?:\.\d+)?)ms\)/;
const AZURE_TIMEOUT = /Timeout value of ([\d:.]+) (?:was )?exceeded by function/;
const AZURE_MEMORY = /OutOfMemoryException|exceeded the memory limit|recycl\w+ .*memory/i;

/**
 * Reads Google Cloud Functions (gen1 and gen2) and Azure Functions host lines: execution
 * durations and status, timeouts and memory-limit kills. Each record names its platform (it picks the price table). Returns `undefined` otherwise; never throws.
 *
 * @example
 * ```ts
 * parseGcpAzure('Function execution took 426 ms, finished with status code: 200'); // { type: 'invocation', durationMs: 426, status: '200', platform: 'gcp' }
 * ```
 */
export function parseGcpAzure(line: string): LogRecord | undefined {
  const took = GCP_TOOK.exec(line);
  if (took) {
    const status = took[2] ?? '';
    if (status === 'timeout') return { type: 'timeout', afterSeconds: Number(took[1]) / 1000, platform: 'gcp' };
    return { type: 'invocation', durationMs: Number(took[1]), status, platform: 'gcp' };
  }
  const gcpMemory = GCP_MEMORY.exec(line);
  if (gcpMemory) {
    // Cloud Run writes the limit as Kubernetes quantities: 256M, 512Mi, 1G, 2Gi
    const limit = /^(\d+(?:\.\d+)?)([MG])i?$/.exec(gcpMemory[1] ?? '');
    const memoryMb = limit ? Number(limit[1]) * (limit[2] === 'G' ? 1024 : 1) : undefined;
    return { type: 'out-of-memory', text: line, platform: 'gcp', ...(memoryMb ? { memoryMb } : {}) };
  }
  if (AZURE_MEMORY.test(line)) return { type: 'out-of-memory', text: line, platform: 'azure' };
  const exec = AZURE_EXECUTED.exec(line);
  if (exec) return { type: 'invocation', durationMs: Number(exec[3]), status: exec[2] ?? '', platform: 'azure' };
  const timeout = AZURE_TIMEOUT.exec(line);
  if (timeout) return { type: 'timeout', afterSeconds: seconds(timeout[1] ?? ''), platform: 'azure' };
  return undefined;
}

function seconds(hms: string): number {
  return hms.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}
