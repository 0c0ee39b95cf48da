import { existsSync, statSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError, parseStack } from '@leakwatch/core';

/** A handler: async `(event, context)` or callback-style `(event, context, callback)`. */
export type Handler = (event: unknown, context: unknown, callback?: (error?: unknown, result?: unknown) => void) => unknown;

const TS = new Set(['.ts', '.mts', '.cts', '.tsx']);

/**
 * Loads a handler module (ESM, CommonJS, or TypeScript through tsx with source maps) and returns
 * its export. A missing file, a missing export or a module that throws while loading is an
 * `InputError` naming the file (and the line it threw at).
 *
 * @example
 * ```ts
 * const handler = await loadHandler('examples/seed/global-list.mjs', 'handler', process.cwd());
 * ```
 */
export async function loadHandler(module: string, exportName: string, cwd: string): Promise<{ handler: Handler; file: string }> {
  const file = resolve(cwd, module);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new InputError('LW_MODULE_NOT_FOUND', 'handler module not found', { input: module });
  }
  let namespace: Record<string, unknown>;
  try {
    namespace = (await importModule(file)) as Record<string, unknown>;
  } catch (error) {
    const e = error as Error;
    const frame = parseStack(e?.stack).find((f) => f.file === file);
    throw new InputError('LW_MODULE_THREW', `the module threw while loading: ${e?.name ?? 'Error'}: ${String(e?.message ?? error).split('\n')[0]}`, {
      input: module,
      ...(frame ? { line: frame.line, column: frame.column } : {}),
      cause: error,
    });
  }
  const fromDefault = namespace['default'] as Record<string, unknown> | undefined;
  const candidate = namespace[exportName] ?? (fromDefault && typeof fromDefault === 'object' ? fromDefault[exportName] : undefined) ?? (exportName === 'default' ? fromDefault : undefined);
  if (typeof candidate !== 'function') {
    const names = Object.keys(namespace).filter((k) => k !== 'default' && typeof namespace[k] === 'function');
    throw new InputError('LW_EXPORT_NOT_FOUND', `no function export '${exportName}'${names.length ? ` (exports: ${names.join(', ')})` : ''}; choose one with --export`, { input: module });
  }
  return { handler: candidate as Handler, file };
}

async function importModule(file: string): Promise<unknown> {
  if (TS.has(extname(file))) {
    process.setSourceMapsEnabled(true);
    const { tsImport } = await import('tsx/esm/api');
    return tsImport(pathToFileURL(file).href, import.meta.url);
  }
  return import(pathToFileURL(file).href);
}
