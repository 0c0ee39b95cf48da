// Fixed twin of pg-client-no-end.mjs: the Client is created once, outside the handler, and
// reused by every warm invocation (the pattern AWS recommends). Reuse is not a leak.
import pg from 'pg';
import config from '../lib/db-config.cjs';

let client;

async function getClient() {
  if (!client) {
    client = new pg.Client({ connectionString: config.pgConnectionString() });
    client.on('error', () => {
      client = undefined;
    });
    await client.connect();
  }
  return client;
}

export const handler = async () => {
  const db = await getClient();
  const { rows } = await db.query('SELECT now() AS now');
  return { statusCode: 200, body: JSON.stringify({ now: rows[0].now }) };
};
