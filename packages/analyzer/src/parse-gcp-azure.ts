import type { LogRecord } from './log-record.js';

const GCP_TOOK = /Function execution took\s+(\d+(?:\.\d+)?)\s*ms,?\s*finished with status(?: code)?:?\s*'?([\w-]+)'?/;
const GCP_MEMORY = /Memory limit of \S+ exceeded with \S+ used/;
const AZURE_EXECUTED = /Executed '([^']+)' \((\w+), Id=[^,]*, Duration=(\d+(?:\.\d+)?)ms\)/;
const AZURE_TIMEOUT = /Timeout value of ([\d:.]+) (?:was )?exceeded by function/;
const AZURE_MEMORY = /OutOfMemoryException|exceeded the memory limit|recycl\w+ .*memory/i;

/**
 * Reads Google Cloud Functions (gen1 and gen2) and Azure Functions host lines: execution
 * durations and status, timeouts and memory-limit kills. Returns `undefined` otherwise; never throws.
 *
 * @example
 * ```ts
 * parseGcpAzure('Function execution took 426 ms, finished with status code: 200'); // { type: 'invocation', durationMs: 426, status: '200' }
 * ```
 */
export function parseGcpAzure(line: string): LogRecord | undefined {
  const took = GCP_TOOK.exec(line);
  if (took) {
    const status = took[2] ?? '';
    if (status === 'timeout') return { type: 'timeout', afterSeconds: Number(took[1]) / 1000 };
    return { type: 'invocation', durationMs: Number(took[1]), status };
  }
  if (GCP_MEMORY.test(line) || AZURE_MEMORY.test(line)) return { type: 'out-of-memory', text: line };
  const exec = AZURE_EXECUTED.exec(line);
  if (exec) return { type: 'invocation', durationMs: Number(exec[3]), status: exec[2] ?? '' };
  const timeout = AZURE_TIMEOUT.exec(line);
  if (timeout) return { type: 'timeout', afterSeconds: seconds(timeout[1] ?? '') };
  return undefined;
}

function seconds(hms: string): number {
  return hms.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}
