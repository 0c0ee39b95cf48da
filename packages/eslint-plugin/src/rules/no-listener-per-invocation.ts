import type { Rule } from 'eslint';
import type { CallExpression, Program } from 'estree';
import { enclosingFunction, enclosingHandler, handlerInfo } from '../handler-detection.js';
import { importBindings, unwrapTs } from '../import-bindings.js';
import { findVariable, isModuleScope } from '../lifetime.js';
import type { LeakwatchRule } from '../rule.js';
import { docsUrl } from '../rule.js';
import { walk } from '../walk.js';

const ADD = new Set(['on', 'addListener', 'once', 'prependListener', 'prependOnceListener']);
const REMOVE = new Set(['off', 'removeListener', 'removeAllListeners']);

/**
 * `@leakwatch/no-listener-per-invocation`: disallow listeners added inside a handler to `process` or a module-scope emitter without removing them. See docs/rules/no-listener-per-invocation.md.
 *
 * @example
 * ```js
 * // eslint.config.js
 * export default [{ plugins: { '@leakwatch': leakwatch }, rules: { '@leakwatch/no-listener-per-invocation': 'error' } }];
 * ```
 */
export const noListenerPerInvocation: LeakwatchRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow listeners added inside a handler to `process` or a module-scope emitter without removing them',
      url: docsUrl('no-listener-per-invocation'),
      leakwatchKind: 'listener-growth',
      advice: 'register the listener once at module scope, or remove it (off/removeListener) in a finally block before the handler returns',
      recommended: 'error',
    },
    messages: {
      listenerGrowth: "'{{emitter}}.{{method}}()' in '{{handler}}' adds a listener to an emitter that outlives the invocation and never removes it: one more listener (and everything its closure holds) per warm invocation. Register it once at module scope, or remove it in a finally block.",
    },
    schema: [],
  },
  create(context) {
    const bindings = importBindings(context.sourceCode.ast as Program);

    /**
     * Long-lived: `process`, an import, or a module-scope variable, unless the same function also
     * assigns the variable (a lazily created client gets its listener once, at creation).
     */
    function longLived(name: string, node: Rule.Node, fn: Rule.Node | undefined): boolean {
      if (bindings.has(name)) return true;
      const variable = findVariable(context.sourceCode.getScope(node), name);
      if (!variable || variable.defs.length === 0) return name === 'process';
      if (!isModuleScope(variable.scope)) return false;
      return !variable.references.some((r) => r.isWrite() && !r.init && fn !== undefined && within(r.identifier as Rule.Node, fn));
    }

    function removedIn(fn: Rule.Node, emitter: string): boolean {
      let found = false;
      walk(fn, context.sourceCode.visitorKeys, (n) => {
        if (found) return false;
        if (n.type !== 'CallExpression') return;
        const c = unwrapTs(n.callee);
        if (c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === emitter && c.property.type === 'Identifier' && REMOVE.has(c.property.name)) found = true;
      });
      return found;
    }

    return {
      CallExpression(node: CallExpression & Rule.NodeParentExtension) {
        const callee = unwrapTs(node.callee);
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !ADD.has(callee.property.name)) return;
        const object = unwrapTs(callee.object);
        if (object.type !== 'Identifier' || node.arguments.length < 2) return;
        const handler = enclosingHandler(node, handlerInfo(context));
        if (handler === undefined) return;
        const fn = enclosingFunction(node);
        if (!longLived(object.name, node, fn)) return;
        const scopeFn = fn ? (handlerFunction(fn, handlerInfo(context).functions) ?? fn) : undefined;
        if (scopeFn && removedIn(scopeFn, object.name)) return;
        context.report({ node, messageId: 'listenerGrowth', data: { emitter: object.name, method: callee.property.name, handler } });
      },
    };
  },
};

/** The outermost function around `fn` that runs per invocation: removal may sit anywhere in it. */
function handlerFunction(fn: Rule.Node, functions: ReadonlyMap<unknown, string>): Rule.Node | undefined {
  let found: Rule.Node | undefined;
  for (let n: Rule.Node | null = fn; n; n = n.parent) if (functions.has(n)) found = n;
  return found;
}

function within(node: Rule.Node, ancestor: Rule.Node): boolean {
  for (let n: Rule.Node | null = node; n; n = n.parent) if (n === ancestor) return true;
  return false;
}
