import type { Rule } from 'eslint';
import type { CallExpression, Node, Program } from 'estree';
import { enclosingFunction, enclosingHandler, handlerInfo } from '../handler-detection.js';
import { importBindings, unwrapTs } from '../import-bindings.js';
import { findVariable, holder, inFinally } from '../lifetime.js';
import { isPromiseSyntax } from '../promise-syntax.js';
import type { LeakwatchRule } from '../rule.js';
import { docsUrl } from '../rule.js';
import { isThenable, typeServices } from '../type-info.js';

/**
 * `@leakwatch/no-dangling-async`: disallow work a handler leaves running when it returns: unawaited promises (including `void p`), timers not cleared on every path, setInterval. See docs/rules/no-dangling-async.md.
 *
 * @example
 * ```js
 * // eslint.config.js
 * export default [{ plugins: { '@leakwatch': leakwatch }, rules: { '@leakwatch/no-dangling-async': 'error' } }];
 * ```
 */
export const noDanglingAsync: LeakwatchRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow work a handler leaves running when it returns: unawaited promises (including `void p`), timers not cleared on every path, setInterval',
      url: docsUrl('no-dangling-async'),
      leakwatchKind: 'dangling-work',
      advice: 'await (or return) every promise before the handler returns, clear timers in a finally block, and never start an interval per invocation',
      recommended: 'error',
    },
    messages: {
      voidPromise: "`void` lets this work outlive '{{handler}}': the platform freezes the sandbox when the handler returns, so it stalls and finishes (or fails) inside a later invocation. Await it.",
      floatingPromise: "This promise is neither awaited nor returned in '{{handler}}': when the handler returns, the sandbox freezes with the work half done. Await it (or return it).",
      timerNotCleared: "This timer in '{{handler}}' is not cleared on every path: it fires after a thaw, inside a later invocation. Keep its id and clearTimeout it in a finally block.",
      intervalInHandler: "setInterval in '{{handler}}' starts one more interval per invocation and keeps firing across invocations. Start it at module scope, or clearInterval it in a finally block.",
    },
    schema: [],
  },
  create(context) {
    const program = context.sourceCode.ast as Program;
    const bindings = importBindings(program);
    const types = typeServices(context);

    function handlerOf(node: Rule.Node): string | undefined {
      return enclosingHandler(node, handlerInfo(context));
    }

    function isPromise(expr: Node): boolean {
      return isPromiseSyntax(expr, context.sourceCode, handlerInfo(context), bindings) || (types !== undefined && isThenable(types, expr));
    }

    function isGlobal(name: string, node: Rule.Node): boolean {
      return !bindings.has(name) && !(findVariable(context.sourceCode.getScope(node), name)?.defs.length ?? 0);
    }

    /** A timer kept in a variable and cleared in a finally block (or awaited as a delay) is bounded. */
    function timerBounded(node: CallExpression & Rule.NodeParentExtension, clear: string): boolean {
      const fn = enclosingFunction(node);
      // await new Promise((r) => setTimeout(r, ms)): the handler waits for it
      if (fn && fn.parent.type === 'NewExpression' && fn.parent.callee.type === 'Identifier' && fn.parent.callee.name === 'Promise') {
        const up = (fn.parent as Rule.Node).parent;
        if (!up) return false;
        if (up.type === 'AwaitExpression' || up.type === 'ReturnStatement' || (up.type === 'ArrowFunctionExpression' && up.body === fn.parent)) return true;
      }
      const top = holder(node);
      const target = top.parent;
      if (!target) return false;
      let name: string | undefined;
      if (target.type === 'VariableDeclarator' && target.id.type === 'Identifier') name = target.id.name;
      else if (target.type === 'AssignmentExpression' && target.left.type === 'Identifier') name = target.left.name;
      if (!name) return false;
      const variable = findVariable(context.sourceCode.getScope(target), name);
      return (variable?.references ?? []).some((ref) => {
        const p = (ref.identifier as Rule.Node).parent;
        return p?.type === 'CallExpression' && p.callee.type === 'Identifier' && p.callee.name === clear && inFinally(p, undefined);
      });
    }

    return {
      UnaryExpression(node) {
        if (node.operator !== 'void') return;
        const arg = unwrapTs(node.argument);
        if (arg.type === 'Literal' || (arg.type === 'Identifier' && arg.name === 'undefined')) return;
        const handler = handlerOf(node);
        if (handler !== undefined) context.report({ node, messageId: 'voidPromise', data: { handler } });
      },
      ExpressionStatement(node) {
        const expr = node.expression;
        if (expr.type === 'UnaryExpression' || expr.type === 'AssignmentExpression' || expr.type === 'AwaitExpression' || expr.type === 'Literal') return;
        if (!isPromise(expr)) return;
        const handler = handlerOf(node);
        if (handler !== undefined) context.report({ node: expr, messageId: 'floatingPromise', data: { handler } });
      },
      VariableDeclarator(node) {
        // const p = save(event); … and p is never read: nobody waits for the work
        if (node.id.type !== 'Identifier' || !node.init || !isPromise(node.init)) return;
        const variable = context.sourceCode.getDeclaredVariables(node).find((v) => v.name === (node.id as { name: string }).name);
        if (!variable || variable.references.some((r) => r.isRead())) return;
        const handler = handlerOf(node);
        if (handler !== undefined) context.report({ node: node.init, messageId: 'floatingPromise', data: { handler } });
      },
      CallExpression(node) {
        const callee = unwrapTs(node.callee);
        if (callee.type !== 'Identifier' || (callee.name !== 'setTimeout' && callee.name !== 'setInterval')) return;
        if (!isGlobal(callee.name, node)) return;
        const handler = handlerOf(node);
        if (handler === undefined) return;
        if (callee.name === 'setInterval') {
          if (!timerBounded(node, 'clearInterval')) context.report({ node, messageId: 'intervalInHandler', data: { handler } });
        } else if (!timerBounded(node, 'clearTimeout')) {
          context.report({ node, messageId: 'timerNotCleared', data: { handler } });
        }
      },
    };
  },
};
