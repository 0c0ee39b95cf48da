import type { Rule, Scope } from 'eslint';
import type { Expression, Node, Program } from 'estree';
import { enclosingHandler, handlerInfo } from '../handler-detection.js';
import { unwrapTs } from '../import-bindings.js';
import type { LeakwatchRule } from '../rule.js';
import { docsUrl } from '../rule.js';

const GROW = new Set(['push', 'unshift', 'set', 'add']);
const SHRINK = new Set(['shift', 'pop', 'splice', 'delete', 'clear', 'length']);
const COMPARE = new Set(['<', '<=', '>', '>=', '===', '==', '!==', '!=']);

/** What a module-scope initializer makes, when it is a container that can grow. */
function containerKind(init: Expression): string | undefined {
  const e = unwrapTs(init);
  if (e.type === 'ArrayExpression') return 'array';
  if (e.type === 'ObjectExpression') return 'object';
  if (e.type === 'NewExpression' && e.callee.type === 'Identifier' && ['Map', 'Set', 'Array', 'Object'].includes(e.callee.name)) return e.callee.name;
  if (e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.object.type === 'Identifier' && e.callee.object.name === 'Object' && e.callee.property.type === 'Identifier' && e.callee.property.name === 'create') return 'object';
  return undefined;
}

/** How one reference to the container uses it. */
function usage(ref: Scope.Reference): 'grow' | 'bound' | 'other' {
  const id = ref.identifier as Rule.Node;
  if (ref.isWrite() && !ref.init) return 'bound'; // reassigned: cleared
  const p = id.parent;
  // exported, stored or returned: whoever else holds it may bound it
  if (p?.type === 'ExportSpecifier' || (p?.type === 'Property' && p.value === id) || (p?.type === 'AssignmentExpression' && p.right === id) || p?.type === 'ReturnStatement') return 'bound';
  if (p?.type !== 'MemberExpression' || p.object !== id) return 'other';
  const name = !p.computed && p.property.type === 'Identifier' ? p.property.name : undefined;
  const gp = p.parent;
  if (!gp) return 'other';
  if (name !== undefined && gp.type === 'CallExpression' && gp.callee === p) {
    if (GROW.has(name)) return gp.arguments[0]?.type === 'Literal' && name === 'set' ? 'other' : 'grow';
    if (SHRINK.has(name)) return 'bound';
    return 'other';
  }
  if (name === 'length' && gp.type === 'AssignmentExpression' && gp.left === p) return 'bound';
  if ((name === 'length' || name === 'size') && gp.type === 'BinaryExpression' && COMPARE.has(gp.operator)) return 'bound';
  if (gp.type === 'UnaryExpression' && gp.operator === 'delete') return 'bound';
  if (p.computed && gp.type === 'AssignmentExpression' && gp.left === p && p.property.type !== 'Literal') return 'grow';
  return 'other';
}

/**
 * `@leakwatch/no-unbounded-module-state`: disallow module-scope arrays, Maps, Sets and objects that a handler adds to and nothing ever removes, bounds or clears. See docs/rules/no-unbounded-module-state.md.
 *
 * @example
 * ```js
 * // eslint.config.js
 * export default [{ plugins: { '@leakwatch': leakwatch }, rules: { '@leakwatch/no-unbounded-module-state': 'error' } }];
 * ```
 */
export const noUnboundedModuleState: LeakwatchRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow module-scope arrays, Maps, Sets and objects that a handler adds to and nothing ever removes, bounds or clears',
      url: docsUrl('no-unbounded-module-state'),
      leakwatchKind: 'heap-growth',
      advice: 'keep per-request data inside the handler, or bound the cache (a size check that evicts, an LRU with a max, a TTL)',
      recommended: 'error',
    },
    messages: {
      unbounded: "Module-scope {{kind}} '{{name}}' grows in '{{handler}}' and nothing removes, bounds or clears it: a warm sandbox keeps every entry until it runs out of memory. Keep the data in the handler, or bound it (evict above a size).",
    },
    schema: [],
  },
  create(context) {
    return {
      'Program:exit'(program: Node) {
        const p = program as Program;
        for (const raw of p.body) {
          // an exported container may be bounded by the modules that import it
          if (raw.type !== 'VariableDeclaration') continue;
          const statement = raw;
          for (const d of statement.declarations) {
            if (d.id.type !== 'Identifier' || !d.init) continue;
            const kind = containerKind(d.init);
            if (!kind) continue;
            const variable = context.sourceCode.getDeclaredVariables(d).find((v) => v.name === (d.id as { name: string }).name);
            if (!variable) continue;
            let firstGrowth: { node: Rule.Node; handler: string } | undefined;
            let bounded = false;
            for (const ref of variable.references) {
              const use = usage(ref);
              if (use === 'bound') bounded = true;
              else if (use === 'grow' && !firstGrowth) {
                const node = (ref.identifier as Rule.Node).parent?.parent as Rule.Node;
                const handler = enclosingHandler(node, handlerInfo(context));
                if (handler !== undefined) firstGrowth = { node, handler };
              }
              if (bounded) break;
            }
            if (firstGrowth && !bounded) {
              context.report({ node: firstGrowth.node, messageId: 'unbounded', data: { kind, name: variable.name, handler: firstGrowth.handler } });
            }
          }
        }
      },
    };
  },
};
