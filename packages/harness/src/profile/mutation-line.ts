import { readFileSync } from 'node:fs';

/** Calls and assignments that add to a collection or an emitter: the line a growth comes from. */
const ADDS = /\b([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*|\[[^\]]*\])*?)\s*(?:\.(?:push|unshift|splice|set|add|on|addListener|prependListener|concat)\s*\(|\[[^\]]+\]\s*=[^=]|\.[A-Za-z_$][\w$]*\s*(?:\+=|=[^=>]))/;

const sourceCache = new Map<string, string[] | undefined>();

function linesOf(file: string): string[] | undefined {
  if (!sourceCache.has(file)) {
    let lines: string[] | undefined;
    try {
      lines = readFileSync(file, 'utf8').split('\n');
    } catch {
      lines = undefined;
    }
    if (sourceCache.size > 64) sourceCache.clear();
    sourceCache.set(file, lines);
  }
  return sourceCache.get(file);
}

/**
 * The line inside a function that adds to a collection kept outside it (`list.push(…)`,
 * `cache.set(…)`, `map[key] = …`, `emitter.on(…)`): V8's heap profilers name the allocating
 * function, this narrows it to the statement. Receivers declared inside the function are local
 * and skipped; with `names` (the variables and properties of a retainer path), a line adding to
 * one of them wins.
 * Undefined when the function has no such line.
 *
 * @example
 * ```ts
 * mutationLine('/app/handler.mjs', 4, ['items'], 1); // 11: `items.push(order)`
 * ```
 */
export function mutationLine(file: string, functionLine: number, names: readonly string[] = [], functionColumn = 1): number | undefined {
  const lines = linesOf(file);
  if (!lines) return undefined;
  const start = functionLine - 1;
  const end = functionEnd(lines, start);
  const locals = new Set<string>();
  const candidates: { line: number; receiver: string; chain: string[] }[] = [];
  for (let i = start; i <= end && i < lines.length; i++) {
    // on the function's first line only what follows its start (`exports.handler = async () => {` assigns nothing per call)
    const text = stripComments(i === start ? (lines[i] ?? '').slice(Math.max(0, functionColumn - 1)) : (lines[i] ?? ''));
    for (const m of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) if (i > start) locals.add(m[1]!);
    const m = ADDS.exec(text);
    if (m?.[1]) {
      const chain = m[1].split(/[.[\]]+/).filter(Boolean);
      candidates.push({ line: i + 1, receiver: chain[0]!, chain });
    }
  }
  const named = candidates.find((c) => c.chain.some((part) => names.includes(part)));
  if (named) return named.line;
  return candidates.find((c) => !locals.has(c.receiver) && c.receiver !== 'this')?.line ?? candidates.find((c) => !locals.has(c.receiver))?.line;
}

/**
 * The line of `file` that adds to the module-scope variable `variable` (`shutdown.on(…)`,
 * `orders.push(…)`, `cache[key] = …`): where a heap snapshot's retainer path
 * (`handler.mjs › module scope › shutdown › …`) is added to, for when the sampling heap profiler
 * sampled no allocation that survived. Lines of functions that declare a variable of the same name
 * are not told apart; the first adding line wins. Undefined when no line adds to it.
 *
 * @example
 * ```ts
 * addingLine('/app/handler.mjs', 'shutdown'); // 11: `shutdown.on('flush', …)`
 * ```
 */
export function addingLine(file: string, variable: string): number | undefined {
  const lines = linesOf(file);
  if (!lines) return undefined;
  for (let i = 0; i < lines.length; i++) {
    const m = ADDS.exec(stripComments(lines[i] ?? ''));
    if (m?.[1] && m[1].split(/[.[\]]+/)[0] === variable) return i + 1;
  }
  return undefined;
}

/** The last line of the function that starts on `start`: braces counted, strings and comments ignored. */
function functionEnd(lines: readonly string[], start: number): number {
  let depth = 0;
  let opened = false;
  for (let i = start; i < lines.length && i < start + 400; i++) {
    const text = stripComments(lines[i] ?? '').replace(/(["'`])(?:\\.|(?!\1).)*\1/g, '""');
    for (const c of text) {
      if (c === '{') {
        depth++;
        opened = true;
      } else if (c === '}') {
        depth--;
        if (opened && depth <= 0) return i;
      }
    }
    if (!opened && i > start && /;\s*$/.test(text)) return i; // an arrow function without a body block
  }
  return Math.min(lines.length - 1, start + 400);
}

function stripComments(line: string): string {
  const at = line.indexOf('//');
  return at >= 0 && !/["'`][^"'`]*\/\/[^"'`]*["'`]/.test(line) ? line.slice(0, at) : line;
}
