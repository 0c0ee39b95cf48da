import type { Rule } from 'eslint';
import type { CallExpression, Node, NewExpression, Program } from 'estree';
import { importBindings, moduleReference, unwrapTs } from '../import-bindings.js';
import type { ModuleReference } from '../import-bindings.js';
import { findVariable, holder, resolveIdentifier } from '../lifetime.js';
import { optionKey, optionValue } from '../object-keys.js';
import type { LeakwatchRule } from '../rule.js';
import { docsUrl } from '../rule.js';

type Call = (CallExpression | NewExpression) & Rule.NodeParentExtension;

const FETCH_MODULES = new Set(['undici', 'node-fetch', 'cross-fetch']);
/** axios methods and the index of their config argument */
const AXIOS_CONFIG: Record<string, number> = { request: 0, get: 1, delete: 1, head: 1, options: 1, post: 2, put: 2, patch: 2, postForm: 2, putForm: 2, patchForm: 2 };
const GOT_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'stream', 'paginate']);
/** The library that makes an instance, its factory method, and the option keys that bound a request. */
const INSTANCE_FACTORIES: Record<string, { factory: string; keys: string[] }> = {
  axios: { factory: 'create', keys: ['timeout', 'signal'] },
  got: { factory: 'extend', keys: ['timeout', 'signal'] },
};

/**
 * `@leakwatch/require-request-timeout`: require a timeout or abort signal on outbound requests: fetch, axios, got, http/https, undici and AWS SDK clients. See docs/rules/require-request-timeout.md.
 *
 * @example
 * ```js
 * // eslint.config.js
 * export default [{ plugins: { '@leakwatch': leakwatch }, rules: { '@leakwatch/require-request-timeout': 'error' } }];
 * ```
 */
export const requireRequestTimeout: LeakwatchRule = {
  meta: {
    type: 'problem',
    docs: {
      description: 'Require a timeout or abort signal on outbound requests: fetch, axios, got, http/https, undici and AWS SDK clients',
      url: docsUrl('require-request-timeout'),
      leakwatchKind: 'request-without-timeout',
      advice: 'bound every outbound call: fetch(url, { signal: AbortSignal.timeout(ms) }), axios/got { timeout }, http.request { timeout }, AWS SDK requestHandler { requestTimeout }',
      recommended: 'error',
    },
    messages: {
      missingSignal: '{{call}} has no abort signal: a hung server keeps the invocation (and its bill) running until the platform timeout. Pass `signal: AbortSignal.timeout(ms)`.',
      missingTimeout: '{{call}} has no {{option}}: a hung server keeps the invocation (and its bill) running until the platform timeout.',
      clientWithoutTimeout: '{{call}} has no request timeout: its calls wait on a hung service until the platform timeout. Set {{option}}.',
    },
    schema: [],
  },
  create(context) {
    const program = context.sourceCode.ast as Program;
    const bindings = importBindings(program);
    const defaults = timeoutDefaults(context, program);

    /** An identifier argument declared `const x = { ... }` reads as its object literal. */
    function resolved(node: Node | undefined): Node | undefined {
      if (!node || unwrapTs(node).type !== 'Identifier') return node;
      const variable = resolveIdentifier(context.sourceCode, node);
      const def = variable?.defs[0]?.node as { type?: string; init?: Node | null } | undefined;
      if (def?.type === 'VariableDeclarator' && def.init && unwrapTs(def.init).type === 'ObjectExpression' && variable?.references.every((r) => !r.isWrite() || r.init)) return def.init;
      return node;
    }

    function report(node: Call, messageId: string, call: string, option = ''): void {
      context.report({ node, messageId, data: { call, option } });
    }

    /** `api.get(...)` on an instance made by axios.create / got.extend: the instance's defaults count. */
    function instanceOf(node: Node): { library: string; configured: boolean } | undefined {
      const variable = resolveIdentifier(context.sourceCode, node);
      const def = variable?.defs[0]?.node as { type?: string; init?: Node | null } | undefined;
      if (!variable || def?.type !== 'VariableDeclarator' || !def.init) return undefined;
      const init = unwrapTs(def.init);
      if (init.type !== 'CallExpression') return undefined;
      const ref = moduleReference(init.callee, bindings);
      const spec = ref ? INSTANCE_FACTORIES[ref.module] : undefined;
      if (!ref || !spec || ref.path.length !== 1 || ref.path[0] !== spec.factory) return undefined;
      return { library: ref.module, configured: optionKey(resolved(init.arguments[0]), spec.keys) !== 'no' || defaults.has(variable.name) };
    }

    function checkAxiosLike(node: Call, library: string, method: string | undefined, configured: boolean, label: string): void {
      if (configured) return;
      if (library === 'axios') {
        if (method === undefined) {
          // axios(config) or axios(url, config)
          const first = node.arguments[0];
          const config = first && unwrapTs(first).type === 'ObjectExpression' ? first : node.arguments[1];
          if (optionKey(resolved(config), ['timeout', 'signal']) === 'no') report(node, 'missingTimeout', label, 'timeout');
          return;
        }
        const index = AXIOS_CONFIG[method];
        if (index === undefined) return;
        if (node.arguments.length > index + 1) return;
        if (optionKey(resolved(node.arguments[index]), ['timeout', 'signal']) === 'no') report(node, 'missingTimeout', label, 'timeout');
      } else if (library === 'got') {
        if (method !== undefined && !GOT_METHODS.has(method)) return;
        if (node.arguments.some((a) => optionKey(resolved(a), ['timeout', 'signal']) !== 'no' && unwrapTs(a).type !== 'Literal' && unwrapTs(a).type !== 'TemplateLiteral' && !isUrlLike(a))) return;
        report(node, 'missingTimeout', label, 'timeout');
      }
    }

    function checkModuleCall(node: Call, ref: ModuleReference): void {
      const label = [ref.module, ...ref.path].join('.');
      const [first, second] = ref.path;
      if (node.type === 'CallExpression' && FETCH_MODULES.has(ref.module) && (first === 'fetch' || (first === undefined && ref.module !== 'undici'))) {
        if (optionKey(resolved(node.arguments[1]), ['signal', 'timeout']) === 'no') report(node, 'missingSignal', 'fetch()');
      } else if (node.type === 'CallExpression' && (ref.module === 'axios' || ref.module === 'got') && second === undefined) {
        if (first === INSTANCE_FACTORIES[ref.module]?.factory) return;
        checkAxiosLike(node, ref.module, first, defaults.has(ref.module), label + '()');
      } else if (node.type === 'CallExpression' && (ref.module === 'http' || ref.module === 'https') && (first === 'request' || first === 'get') && second === undefined) {
        checkHttp(node, label + '()');
      } else if (node.type === 'CallExpression' && ref.module === 'undici' && (first === 'request' || first === 'stream')) {
        if (optionKey(resolved(node.arguments[1]), ['signal', 'headersTimeout', 'bodyTimeout']) === 'no') report(node, 'missingTimeout', label + '()', 'signal or headersTimeout/bodyTimeout');
      } else if (node.type === 'NewExpression' && ref.module.startsWith('@aws-sdk/client-') && first?.endsWith('Client') && second === undefined) {
        checkAwsV3(node, `new ${first}()`);
      } else if (node.type === 'NewExpression' && ref.module === 'aws-sdk' && first !== undefined && second === undefined && /^[A-Z]/.test(first)) {
        const config = resolved(node.arguments[0]);
        const has = optionKey(config, ['httpOptions']);
        if (has === 'no' || (has === 'yes' && optionKey(optionValue(config, 'httpOptions'), ['timeout']) === 'no')) {
          report(node, 'clientWithoutTimeout', `new AWS.${first}()`, 'httpOptions: { timeout }');
        }
      }
    }

    function checkHttp(node: Call, label: string): void {
      if (node.arguments.some((a) => { const k = optionKey(resolved(a), ['timeout', 'signal']); return k === 'yes' || (k === 'unknown' && !isFunctionLike(a) && !isUrlLike(a)); })) return;
      // req.setTimeout(ms) on the returned request
      const top = holder(node);
      if (top.parent?.type === 'MemberExpression' && top.parent.property.type === 'Identifier' && top.parent.property.name === 'setTimeout') return;
      if (top.parent?.type === 'VariableDeclarator' && top.parent.id.type === 'Identifier') {
        const variable = findVariable(context.sourceCode.getScope(top.parent), top.parent.id.name);
        if (variable?.references.some((r) => { const p = (r.identifier as Rule.Node).parent; return p?.type === 'MemberExpression' && p.property.type === 'Identifier' && p.property.name === 'setTimeout'; })) return;
      }
      report(node, 'missingTimeout', label, 'timeout');
    }

    function checkAwsV3(node: Call, label: string): void {
      const config = resolved(node.arguments[0]);
      const has = optionKey(config, ['requestHandler']);
      if (has === 'unknown') return;
      if (has === 'yes') {
        const handler = unwrapTs(optionValue(config, 'requestHandler') as Node);
        const handlerConfig = handler.type === 'NewExpression' ? handler.arguments[0] : handler;
        if (optionKey(handlerConfig, ['requestTimeout']) !== 'no') return;
      }
      report(node, 'clientWithoutTimeout', label, 'requestHandler: { requestTimeout }');
    }

    function visit(node: Call): void {
      const callee = unwrapTs(node.callee);
      if (node.type === 'CallExpression' && callee.type === 'Identifier' && callee.name === 'fetch' && !bindings.has('fetch') && !findVariable(context.sourceCode.getScope(node), 'fetch')?.defs.length) {
        if (optionKey(resolved(node.arguments[1]), ['signal']) === 'no') report(node, 'missingSignal', 'fetch()');
        return;
      }
      const ref = moduleReference(callee, bindings);
      if (ref) return checkModuleCall(node, ref);
      // instance.get(...) / instance(...)
      if (node.type !== 'CallExpression') return;
      const target = callee.type === 'MemberExpression' ? callee.object : callee;
      const method = callee.type === 'MemberExpression' && callee.property.type === 'Identifier' ? callee.property.name : undefined;
      if (target.type !== 'Identifier') return;
      const instance = instanceOf(target);
      if (instance) checkAxiosLike(node, instance.library, method, instance.configured, `${target.name}${method ? '.' + method : ''}()`);
    }

    return { CallExpression: visit, NewExpression: visit };
  },
};

/** Names whose `.defaults.timeout` (axios) is assigned anywhere in the module. */
function timeoutDefaults(context: Rule.RuleContext, program: Program): Set<string> {
  const names = new Set<string>();
  const text = context.sourceCode.text;
  if (!text.includes('defaults')) return names;
  const bindings = importBindings(program);
  for (const statement of program.body) {
    if (statement.type !== 'ExpressionStatement' || statement.expression.type !== 'AssignmentExpression') continue;
    const left = statement.expression.left;
    // axios.defaults.timeout = 5000
    if (left.type === 'MemberExpression' && left.property.type === 'Identifier' && left.property.name === 'timeout' && left.object.type === 'MemberExpression' && left.object.property.type === 'Identifier' && left.object.property.name === 'defaults' && left.object.object.type === 'Identifier') {
      const name = left.object.object.name;
      const ref = moduleReference(left.object.object, bindings);
      names.add(ref && ref.path.length === 0 ? ref.module : name);
    }
  }
  return names;
}

function isFunctionLike(node: Node): boolean {
  const t = unwrapTs(node).type;
  return t === 'FunctionExpression' || t === 'ArrowFunctionExpression';
}

function isUrlLike(node: Node): boolean {
  const n = unwrapTs(node);
  if (n.type === 'Literal' || n.type === 'TemplateLiteral') return true;
  if (n.type === 'NewExpression' && n.callee.type === 'Identifier' && n.callee.name === 'URL') return true;
  return n.type === 'Identifier' && /url|uri|href|endpoint/i.test(n.name);
}
