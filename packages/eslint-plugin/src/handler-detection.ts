import type { Rule, SourceCode } from 'eslint';
import type { ArrowFunctionExpression, Expression, FunctionDeclaration, FunctionExpression, Node, Program } from 'estree';
import { importBindings, moduleReference, unwrapTs } from './import-bindings.js';
import { walk } from './walk.js';

export type FunctionNode = FunctionDeclaration | FunctionExpression | ArrowFunctionExpression;

/** The functions of one file that run per invocation. */
export interface HandlerInfo {
  /** every function that runs per invocation, mapped to the name of the handler that reaches it */
  functions: Map<FunctionNode, string>;
  /** names of module-level functions declared `async` */
  asyncFunctions: Set<string>;
}

/**
 * Export names that make a function a handler unless `settings.leakwatch.handlerNames` says otherwise.
 *
 * @example
 * ```js
 * settings: { leakwatch: { handlerNames: [...DEFAULT_HANDLER_NAMES, 'main'] } }
 * ```
 */
export const DEFAULT_HANDLER_NAMES: readonly string[] = ['handler', 'lambdaHandler'];

/** Azure Functions v4 trigger registrations: `app.http('name', { handler })`. */
const AZURE_TRIGGERS = new Set([
  'http', 'get', 'put', 'post', 'patch', 'deleteRequest', 'timer', 'storageBlob', 'storageQueue', 'serviceBusQueue',
  'serviceBusTopic', 'eventHub', 'eventGrid', 'cosmosDB', 'sql', 'mySql', 'webPubSub', 'warmup', 'generic', 'setup',
]);
/** Google Cloud Functions Framework registrations: `functions.http('name', fn)`. */
const GOOGLE_TRIGGERS = new Set(['http', 'cloudEvent']);

const cache = new WeakMap<Program, { key: string; info: HandlerInfo }>();

function isFunction(node: Node | null | undefined): node is FunctionNode {
  return !!node && (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression' || node.type === 'ArrowFunctionExpression');
}

/**
 * The handler names a rule context is configured with: `settings.leakwatch.handlerNames` (shared by
 * every rule), else the defaults. A name ending in `Handler` always counts.
 *
 * @example
 * ```ts
 * // eslint.config.js
 * export default [{ settings: { leakwatch: { handlerNames: ['handler', 'main'] } } }];
 * ```
 */
export function handlerNames(context: Rule.RuleContext): readonly string[] {
  const configured = (context.settings['leakwatch'] as { handlerNames?: unknown } | undefined)?.handlerNames;
  return Array.isArray(configured) ? configured.map(String) : DEFAULT_HANDLER_NAMES;
}

/**
 * Finds the handlers of a file and every function they call in the same module: exported
 * `handler` (ESM, `exports.x`, `module.exports`), `middy(fn)` and other wrappers, Azure
 * `app.http(name, { handler })`, Google `functions.http(name, fn)`. Computed once per file.
 *
 * @example
 * ```ts
 * const info = handlerInfo(context);
 * enclosingHandler(node, info); // 'handler' when node runs per invocation
 * ```
 */
export function handlerInfo(context: Rule.RuleContext): HandlerInfo {
  const program = context.sourceCode.ast as Program;
  const names = handlerNames(context);
  const key = names.join(',');
  const hit = cache.get(program);
  if (hit && hit.key === key) return hit.info;
  const info = detect(program, context.sourceCode, names);
  cache.set(program, { key, info });
  return info;
}

function isHandlerName(name: string, names: readonly string[]): boolean {
  return names.includes(name) || /.Handler$/.test(name);
}

function detect(program: Program, sourceCode: SourceCode, names: readonly string[]): HandlerInfo {
  const moduleFunctions = new Map<string, FunctionNode>();
  const moduleInits = new Map<string, Expression>();
  const asyncFunctions = new Set<string>();
  for (const raw of program.body) {
    const statement = raw.type === 'ExportNamedDeclaration' || raw.type === 'ExportDefaultDeclaration' ? raw.declaration : raw;
    if (!statement) continue;
    if (statement.type === 'FunctionDeclaration' && statement.id) {
      moduleFunctions.set(statement.id.name, statement as FunctionNode);
      if (statement.async) asyncFunctions.add(statement.id.name);
    } else if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        if (d.id.type !== 'Identifier' || !d.init) continue;
        const init = unwrapTs(d.init) as Expression;
        if (isFunction(init)) {
          moduleFunctions.set(d.id.name, init);
          if (init.async) asyncFunctions.add(d.id.name);
        } else moduleInits.set(d.id.name, init);
      }
    }
  }

  const roots = new Map<FunctionNode, string>();
  const seen = new Set<Node>();
  const addRoots = (expr: Node | null | undefined, name: string, depth = 0): void => {
    if (!expr || depth > 8 || seen.has(expr)) return;
    seen.add(expr);
    const e = unwrapTs(expr);
    if (isFunction(e)) roots.set(e, name);
    else if (e.type === 'Identifier') {
      addRoots(moduleFunctions.get(e.name), name, depth + 1);
      addRoots(moduleInits.get(e.name), name, depth + 1);
    } else if (e.type === 'CallExpression') {
      // wrappers: middy(fn).use(...), withLeakGuard(fn), app.use(fn)
      for (const arg of e.arguments) if (arg.type === 'Identifier' || isFunction(arg)) addRoots(arg, name, depth + 1);
      if (e.callee.type === 'MemberExpression') addRoots(e.callee.object, name, depth + 1);
    } else if (e.type === 'ObjectExpression') {
      for (const p of e.properties) if (p.type === 'Property' && p.key.type === 'Identifier' && isHandlerName(p.key.name, names)) addRoots(p.value, p.key.name, depth + 1);
    }
  };

  const bindings = importBindings(program);
  for (const statement of program.body) {
    if (statement.type === 'ExportNamedDeclaration') {
      const d = statement.declaration;
      if (d?.type === 'FunctionDeclaration' && d.id && isHandlerName(d.id.name, names)) roots.set(d, d.id.name);
      if (d?.type === 'VariableDeclaration') {
        for (const v of d.declarations) if (v.id.type === 'Identifier' && isHandlerName(v.id.name, names)) addRoots(v.init, v.id.name);
      }
      for (const s of statement.specifiers) {
        const exported = s.exported.type === 'Identifier' ? s.exported.name : String(s.exported.value);
        if (isHandlerName(exported, names) && s.local.type === 'Identifier') addRoots(s.local, exported);
      }
    } else if (statement.type === 'ExportDefaultDeclaration' && names.includes('default')) {
      addRoots(statement.declaration as Node, 'default');
    } else if (statement.type === 'ExpressionStatement') {
      const e = statement.expression;
      if (e.type === 'AssignmentExpression') {
        const target = exportTarget(e.left);
        // module.exports = { handler } names it; module.exports = async function (context, req) is
        // an Azure Functions v3 handler (other module.exports functions are plain library code)
        if (target === 'module.exports') {
          const right = unwrapTs(e.right);
          if (right.type === 'ObjectExpression' || (isFunction(right) && isAzureV3(right))) addRoots(right, 'module.exports');
        }
        else if (target !== undefined && isHandlerName(target, names)) addRoots(e.right, target);
      } else if (e.type === 'CallExpression') {
        registration(e, bindings, (fn, name) => addRoots(fn, name));
      }
    }
  }

  // The transitive closure: module functions the handlers call (or pass as callbacks) run per invocation too.
  const functions = new Map(roots);
  const queue = [...roots.keys()];
  while (queue.length > 0) {
    const fn = queue.pop() as FunctionNode;
    const owner = functions.get(fn) as string;
    walk(fn.body, sourceCode.visitorKeys, (n) => {
      if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return;
      const candidates = [n.callee, ...n.arguments];
      for (const c of candidates) {
        if (c.type !== 'Identifier') continue;
        const target = moduleFunctions.get(c.name);
        if (target && !functions.has(target)) {
          functions.set(target, owner);
          queue.push(target);
        }
      }
    });
  }
  return { functions, asyncFunctions };
}

function isAzureV3(fn: FunctionNode): boolean {
  const first = fn.params[0];
  return first?.type === 'Identifier' && first.name === 'context';
}

function exportTarget(left: Node): string | undefined {
  if (left.type !== 'MemberExpression' || left.computed || left.property.type !== 'Identifier') return undefined;
  const obj = left.object;
  if (obj.type === 'Identifier' && obj.name === 'exports') return left.property.name;
  if (obj.type === 'Identifier' && obj.name === 'module' && left.property.name === 'exports') return 'module.exports';
  if (obj.type === 'MemberExpression' && !obj.computed && obj.object.type === 'Identifier' && obj.object.name === 'module' && obj.property.type === 'Identifier' && obj.property.name === 'exports') return left.property.name;
  return undefined;
}

function registration(call: Node & { type: 'CallExpression' }, bindings: ReturnType<typeof importBindings>, add: (fn: Node, name: string) => void): void {
  const [first, second] = call.arguments;
  const label = first?.type === 'Literal' ? String(first.value) : 'handler';
  let method: string | undefined;
  if (call.callee.type === 'MemberExpression' && call.callee.property.type === 'Identifier') method = call.callee.property.name;
  else if (call.callee.type === 'Identifier') {
    const ref = moduleReference(call.callee, bindings);
    if (ref?.module === '@google-cloud/functions-framework') method = ref.path[0];
  }
  if (!method || !second) return;
  if (AZURE_TRIGGERS.has(method) && second.type === 'ObjectExpression') {
    for (const p of second.properties) if (p.type === 'Property' && p.key.type === 'Identifier' && p.key.name === 'handler') add(p.value, label);
  } else if (GOOGLE_TRIGGERS.has(method) && second.type !== 'ObjectExpression' && second.type !== 'SpreadElement') {
    add(second, label);
  }
}

/**
 * The name of the handler a node runs in per invocation, or undefined when it runs once (module
 * scope, functions no handler reaches).
 *
 * @example
 * ```ts
 * if (enclosingHandler(node, handlerInfo(context)) === undefined) return; // not per invocation
 * ```
 */
export function enclosingHandler(node: Rule.Node, info: HandlerInfo): string | undefined {
  for (let n: Rule.Node | null = node; n; n = n.parent) {
    if (isFunction(n)) {
      const owner = info.functions.get(n);
      if (owner !== undefined) return owner;
    }
  }
  return undefined;
}

/**
 * The nearest function around a node (undefined at module scope).
 *
 * @example
 * ```ts
 * const fn = enclosingFunction(node);
 * ```
 */
export function enclosingFunction(node: Rule.Node): (FunctionNode & Rule.NodeParentExtension) | undefined {
  for (let n: Rule.Node | null = node.parent; n; n = n.parent) if (isFunction(n)) return n as FunctionNode & Rule.NodeParentExtension;
  return undefined;
}
