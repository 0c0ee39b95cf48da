import { ruleTester, tsRuleTester } from '../../test/rule-tester.js';
import { noUnreleasedConnection } from './no-unreleased-connection.js';

const cjs = { sourceType: 'commonjs' as const };

// The seed article's example, verbatim apart from the elided query text.
const SEED = `const mysql = require('mysql');

exports.handler = async (event) => {
    const connection = mysql.createConnection({
        host: 'localhost',
        user: 'user',
        password: 'password',
        database: 'mydatabase'
    });

    connection.connect();

    await new Promise((resolve, reject) => {
        connection.query('SELECT * FROM users', (error, results) => {
            if (error) return reject(error);
            resolve(results);
        });
    });

    return {
        statusCode: 200,
        body: JSON.stringify('Data retrieved'),
    };
};`;

ruleTester.run('no-unreleased-connection', noUnreleasedConnection, {
  valid: [
    {
      name: 'connection created outside the handler and reused',
      code: `const mysql = require('mysql');
const connection = mysql.createConnection({});
exports.handler = async () => { await query(connection); return 1; };`,
      languageOptions: cjs,
    },
    {
      name: 'pool ended in finally',
      code: `import { Pool } from 'pg';
export const handler = async () => {
  const pool = new Pool();
  try { return await pool.query('select 1'); } finally { await pool.end(); }
};`,
    },
    {
      name: 'connection closed in finally',
      code: `import mysql from 'mysql2/promise';
export async function handler() {
  const c = await mysql.createConnection({});
  try { await c.query('select 1'); } finally { await c.end(); }
}`,
    },
    {
      name: 'handed to a closing helper in finally',
      code: `import mysql from 'mysql2/promise';
export const handler = async () => {
  const c = await mysql.createConnection({});
  try { return await c.query('select 1'); } finally { await closeQuietly(c); }
};`,
    },
    {
      name: 'await using disposes on every path',
      code: `import { createClient } from 'redis';
export async function handler() {
  await using client = createClient();
  return client.get('k');
}`,
    },
    {
      name: 'a pooled client released in finally',
      code: `import pg from 'pg';
const pool = new pg.Pool();
export const handler = async () => {
  const client = await pool.connect();
  try { return await client.query('select 1'); } finally { client.release(); }
};`,
    },
    {
      name: 'lazy module-scope client (reuse)',
      code: `import { MongoClient } from 'mongodb';
let client;
export const handler = async () => { client ??= new MongoClient(process.env.URL); client = client ?? new MongoClient('x'); return client.db().collection('a').findOne(); };`,
    },
    {
      name: 'a factory that returns the connection (its caller owns it)',
      code: `import mysql from 'mysql';
function open() { return mysql.createConnection({}); }
export const handler = async () => 1;`,
    },
    {
      name: 'created in a function no handler calls',
      code: `import Redis from 'ioredis';
export function migrate() { const r = new Redis(); r.set('a', 1); }`,
    },
    {
      name: 'released with .finally() on a promise chain',
      code: `import { Client } from 'pg';
export const handler = () => { const c = new Client(); return c.connect().then(() => c.query('x')).finally(() => c.end()); };`,
    },
  ],
  invalid: [
    {
      name: "the seed's exact example is reported at the createConnection line",
      code: SEED,
      languageOptions: cjs,
      // no move suggestion: connection.connect() must not run per invocation on a shared connection
      errors: [{ messageId: 'neverReleased', line: 4, column: 24, endLine: 9, data: { what: 'A MySQL connection', handler: 'handler' }, suggestions: [] }],
    },
    {
      name: 'closed only on the success path',
      code: `import { Client } from 'pg';
export const handler = async () => {
  const client = new Client();
  await client.connect();
  const r = await client.query('select 1');
  await client.end();
  return r.rows;
};`,
      errors: [{ messageId: 'notOnEveryPath', line: 3, column: 18 }],
    },
    {
      name: 'a pooled client never released',
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler = async () => {
  const client = await pool.connect();
  return (await client.query('select 1')).rows;
};`,
      errors: [{ messageId: 'neverReleased', line: 4, column: 24, data: { what: 'A connection checked out of a PostgreSQL pool', handler: 'handler' } }],
    },
    {
      name: 'a helper the handler calls opens a Redis client',
      code: `const { createClient } = require('redis');
async function load(key) { const r = createClient(); await r.connect(); return r.get(key); }
module.exports.handler = async (event) => load(event.key);`,
      languageOptions: cjs,
      errors: [{ messageId: 'neverReleased', line: 2, column: 38, data: { what: 'A Redis client', handler: 'handler' } }],
    },
    {
      name: 'middy-wrapped handler',
      code: `import middy from '@middy/core';
import { MongoClient } from 'mongodb';
const base = async () => { const c = await MongoClient.connect('mongodb://x'); return c.db().stats(); };
export const handler = middy(base).use(cors());`,
      errors: [{ messageId: 'neverReleased', line: 3, column: 44 }],
    },
    {
      name: 'Azure Functions v4 registration',
      code: `import { app } from '@azure/functions';
import Redis from 'ioredis';
app.http('get', { methods: ['GET'], handler: async (req) => { const r = new Redis(); return { body: await r.get('k') }; } });`,
      errors: [{ messageId: 'neverReleased', line: 3, column: 73, data: { what: 'A Redis client', handler: 'get' } , suggestions: [{ messageId: 'moveOutside', output: `import { app } from '@azure/functions';\nimport Redis from 'ioredis';\nconst r = new Redis();\n\napp.http('get', { methods: ['GET'], handler: async (req) => {  return { body: await r.get('k') }; } });` }]}],
    },
    {
      name: 'Google Functions Framework registration',
      code: `const functions = require('@google-cloud/functions-framework');
const mysql = require('mysql2');
functions.http('hello', (req, res) => { const c = mysql.createPool({}); c.query('x', () => res.send('ok')); });`,
      languageOptions: cjs,
      errors: [{ messageId: 'neverReleased', line: 3, column: 51 , suggestions: [{ messageId: 'moveOutside', output: `const functions = require('@google-cloud/functions-framework');\nconst mysql = require('mysql2');\nconst c = mysql.createPool({});\n\nfunctions.http('hello', (req, res) => {  c.query('x', () => res.send('ok')); });` }]}],
    },
    {
      name: 'a configured factory',
      code: `import { connect } from '@acme/db';
export const handler = async () => { const db = await connect(); return db.get(); };`,
      options: [{ factories: [{ module: '@acme/db', name: 'connect', label: 'Acme DB connection' }] }],
      errors: [{ messageId: 'neverReleased', line: 2, column: 55, data: { what: 'A Acme DB connection', handler: 'handler' }, suggestions: [] }],
    },
  ],
});

tsRuleTester.run('no-unreleased-connection (TypeScript)', noUnreleasedConnection, {
  valid: [
    {
      code: `import { Pool } from 'pg';
const pool = new Pool();
export const handler: Handler = async (event: Event): Promise<number> => (await pool.query('x')).rowCount!;`,
    },
  ],
  invalid: [
    {
      code: `import { Client } from 'pg';
export const handler = (async (event: Event) => { const c = new Client() as Client; await c.connect(); return 1; }) satisfies Handler;`,
      errors: [{ messageId: 'neverReleased', line: 2, column: 61 }],
    },
  ],
});
