import { fileUrlToPath, isInternalFrame, relativeTo } from '@leakwatch/core';

/** A call frame as the inspector's profilers report it (0-based line and column). */
export interface ProfileCallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
  scriptId?: string;
}

/** A function of user code, as profiles name it: absolute path, 1-based position of its definition. */
export interface UserFunction {
  key: string;
  function: string;
  /** absolute path */
  path: string;
  /** relative to cwd, for findings */
  file: string;
  line: number;
  column: number;
}

/**
 * The user function a profile frame is, or undefined for Node internals, dependencies, leakwatch
 * itself and the VM's own entries (`(garbage collector)`, `(program)`).
 *
 * @example
 * ```ts
 * userFunction({ functionName: 'handler', url: 'file:///app/h.mjs', lineNumber: 3, columnNumber: 22 }, '/app');
 * // { key: '/app/h.mjs:4:23', function: 'handler', path: '/app/h.mjs', file: 'h.mjs', line: 4, column: 23 }
 * ```
 */
export function userFunction(frame: ProfileCallFrame, cwd: string): UserFunction | undefined {
  if (!frame.url) return undefined;
  const path = fileUrlToPath(frame.url);
  const line = frame.lineNumber + 1;
  const column = frame.columnNumber + 1;
  if (isInternalFrame({ file: path, line, column })) return undefined;
  return { key: `${path}:${line}:${column}`, function: frame.functionName || '(anonymous)', path, file: relativeTo(path, cwd), line, column };
}
