// The public surface of @leakwatch/analyzer.
export { analyzeLogs } from './analyze-logs.js';
export type { LogAnalysis } from './analyze-logs.js';
export { readEvents, readFileEvents } from './read-events.js';
export type { ReadCounts } from './read-events.js';
export { eventsOfJson } from './log-event.js';
export type { LogEvent } from './log-event.js';
export { parseAwsText } from './parse-aws-text.js';
export type { LogRecord } from './log-record.js';
export { addRecord, safeText } from './sandbox-series.js';
export type { SandboxSeries } from './sandbox-series.js';
export { detectSandbox } from './detect-sandbox.js';
export type { DetectOptions } from './detect-sandbox.js';
export { detectFunction } from './detect-function.js';
export { sparkline } from './sparkline.js';
export { parseStructured } from './parse-structured.js';
export { parseGcpAzure } from './parse-gcp-azure.js';
export { insightsQuery, mergeInsightsResults } from './insights-query.js';
export type { InsightsRow } from './insights-query.js';
