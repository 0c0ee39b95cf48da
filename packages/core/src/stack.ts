/** One frame of a V8 stack trace. Lines and columns are 1-based. */
export interface StackFrame {
  function?: string;
  file: string;
  line: number;
  column: number;
  async?: boolean;
}

const FRAME_WITH_FN = /^\s*at (?:(async) )?(?:new )?(.*?) \((.*?):(\d+):(\d+)\)\s*$/;
const FRAME_BARE = /^\s*at (?:(async) )?(.*?):(\d+):(\d+)\s*$/;

/**
 * Parses one `    at fn (file:line:col)` line. File URLs become paths. Returns undefined for
 * frames without a position (`at new Promise (<anonymous>)`, `native`).
 *
 * @example
 * ```ts
 * parseFrame('    at handler (file:///app/handler.mjs:4:24)');
 * // { function: 'handler', file: '/app/handler.mjs', line: 4, column: 24 }
 * ```
 */
export function parseFrame(text: string): StackFrame | undefined {
  let m = FRAME_WITH_FN.exec(text);
  if (m) {
    const fn = m[2] ?? '';
    return frame(m[3] ?? '', m[4], m[5], fn === '<anonymous>' ? undefined : fn, m[1] !== undefined);
  }
  m = FRAME_BARE.exec(text);
  if (m) return frame(m[2] ?? '', m[3], m[4], undefined, m[1] !== undefined);
  return undefined;
}

function frame(file: string, line: string | undefined, column: string | undefined, fn: string | undefined, isAsync: boolean): StackFrame | undefined {
  if (!file || file === '<anonymous>' || file === 'native') return undefined;
  const out: StackFrame = { file: fileUrlToPath(file), line: Number(line), column: Number(column) };
  if (fn) out.function = fn.replace(/^Object\.|^Module\./, '');
  if (isAsync) out.async = true;
  return out;
}

/** Parses a whole `error.stack`, skipping the message lines. */
export function parseStack(stack: string | undefined): StackFrame[] {
  if (!stack) return [];
  const frames: StackFrame[] = [];
  for (const line of stack.split('\n')) {
    if (!line.trimStart().startsWith('at ')) continue;
    const f = parseFrame(line);
    if (f) frames.push(f);
  }
  return frames;
}

/** `file:///a/b%20c.mjs` → `/a/b c.mjs`; anything else unchanged. Pure: no `node:url`. */
export function fileUrlToPath(file: string): string {
  if (!file.startsWith('file://')) return file;
  try {
    return decodeURIComponent(file.slice('file://'.length));
  } catch {
    return file.slice('file://'.length);
  }
}

/** Frames that are never "user code": Node internals, dependencies, leakwatch itself. */
export function isInternalFrame(f: StackFrame, extraIgnored: readonly string[] = []): boolean {
  const file = f.file.replace(/\\/g, '/');
  if (file.startsWith('node:') || file.startsWith('internal/') || !file.includes('/')) return true;
  if (file.includes('/node_modules/')) return true;
  if (/\/packages\/(core|guard|harness|cli|analyzer|eslint-plugin)\/(dist|src)\//.test(file)) return true;
  if (file.includes('/@leakwatch/')) return true;
  return extraIgnored.some((p) => file.includes(p));
}

/**
 * The first frame in user code: the creation site of a resource.
 *
 * @example
 * ```ts
 * firstUserFrame(parseStack(new Error().stack)); // the handler line that called createConnection
 * ```
 */
export function firstUserFrame(frames: readonly StackFrame[], extraIgnored: readonly string[] = []): StackFrame | undefined {
  return frames.find((f) => !isInternalFrame(f, extraIgnored));
}

/** Makes `file` relative to `root` when it is inside it (POSIX and Windows separators). */
export function relativeTo(file: string, root: string): string {
  const norm = (s: string): string => s.replace(/\\/g, '/');
  const f = norm(file);
  const r = norm(root).replace(/\/+$/, '');
  return f.startsWith(r + '/') ? f.slice(r.length + 1) : f;
}
