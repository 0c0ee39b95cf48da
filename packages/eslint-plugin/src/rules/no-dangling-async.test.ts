import { ruleTester, tsRuleTester } from '../../test/rule-tester.js';
import { noDanglingAsync } from './no-dangling-async.js';

ruleTester.run('no-dangling-async', noDanglingAsync, {
  valid: [
    { name: 'awaited promise', code: `export const handler = async () => { await fetch('u', { signal: AbortSignal.timeout(1) }); };` },
    { name: 'returned promise', code: `async function save() {} export const handler = () => save();` },
    { name: 'timer cleared in finally', code: `export const handler = async () => {\n  const t = setTimeout(() => {}, 1000);\n  try { return await work(); } finally { clearTimeout(t); }\n};` },
    { name: 'awaited delay', code: `export const handler = async () => { await new Promise((r) => setTimeout(r, 100)); return 1; };` },
    { name: 'interval cleared in finally', code: `export async function handler() { let i; try { i = setInterval(tick, 10); await work(); } finally { clearInterval(i); } }` },
    { name: 'floating promise outside any handler', code: `async function warm() {} warm(); export const handler = async () => 1;` },
    { name: 'void 0', code: `export const handler = () => void 0;` },
    { name: 'sync calls are not promises', code: `function log() {} export const handler = async () => { log(); console.log('x'); };` },
    { name: 'a promise in a variable, awaited later', code: `export const handler = async () => { const p = fetch('u', { signal: AbortSignal.timeout(5) }); await other(); return await p; };` },
    { name: 'Promise.all awaited', code: `export const handler = async (e) => { await Promise.all(e.items.map(send)); };` },
  ],
  invalid: [
    { name: 'void p', code: `async function sendMetrics() {}\nexport const handler = async () => {\n  void sendMetrics();\n  return { statusCode: 200 };\n};`, errors: [{ messageId: 'voidPromise', line: 3, column: 3, data: { handler: 'handler' } }] },
    { name: 'floating call to a local async function', code: `const audit = async (e) => {};\nexports.handler = async (event) => { audit(event); return 1; };`, errors: [{ messageId: 'floatingPromise', line: 2, column: 38 }] },
    { name: 'a .catch() chain still dangles', code: `export const handler = async () => { fetch('u').catch(() => {}); };`, errors: [{ messageId: 'floatingPromise', line: 1, column: 38 }] },
    { name: 'floating promise in a helper the handler calls', code: `function notify() { fetch('https://hooks.example.com', { signal: AbortSignal.timeout(1000) }); }\nexport const handler = async () => { notify(); };`, errors: [{ messageId: 'floatingPromise', line: 1, column: 21 }] },
    { name: 'a promise kept in a variable nobody reads', code: `async function save(e) {}\nexport const handler = async (e) => {\n  const saving = save(e);\n  return { ok: true };\n};`, errors: [{ messageId: 'floatingPromise', line: 3, column: 18 }] },
    { name: 'timer never cleared', code: `export const handler = async () => {\n  setTimeout(() => flush(), 5000);\n  return 1;\n};`, errors: [{ messageId: 'timerNotCleared', line: 2, column: 3 }] },
    { name: 'timer cleared only on success', code: `export const handler = async () => { const t = setTimeout(abort, 5000); await work(); clearTimeout(t); };`, errors: [{ messageId: 'timerNotCleared', line: 1, column: 48 }] },
    { name: 'timer in a Promise.race', code: `export const handler = async () => Promise.race([work(), new Promise((_, rej) => setTimeout(rej, 1000))]);`, errors: [{ messageId: 'timerNotCleared', line: 1, column: 82 }] },
    { name: 'setInterval in a handler', code: `export const handler = async () => { setInterval(() => ping(), 1000); };`, errors: [{ messageId: 'intervalInHandler', line: 1, column: 38 }] },
  ],
});

tsRuleTester.run('no-dangling-async (TypeScript, no types)', noDanglingAsync, {
  valid: [],
  invalid: [
    { code: `export const handler = async (e: Event): Promise<void> => { void (fetch('u') as Promise<Response>); };`, errors: [{ messageId: 'voidPromise', line: 1, column: 61 }] },
  ],
});
