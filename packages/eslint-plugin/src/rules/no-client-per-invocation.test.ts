import { ruleTester } from '../../test/rule-tester.js';
import { noClientPerInvocation } from './no-client-per-invocation.js';

const cjs = { sourceType: 'commonjs' as const };

ruleTester.run('no-client-per-invocation', noClientPerInvocation, {
  valid: [
    { name: 'client at module scope', code: `import { S3Client } from '@aws-sdk/client-s3'; const s3 = new S3Client({}); export const handler = async () => s3.send(cmd);` },
    { name: 'lazy module-scope client', code: `import { SQSClient } from '@aws-sdk/client-sqs'; let sqs; export const handler = async () => { sqs ??= new SQSClient({}); };` },
    { name: 'a client destroyed in finally', code: `import { S3Client } from '@aws-sdk/client-s3'; export const handler = async () => { const s3 = new S3Client({}); try { await s3.send(c); } finally { s3.destroy(); } };` },
    { name: 'an agent without keep-alive', code: `import https from 'https'; export const handler = async () => { const a = new https.Agent(); };` },
    { name: 'commands are not clients', code: `import { PutObjectCommand } from '@aws-sdk/client-s3'; export const handler = async () => new PutObjectCommand({});` },
  ],
  invalid: [
    {
      name: 'an SDK client per invocation',
      code: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const handler = async (event) => {\n  const db = new DynamoDBClient({});\n  return db.send(get(event));\n};`,
      errors: [
        {
          messageId: 'clientPerInvocation',
          line: 3,
          column: 14,
          data: { what: 'AWS SDK client DynamoDBClient', handler: 'handler' },
          suggestions: [{ messageId: 'moveOutside', output: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nconst db = new DynamoDBClient({});\n\nexport const handler = async (event) => {\n  return db.send(get(event));\n};` }],
        },
      ],
    },
    {
      name: 'no move suggestion when the client uses the event',
      code: `import { S3Client } from '@aws-sdk/client-s3'; export const handler = async (event) => { const s3 = new S3Client({ region: event.region }); };`,
      errors: [{ messageId: 'clientPerInvocation', line: 1, column: 101, suggestions: [] }],
    },
    { name: 'AWS SDK v2', code: `const AWS = require('aws-sdk');\nexports.handler = async () => { const doc = new AWS.DynamoDB.DocumentClient(); };`, languageOptions: cjs, errors: [{ messageId: 'clientPerInvocation', line: 2, column: 45 , suggestions: [{ messageId: 'moveOutside', output: `const AWS = require('aws-sdk');\nconst doc = new AWS.DynamoDB.DocumentClient();\n\nexports.handler = async () => {  };` }]}] },
    { name: 'a keep-alive agent', code: `import http from 'node:http'; export const handler = async () => { const agent = new http.Agent({ keepAlive: true }); };`, errors: [{ messageId: 'clientPerInvocation', line: 1, column: 82, data: { what: 'keep-alive http.Agent', handler: 'handler' } , suggestions: [{ messageId: 'moveOutside', output: `import http from 'node:http'; const agent = new http.Agent({ keepAlive: true });\n\nexport const handler = async () => {  };` }]}] },
    { name: 'an undici pool', code: `import { Pool } from 'undici'; export const handler = async () => { const p = new Pool('http://x'); };`, errors: [{ messageId: 'clientPerInvocation', line: 1, column: 79 , suggestions: [{ messageId: 'moveOutside', output: `import { Pool } from 'undici'; const p = new Pool('http://x');\n\nexport const handler = async () => {  };` }]}] },
    { name: 'a Google Cloud client', code: `import { Storage } from '@google-cloud/storage'; export const handler = async () => { const s = new Storage(); };`, errors: [{ messageId: 'clientPerInvocation', line: 1, column: 97 , suggestions: [{ messageId: 'moveOutside', output: `import { Storage } from '@google-cloud/storage'; const s = new Storage();\n\nexport const handler = async () => {  };` }]}] },
  ],
});
