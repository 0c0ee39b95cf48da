import { readFileSync } from 'node:fs';
import { InputError } from '@leakwatch/core';

/**
 * Reads one JSON event from a file; bad JSON is an error naming the file, line and column.
 *
 * @example
 * ```ts
 * const event = readEventFile('events/order.json');
 * ```
 */
export function readEventFile(file: string): unknown {
  const text = readText(file);
  return parseJson(text, file, 1);
}

/**
 * Reads a JSON-lines file: one event per non-empty line, in order.
 *
 * @example
 * ```ts
 * const events = readEventsFile('events/orders.jsonl'); // unknown[]
 * ```
 */
export function readEventsFile(file: string): unknown[] {
  const text = readText(file);
  const events: unknown[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    events.push(parseJson(line, file, i + 1));
  });
  if (events.length === 0) throw new InputError('LW_INPUT', 'no events in the file (one JSON value per line expected)', { input: file });
  return events;
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('LW_INPUT', `cannot read the event file: ${code}`, { input: file, cause: error });
  }
}

function parseJson(text: string, file: string, firstLine: number): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const { line, column } = positionOf(text, message);
    throw new InputError('LW_INVALID_JSON', `not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, '')}`, {
      input: file,
      line: firstLine + line - 1,
      column,
      cause: error,
    });
  }
}

/** Turns V8's "at position N" (or "line L column C") into a line and column of `text`. */
function positionOf(text: string, message: string): { line: number; column: number } {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(message);
  const offset = pos ? Number(pos[1]) : text.length;
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: (before[before.length - 1]?.length ?? 0) + 1 };
}
