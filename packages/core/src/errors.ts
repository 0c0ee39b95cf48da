/**
 * Typed errors. Library code throws these; only the CLI prints them and picks the exit code.
 *
 * @example
 * ```ts
 * throw new InputError('LW_INVALID_JSON', 'not valid JSON: Unexpected token }', { input: 'events.jsonl', line: 3 });
 * ```
 */
export type LeakwatchErrorCode =
  | 'LW_USAGE'
  | 'LW_UNKNOWN_OPTION'
  | 'LW_INPUT'
  | 'LW_INVALID_JSON'
  | 'LW_MODULE_NOT_FOUND'
  | 'LW_EXPORT_NOT_FOUND'
  | 'LW_MODULE_THREW'
  | 'LW_CHILD_FAILED'
  | 'LW_PROFILE'
  | 'LW_INTERNAL'
  | (string & {});

export interface ErrorPosition {
  /** the file, module or stream the problem is in */
  input?: string;
  /** 1-based line */
  line?: number;
  /** 1-based column */
  column?: number;
  cause?: unknown;
}

export class LeakwatchError extends Error {
  override name = 'LeakwatchError';
  readonly code: LeakwatchErrorCode;
  readonly input: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  constructor(code: LeakwatchErrorCode, message: string, position: ErrorPosition = {}) {
    super(message, position.cause === undefined ? undefined : { cause: position.cause });
    this.code = code;
    this.input = position.input;
    this.line = position.line;
    this.column = position.column;
  }

  /** `file:line:column: message`, one line, for people. */
  toLine(): string {
    return formatErrorLine(this);
  }
}

/** Wrong arguments or options: exit code 2. */
export class UsageError extends LeakwatchError {
  override name = 'UsageError';
  constructor(message: string, position: ErrorPosition = {}, code: LeakwatchErrorCode = 'LW_USAGE') {
    super(code, message, position);
  }
}

/** Input that cannot be read: a missing module, bad JSON, a truncated file. Exit code 2. */
export class InputError extends LeakwatchError {
  override name = 'InputError';
  constructor(code: LeakwatchErrorCode, message: string, position: ErrorPosition = {}) {
    super(code, message, position);
  }
}

/** True for any leakwatch error, across package copies (checks the shape, not the prototype). */
export function isLeakwatchError(value: unknown): value is LeakwatchError {
  if (value instanceof LeakwatchError) return true;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    String((value as { code: string }).code).startsWith('LW_') &&
    value instanceof Error
  );
}

/** Formats `input:line:column: message` with the position parts that are known. */
export function formatErrorLine(error: { message: string; input?: string | undefined; line?: number | undefined; column?: number | undefined }): string {
  const where = [error.input, error.line, error.line === undefined ? undefined : error.column]
    .filter((part) => part !== undefined && part !== '')
    .join(':');
  const firstLine = error.message.split('\n')[0] ?? '';
  return where ? `${where}: ${firstLine}` : firstLine;
}
