import type { LogRecord } from './log-record.js';
import { parseAwsText } from './parse-aws-text.js';
import { parseCommonLine } from './parse-common-line.js';
import { parseGcpAzure } from './parse-gcp-azure.js';
import { parseStructured } from './parse-structured.js';

/**
 * Reads one log message with whichever parser it fits: the common Lambda lines by characters
 * (parseCommonLine), then JSON messages (Lambda's JSON log format, EMF, guard lines), AWS text
 * platform lines by their labels, then Google Cloud and Azure host lines. Returns `undefined` for
 * lines that carry nothing the detectors use; never throws.
 *
 * @example
 * ```ts
 * parseMessage('Function execution took 12 ms, finished with status: ok'); // { type: 'invocation', durationMs: 12, status: 'ok' }
 * ```
 */
export function parseMessage(message: string): LogRecord | undefined {
  const common = parseCommonLine(message);
  if (common !== undefined) return common ?? undefined;
  return parseByLabels(message);
}

/**
 * parseMessage without its fast path: every parser, by field labels.
 *
 * @example
 * ```ts
 * parseByLabels('END RequestId: 8f1c'); // { type: 'end', requestId: '8f1c' }
 * ```
 */
export function parseByLabels(message: string): LogRecord | undefined {
  return (message.includes('{"') ? parseStructured(message) : undefined) ?? parseAwsText(message) ?? parseGcpAzure(message);
}
