import { ruleTester } from '../../test/rule-tester.js';
import { noListenerPerInvocation } from './no-listener-per-invocation.js';

ruleTester.run('no-listener-per-invocation', noListenerPerInvocation, {
  valid: [
    { name: 'registered once at module scope', code: `process.on('unhandledRejection', log); export const handler = async () => 1;` },
    {
      name: 'a listener removed in finally',
      code: `export const handler = async () => {\n  const onWarn = (w) => log(w);\n  process.on('warning', onWarn);\n  try { return await work(); } finally { process.off('warning', onWarn); }\n};`,
    },
    { name: 'a per-invocation emitter', code: `import { EventEmitter } from 'node:events'; export const handler = async () => { const e = new EventEmitter(); e.on('x', () => {}); };` },
    {
      name: 'a lazily created module-scope client gets its listener once',
      code: `import pg from 'pg';\nlet client;\nasync function get() { if (!client) { client = new pg.Client(); client.on('error', () => { client = undefined; }); } return client; }\nexport const handler = async () => (await get()).query('x');`,
    },
    { name: 'a local stream', code: `export const handler = async (req) => { const s = open(req); s.on('data', (d) => {}); };` },
  ],
  invalid: [
    {
      name: 'process.on per invocation',
      code: `exports.handler = async (event) => {\n  process.on('unhandledRejection', (e) => console.error(event.id, e));\n  return 1;\n};`,
      errors: [{ messageId: 'listenerGrowth', line: 2, column: 3, data: { emitter: 'process', method: 'on', handler: 'handler' } }],
    },
    {
      name: 'a module-scope client emitter',
      code: `import Redis from 'ioredis';\nconst redis = new Redis();\nexport const handler = async (e) => {\n  redis.once('error', (err) => fail(e, err));\n  return redis.get(e.key);\n};`,
      errors: [{ messageId: 'listenerGrowth', line: 4, column: 3, data: { emitter: 'redis', method: 'once', handler: 'handler' } }],
    },
    { name: 'an imported emitter', code: `import { bus } from './bus.js'; export const handler = async (e) => { bus.addListener('done', () => e); };`, errors: [{ messageId: 'listenerGrowth', line: 1, column: 71 }] },
  ],
});
