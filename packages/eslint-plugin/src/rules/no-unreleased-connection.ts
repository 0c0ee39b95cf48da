import type { Rule } from 'eslint';
import type { CallExpression, NewExpression, Program } from 'estree';
import { enclosingHandler, handlerInfo } from '../handler-detection.js';
import { importBindings, moduleReference, unwrapTs } from '../import-bindings.js';
import type { ModuleReference } from '../import-bindings.js';
import { lifetime, resolveIdentifier } from '../lifetime.js';
import type { LeakwatchRule } from '../rule.js';
import { docsUrl } from '../rule.js';
import { hoistSuggestion } from '../hoist-suggestion.js';

/** A database client factory: `module` plus the export path (`[]` for the module itself). */
export interface ConnectionFactory {
  module: string;
  name?: string;
  /** what the created thing is called in messages */
  label?: string;
  /** the call creates a pool whose `connect()`/`getConnection()` hands out connections */
  pool?: boolean;
}

/**
 * The database drivers known out of the box; `options.factories` adds more.
 *
 * @example
 * ```ts
 * CONNECTION_FACTORIES.some((f) => f.module === 'pg' && f.name === 'Pool'); // true
 * ```
 */
export const CONNECTION_FACTORIES: readonly ConnectionFactory[] = [
  ...['mysql', 'mysql2', 'mysql2/promise'].flatMap((m) => [
    { module: m, name: 'createConnection', label: 'MySQL connection' },
    { module: m, name: 'createPool', label: 'MySQL pool', pool: true },
    { module: m, name: 'createPoolCluster', label: 'MySQL pool cluster', pool: true },
  ]),
  { module: 'pg', name: 'Client', label: 'PostgreSQL client' },
  { module: 'pg', name: 'Pool', label: 'PostgreSQL pool', pool: true },
  { module: 'postgres', label: 'PostgreSQL client' },
  { module: 'mongodb', name: 'MongoClient', label: 'MongoDB client' },
  { module: 'mongoose', name: 'createConnection', label: 'MongoDB connection' },
  { module: 'redis', name: 'createClient', label: 'Redis client' },
  { module: 'redis', name: 'createCluster', label: 'Redis cluster client' },
  { module: 'ioredis', label: 'Redis client' },
  { module: 'ioredis', name: 'Redis', label: 'Redis client' },
  { module: 'ioredis', name: 'Cluster', label: 'Redis cluster client' },
  { module: 'mssql', name: 'ConnectionPool', label: 'SQL Server pool', pool: true },
  { module: 'oracledb', name: 'getConnection', label: 'Oracle connection' },
  { module: 'knex', label: 'knex pool' },
  { module: '@prisma/client', name: 'PrismaClient', label: 'Prisma client' },
];

const RELEASE = new Set(['end', 'release', 'quit', 'close', 'destroy', 'disconnect', '$disconnect']);
const CHECKOUT = new Set(['connect', 'getConnection']);

interface Options {
  factories?: ConnectionFactory[];
}

function matchFactory(ref: ModuleReference | undefined, factories: readonly ConnectionFactory[]): ConnectionFactory | undefined {
  if (!ref) return undefined;
  // MongoClient.connect(url) is a static factory too
  const path = ref.path.length === 2 && ref.path[1] === 'connect' ? ref.path.slice(0, 1) : ref.path;
  return factories.find((f) => f.module === ref.module && (f.name === undefined ? path.length === 0 : path.length === 1 && path[0] === f.name));
}

/**
 * `@leakwatch/no-unreleased-connection`: disallow database connections, clients and pools created inside a handler and not released on every path. See docs/rules/no-unreleased-connection.md.
 *
 * @example
 * ```js
 * // eslint.config.js
 * export default [{ plugins: { '@leakwatch': leakwatch }, rules: { '@leakwatch/no-unreleased-connection': 'error' } }];
 * ```
 */
export const noUnreleasedConnection: LeakwatchRule = {
  meta: {
    type: 'problem',
    hasSuggestions: true,
    docs: {
      description: 'Disallow database connections, clients and pools created inside a handler and not released on every path',
      url: docsUrl('no-unreleased-connection'),
      leakwatchKind: 'db-connection-leak',
      advice: 'create the connection outside the handler and reuse it, or close it (end/release/quit/close) in a finally block or with `await using`',
      recommended: 'error',
    },
    messages: {
      moveOutside: 'Create it once at module scope and reuse it across invocations.',
      neverReleased: "{{what}} created in '{{handler}}' is never closed: every warm invocation leaves one more open. Create it outside the handler and reuse it, or close it in a finally block.",
      notOnEveryPath: "{{what}} created in '{{handler}}' is closed only on the success path: an error leaves it open. Close it in a finally block (or with `await using`), or create it outside the handler.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          factories: {
            type: 'array',
            items: {
              type: 'object',
              properties: { module: { type: 'string' }, name: { type: 'string' }, label: { type: 'string' }, pool: { type: 'boolean' } },
              required: ['module'],
              additionalProperties: false,
            },
          },
        },
        additionalProperties: false,
      },
    ],
  },
  create(context) {
    const options = (context.options[0] ?? {}) as Options;
    const factories = [...CONNECTION_FACTORIES, ...(options.factories ?? [])];
    const program = context.sourceCode.ast as Program;
    const bindings = importBindings(program);
    if (bindings.size === 0 && (options.factories ?? []).length === 0) return {};

    function check(node: (CallExpression | NewExpression) & Rule.NodeParentExtension, what: string): void {
      const handler = enclosingHandler(node, handlerInfo(context));
      if (handler === undefined) return;
      const life = lifetime(context.sourceCode, node, RELEASE);
      if (life.outer || life.escapes || life.released === 'finally') return;
      const suggest = life.released === 'never' ? hoistSuggestion(context.sourceCode, node, 'moveOutside') : undefined;
      context.report({ node, messageId: life.released === 'never' ? 'neverReleased' : 'notOnEveryPath', data: { what: `A ${what}`, handler }, ...(suggest ? { suggest: [suggest] } : {}) });
    }

    function visit(node: (CallExpression | NewExpression) & Rule.NodeParentExtension): void {
      const factory = matchFactory(moduleReference(node.callee, bindings), factories);
      if (factory) return check(node, factory.label ?? `${factory.module} connection`);
      // pool.connect() / pool.getConnection() checks a connection out of a pool: it must go back
      const callee = unwrapTs(node.callee);
      if (node.type !== 'CallExpression' || callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !CHECKOUT.has(callee.property.name)) return;
      if (node.arguments.some((a) => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression')) return;
      const pool = resolveIdentifier(context.sourceCode, callee.object);
      const def = pool?.defs[0]?.node as { type?: string; init?: Rule.Node | null } | undefined;
      if (def?.type !== 'VariableDeclarator' || !def.init) return;
      const init = unwrapTs(def.init.type === 'AwaitExpression' ? def.init.argument : def.init);
      if (init.type !== 'CallExpression' && init.type !== 'NewExpression') return;
      const poolFactory = matchFactory(moduleReference(init.callee, bindings), factories);
      if (poolFactory?.pool) check(node, `connection checked out of a ${poolFactory.label ?? 'pool'}`);
    }

    return { CallExpression: visit, NewExpression: visit };
  },
};
