// The public surface of @leakwatch/analyzer.
export { analyzeLogs, analyzeRecords, detectAll } from './analyze.js';
export type { AnalyzeOptions, LogAnalysis, FunctionSummary } from './analyze.js';
export { readRecords, expandPaths, emptyStats } from './read-inputs.js';
export type { LogInput, ReadStats } from './read-inputs.js';
export { parseText, clip } from './parse-text.js';
export { parseObject, functionFromGroup } from './parse-object.js';
export { parseCsv, parseCsvRecords } from './csv.js';
export { Aggregator } from './aggregate.js';
export type { FunctionAggregate, SandboxSeries } from './aggregate.js';
export { sandboxCreep } from './detect/memory-creep.js';
export { sparkline, downsample } from './sparkline.js';
export type { LogRecord, ReportRecord, MessageContext, Origin, SandboxRef } from './record.js';
