import { ruleTester } from '../../test/rule-tester.js';
import { requireRequestTimeout } from './require-request-timeout.js';

const cjs = { sourceType: 'commonjs' as const };

ruleTester.run('require-request-timeout', requireRequestTimeout, {
  valid: [
    { name: 'fetch with AbortSignal.timeout', code: `export const handler = async () => (await fetch('https://api.example.com', { signal: AbortSignal.timeout(3000) })).json();` },
    { name: 'fetch options in a const', code: `const opts = { signal: AbortSignal.timeout(1000) }; export const handler = () => fetch('u', opts);` },
    { name: 'fetch options we cannot read', code: `export const handler = (event, init) => fetch(event.url, init);` },
    { name: 'a local function called fetch', code: `function fetch(x) { return x; } fetch('u');` },
    { name: 'axios with timeout', code: `import axios from 'axios'; export const handler = () => axios.get('u', { timeout: 2000 });` },
    { name: 'axios post with config timeout', code: `import axios from 'axios'; axios.post('u', { a: 1 }, { timeout: 2000 });` },
    { name: 'axios instance defaults count', code: `import axios from 'axios'; const api = axios.create({ baseURL: 'u', timeout: 2000 }); export const handler = () => api.get('/x');` },
    { name: 'axios.defaults.timeout set once', code: `const axios = require('axios'); axios.defaults.timeout = 2500; exports.handler = () => axios.get('u');`, languageOptions: cjs },
    { name: 'instance.defaults.timeout set once', code: `import axios from 'axios'; const api = axios.create(); api.defaults.timeout = 1000; api.get('x');` },
    { name: 'https.get with timeout option', code: `import https from 'node:https'; https.get('https://x', { timeout: 2000 }, (res) => res.resume());` },
    { name: 'http.request then req.setTimeout', code: `const http = require('http'); const req = http.request(opts, () => {}); req.setTimeout(1000); req.end();`, languageOptions: cjs },
    { name: 'got with timeout', code: `import got from 'got'; got('https://x', { timeout: { request: 2000 } });` },
    { name: 'got instance with timeout', code: `import got from 'got'; const client = got.extend({ timeout: { request: 1000 } }); client.get('x');` },
    { name: 'undici request with signal', code: `import { request } from 'undici'; request('http://x', { signal: AbortSignal.timeout(1000) });` },
    { name: 'AWS SDK v3 client with requestTimeout', code: `import { S3Client } from '@aws-sdk/client-s3'; const s3 = new S3Client({ requestHandler: { requestTimeout: 3000 } });` },
    { name: 'AWS SDK v3 client with NodeHttpHandler', code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb'; import { NodeHttpHandler } from '@smithy/node-http-handler'; const db = new DynamoDBClient({ requestHandler: new NodeHttpHandler({ connectionTimeout: 500, requestTimeout: 2000 }) });` },
    { name: 'AWS SDK v2 with httpOptions.timeout', code: `const AWS = require('aws-sdk'); const s3 = new AWS.S3({ httpOptions: { timeout: 2000 } });`, languageOptions: cjs },
    { name: 'SDK commands are not clients', code: `import { GetObjectCommand } from '@aws-sdk/client-s3'; new GetObjectCommand({ Bucket: 'b', Key: 'k' });` },
  ],
  invalid: [
    { name: 'fetch without options', code: `export const handler = async () => {\n  const res = await fetch('https://payments.example.com/charge');\n  return res.json();\n};`, errors: [{ messageId: 'missingSignal', line: 2, column: 21 }] },
    { name: 'fetch with options but no signal', code: `fetch('u', { method: 'POST', body: '{}' });`, errors: [{ messageId: 'missingSignal', line: 1, column: 1 }] },
    { name: 'node-fetch without signal', code: `import fetch from 'node-fetch'; fetch('u');`, errors: [{ messageId: 'missingSignal', line: 1, column: 33 }] },
    { name: 'axios.get without timeout', code: `import axios from 'axios';\nexport const handler = () => axios.get('https://x');`, errors: [{ messageId: 'missingTimeout', line: 2, column: 30, data: { call: 'axios.get()', option: 'timeout' } }] },
    { name: 'axios(config) without timeout', code: `const axios = require('axios'); axios({ url: 'u', method: 'get' });`, languageOptions: cjs, errors: [{ messageId: 'missingTimeout', line: 1, column: 33 }] },
    { name: 'axios instance without timeout', code: `import axios from 'axios'; const api = axios.create({ baseURL: 'u' }); api.post('/x', {});`, errors: [{ messageId: 'missingTimeout', line: 1, column: 72, data: { call: 'api.post()', option: 'timeout' } }] },
    { name: 'https.get with a callback only', code: `import https from 'https'; https.get(url, (res) => res.resume());`, errors: [{ messageId: 'missingTimeout', line: 1, column: 28, data: { call: 'https.get()', option: 'timeout' } }] },
    { name: 'http.request with options lacking timeout', code: `import { request } from 'node:http'; request({ host: 'x', path: '/' }, () => {}).end();`, errors: [{ messageId: 'missingTimeout', line: 1, column: 38 }] },
    { name: 'got without timeout', code: `import got from 'got'; got.post('https://x', { json: {} });`, errors: [{ messageId: 'missingTimeout', line: 1, column: 24 }] },
    { name: 'undici request without timeouts', code: `import { request } from 'undici'; request('http://x');`, errors: [{ messageId: 'missingTimeout', line: 1, column: 35 }] },
    { name: 'undici fetch without signal', code: `import { fetch } from 'undici'; fetch('http://x', {});`, errors: [{ messageId: 'missingSignal', line: 1, column: 33 }] },
    { name: 'AWS SDK v3 client without requestHandler', code: `import { S3Client } from '@aws-sdk/client-s3';\nconst s3 = new S3Client({ region: 'eu-west-1' });`, errors: [{ messageId: 'clientWithoutTimeout', line: 2, column: 12, data: { call: 'new S3Client()', option: 'requestHandler: { requestTimeout }' } }] },
    { name: 'AWS SDK v3 handler without requestTimeout', code: `import { SQSClient } from '@aws-sdk/client-sqs'; new SQSClient({ requestHandler: { connectionTimeout: 100 } });`, errors: [{ messageId: 'clientWithoutTimeout', line: 1, column: 50 }] },
    { name: 'AWS SDK v2 without httpOptions', code: `const AWS = require('aws-sdk'); const ddb = new AWS.DynamoDB.DocumentClient();\nconst s3 = new AWS.S3();`, languageOptions: cjs, errors: [{ messageId: 'clientWithoutTimeout', line: 2, column: 12 }] },
  ],
});
