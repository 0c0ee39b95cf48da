import type { Rule } from 'eslint';
import type { NewExpression, Program } from 'estree';
import { enclosingHandler, handlerInfo } from '../handler-detection.js';
import { importBindings, moduleReference } from '../import-bindings.js';
import type { ModuleReference } from '../import-bindings.js';
import { lifetime } from '../lifetime.js';
import { optionValue } from '../object-keys.js';
import type { LeakwatchRule } from '../rule.js';
import { docsUrl } from '../rule.js';
import { hoistSuggestion } from '../hoist-suggestion.js';

const RELEASE = new Set(['destroy', 'close', 'end']);

/** What `new X()` makes when X is an SDK client or a keep-alive agent, else undefined. */
function clientKind(ref: ModuleReference, node: NewExpression): string | undefined {
  const [first, second] = ref.path;
  if (!first) return undefined;
  if (ref.module.startsWith('@aws-sdk/client-') && first.endsWith('Client') && second === undefined) return `AWS SDK client ${first}`;
  if (ref.module === 'aws-sdk' && /^[A-Z]/.test(first)) return `AWS SDK v2 client ${ref.path.join('.')}`;
  if ((ref.module.startsWith('@google-cloud/') || ref.module.startsWith('@azure/')) && /^[A-Z]\w*(Client)?$/.test(first) && second === undefined && (ref.module.startsWith('@google-cloud/') || first.endsWith('Client'))) {
    return `SDK client ${first}`;
  }
  if (ref.module === 'undici' && ['Agent', 'Pool', 'Client', 'BalancedPool'].includes(first)) return `undici ${first}`;
  if ((ref.module === 'http' || ref.module === 'https') && first === 'Agent') {
    const keepAlive = optionValue(node.arguments[0], 'keepAlive');
    return keepAlive?.type === 'Literal' && keepAlive.value === true ? `keep-alive ${ref.module}.Agent` : undefined;
  }
  return undefined;
}

/**
 * `@leakwatch/no-client-per-invocation`: disallow SDK clients and keep-alive agents constructed per invocation. See docs/rules/no-client-per-invocation.md.
 *
 * @example
 * ```js
 * // eslint.config.js
 * export default [{ plugins: { '@leakwatch': leakwatch }, rules: { '@leakwatch/no-client-per-invocation': 'error' } }];
 * ```
 */
export const noClientPerInvocation: LeakwatchRule = {
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow SDK clients and keep-alive agents constructed per invocation',
      url: docsUrl('no-client-per-invocation'),
      leakwatchKind: 'handle-growth',
      advice: 'construct SDK clients and agents once at module scope and reuse them across invocations',
      recommended: 'error',
    },
    messages: {
      moveOutside: 'Create it once at module scope and reuse it across invocations.',
      clientPerInvocation: "A new {{what}} per invocation of '{{handler}}': each keeps its own sockets and pool, and a warm sandbox piles them up (and pays the TLS handshake every time). Create it once at module scope and reuse it.",
    },
    schema: [],
  },
  create(context) {
    const bindings = importBindings(context.sourceCode.ast as Program);
    if (bindings.size === 0) return {};
    return {
      NewExpression(node: NewExpression & Rule.NodeParentExtension) {
        const ref = moduleReference(node.callee, bindings);
        const what = ref ? clientKind(ref, node) : undefined;
        if (!what) return;
        const handler = enclosingHandler(node, handlerInfo(context));
        if (handler === undefined) return;
        const life = lifetime(context.sourceCode, node, RELEASE);
        if (life.outer || life.escapes || life.released === 'finally') return;
        const suggest = hoistSuggestion(context.sourceCode, node, 'moveOutside');
        context.report({ node, messageId: 'clientPerInvocation', data: { what, handler }, ...(suggest ? { suggest: [suggest] } : {}) });
      },
    };
  },
};
