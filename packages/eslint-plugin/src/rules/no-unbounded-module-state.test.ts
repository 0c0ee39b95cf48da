import { ruleTester } from '../../test/rule-tester.js';
import { noUnboundedModuleState } from './no-unbounded-module-state.js';

ruleTester.run('no-unbounded-module-state', noUnboundedModuleState, {
  valid: [
    { name: 'per-invocation array', code: `export const handler = async (e) => { const items = []; items.push(e); return items.length; };` },
    {
      name: 'a bounded LRU',
      code: `const MAX = 100;\nconst cache = new Map();\nexport const handler = async (e) => {\n  if (cache.size >= MAX) cache.delete(cache.keys().next().value);\n  cache.set(e.id, e);\n};`,
    },
    { name: 'cleared at the end of each invocation', code: `const seen = new Set(); export const handler = async (e) => { try { seen.add(e.id); } finally { seen.clear(); } };` },
    { name: 'reassigned', code: `let batch = []; export const handler = async (e) => { batch.push(e); if (batch.length > 10) { await flush(batch); batch = []; } };` },
    { name: 'a fixed key', code: `const state = new Map(); export const handler = async (e) => { state.set('last', e.id); };` },
    { name: 'grows at module scope only (once)', code: `const list = []; list.push(1); export const handler = async () => list.length;` },
    { name: 'WeakMap is not retained', code: `const meta = new WeakMap(); export const handler = async (e) => { meta.set(e, 1); };` },
    { name: 'module.exports = fn without a context parameter is library code', code: `const cache = {};\nmodule.exports = function load(name) { cache[name] = require(name); return cache[name]; };`, languageOptions: { sourceType: 'commonjs' } },
    { name: 'exported: importers may bound it', code: `export const registry = new Map(); export const handler = async (e) => { registry.set(e.id, e); };` },
    { name: 'exported by name', code: `const registry = []; module.exports = { registry, handler: async (e) => { registry.push(e); } };`, languageOptions: { sourceType: 'commonjs' } },
    { name: 'shifted elsewhere', code: `const queue = []; export const handler = async (e) => { queue.push(e); }; export function drain() { return queue.shift(); }` },
  ],
  invalid: [
    {
      name: "the seed's growing list",
      code: `const results = [];\nexports.handler = async (event) => {\n  results.push(event.body);\n  return { statusCode: 200 };\n};`,
      errors: [{ messageId: 'unbounded', line: 3, column: 3, data: { kind: 'array', name: 'results', handler: 'handler' } }],
    },
    { name: 'a Map cache keyed by request', code: `const cache = new Map();\nexport const handler = async (e) => { cache.set(e.id, await load(e.id)); return cache.get(e.id); };`, errors: [{ messageId: 'unbounded', line: 2, column: 39, data: { kind: 'Map', name: 'cache', handler: 'handler' } }] },
    { name: 'an Azure Functions v3 handler (module.exports = function (context, req))', code: `const log = [];\nmodule.exports = async function (context, req) { log.push(req.body); };`, languageOptions: { sourceType: 'commonjs' }, errors: [{ messageId: 'unbounded', line: 2, column: 50, data: { kind: 'array', name: 'log', handler: 'module.exports' } }] },
    { name: 'a Set of ids', code: `const seen = new Set(); export const handler = (e) => { seen.add(e.id); };`, errors: [{ messageId: 'unbounded', line: 1, column: 57 }] },
    { name: 'an object keyed by request', code: `const sessions = {};\nfunction remember(e) { sessions[e.user] = e; }\nexport const handler = async (e) => { remember(e); };`, errors: [{ messageId: 'unbounded', line: 2, column: 24, data: { kind: 'object', name: 'sessions', handler: 'handler' } }] },
  ],
});
