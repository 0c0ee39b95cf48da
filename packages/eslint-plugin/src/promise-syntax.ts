import type { Rule, SourceCode } from 'eslint';
import type { Node } from 'estree';
import type { HandlerInfo } from './handler-detection.js';
import type { ImportBinding } from './import-bindings.js';
import { moduleReference, unwrapTs } from './import-bindings.js';
import { resolveIdentifier } from './lifetime.js';

const PROMISE_STATICS = new Set(['all', 'allSettled', 'race', 'any', 'resolve', 'reject', 'try', 'withResolvers']);
const PROMISE_METHODS = new Set(['then', 'catch', 'finally']);
const PROMISE_MODULES = new Set(['fs/promises', 'timers/promises', 'dns/promises', 'stream/promises', 'readline/promises']);

/**
 * Whether an expression is a promise, judged from syntax alone: `.then/.catch/.finally` chains,
 * `new Promise`, `Promise.all(...)`, `fetch()`, promise APIs of Node.js, async IIFEs and calls to
 * async functions declared in the file.
 *
 * @example
 * ```ts
 * isPromiseSyntax(statement.expression, sourceCode, info, bindings); // true for `sendMetrics().catch(log)`
 * ```
 */
export function isPromiseSyntax(expr: Node, sourceCode: SourceCode, info: HandlerInfo, bindings: Map<string, ImportBinding>): boolean {
  const node = unwrapTs(expr.type === 'ChainExpression' ? expr.expression : expr);
  if (node.type === 'NewExpression') return node.callee.type === 'Identifier' && node.callee.name === 'Promise';
  if (node.type !== 'CallExpression') return false;
  const callee = unwrapTs(node.callee);
  if (callee.type === 'MemberExpression' && callee.property.type === 'Identifier') {
    if (PROMISE_METHODS.has(callee.property.name)) return true;
    if (callee.object.type === 'Identifier' && callee.object.name === 'Promise' && PROMISE_STATICS.has(callee.property.name)) return true;
  }
  if ((callee.type === 'ArrowFunctionExpression' || callee.type === 'FunctionExpression') && callee.async) return true;
  const ref = moduleReference(callee, bindings);
  if (ref) return PROMISE_MODULES.has(ref.module) || (ref.module === 'fs' && ref.path[0] === 'promises');
  if (callee.type !== 'Identifier') return false;
  if (callee.name === 'fetch') return true;
  const variable = resolveIdentifier(sourceCode, callee);
  const def = variable?.defs[0];
  if (!def) return false;
  const declared = def.node as Rule.Node;
  if (declared.type === 'FunctionDeclaration') return declared.async === true;
  if (declared.type === 'VariableDeclarator' && declared.init) {
    const init = unwrapTs(declared.init);
    return (init.type === 'ArrowFunctionExpression' || init.type === 'FunctionExpression') && init.async === true;
  }
  return info.asyncFunctions.has(callee.name);
}
