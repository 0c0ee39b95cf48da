import type { Rule } from 'eslint';
import { ruleTester } from '../test/rule-tester.js';
import { enclosingHandler, handlerInfo } from './handler-detection.js';

// A probe rule: reports every `probe()` call that runs per invocation, naming its handler.
const probe: Rule.RuleModule = {
  meta: { type: 'problem', messages: { inHandler: 'in {{handler}}' }, schema: [] },
  create(context) {
    return {
      CallExpression(node) {
        if (node.callee.type !== 'Identifier' || node.callee.name !== 'probe') return;
        const handler = enclosingHandler(node, handlerInfo(context));
        if (handler !== undefined) context.report({ node, messageId: 'inHandler', data: { handler } });
      },
    };
  },
};

const cjs = { sourceType: 'commonjs' as const };
const hit = (handler: string, line = 1) => [{ messageId: 'inHandler', data: { handler }, line }];

ruleTester.run('handler detection', probe, {
  valid: [
    { name: 'module scope runs once', code: `probe(); export const handler = async () => 1;` },
    { name: 'an exported non-handler', code: `export function migrate() { probe(); }` },
    { name: 'a function nobody calls', code: `function unused() { probe(); } export const handler = async () => 1;` },
    { name: 'module.exports = fn without context is library code', code: `module.exports = function load() { probe(); };`, languageOptions: cjs },
    { name: 'Express routes are not handlers', code: `app.get('/x', (req, res) => { probe(); });` },
    { name: 'handler names from settings replace the defaults', code: `export const handler = () => probe();`, settings: { leakwatch: { handlerNames: ['main'] } } },
  ],
  invalid: [
    { name: 'export const', code: `export const handler = async () => { probe(); };`, errors: hit('handler') },
    { name: 'export function', code: `export async function lambdaHandler() { probe(); }`, errors: hit('lambdaHandler') },
    { name: 'export { fn as handler }', code: `async function main() { probe(); } export { main as handler };`, errors: hit('handler') },
    { name: 'any *Handler export', code: `export const ordersHandler = async () => probe();`, errors: hit('ordersHandler') },
    { name: 'exports.handler', code: `exports.handler = async () => probe();`, languageOptions: cjs, errors: hit('handler') },
    { name: 'module.exports.handler', code: `module.exports.handler = function () { probe(); };`, languageOptions: cjs, errors: hit('handler') },
    { name: 'module.exports = { handler }', code: `async function handler() { probe(); }\nmodule.exports = { handler };`, languageOptions: cjs, errors: hit('handler') },
    { name: 'Azure v3 module.exports', code: `module.exports = async function (context, req) { probe(); };`, languageOptions: cjs, errors: hit('module.exports') },
    { name: 'a wrapped handler variable', code: `const base = async () => probe();\nconst wrapped = middy(base).use(cors());\nexport { wrapped as handler };`, errors: hit('handler') },
    { name: 'Azure v4 timer', code: `app.timer('nightly', { schedule: '0 0 * * *', handler: async () => { probe(); } });`, errors: hit('nightly') },
    { name: 'Google cloudEvent', code: `functions.cloudEvent('onUpload', async (e) => { probe(); });`, errors: hit('onUpload') },
    { name: 'Google named import', code: `import { http } from '@google-cloud/functions-framework';\nhttp('api', (req, res) => probe());`, errors: hit('api', 2) },
    { name: 'a callee two calls deep', code: `function c() { probe(); }\nfunction b() { c(); }\nexport const handler = async () => b();`, errors: hit('handler') },
    { name: 'a function passed as a callback', code: `function each(x) { probe(x); }\nexport const handler = async (e) => e.items.forEach(each);`, errors: hit('handler') },
    { name: 'a callback nested in the handler', code: `export const handler = async (e) => { e.items.map((x) => probe(x)); };`, errors: hit('handler') },
    { name: 'configured handler names', code: `export async function main() { probe(); }`, settings: { leakwatch: { handlerNames: ['main'] } }, errors: hit('main') },
  ],
});
