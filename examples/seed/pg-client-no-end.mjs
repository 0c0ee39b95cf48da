// Seed leak 2a: the same leak with pg: a Client per invocation, client.end() never called.
// The socket is opened by client.connect() on line 9.
import pg from 'pg';
import config from '../lib/db-config.cjs';

export const handler = async () => {
  const client = new pg.Client({ connectionString: config.pgConnectionString() });

  await client.connect();
  const { rows } = await client.query('SELECT now() AS now');
  return { statusCode: 200, body: JSON.stringify({ now: rows[0].now }) };
};

// leakwatch-lint-expect: no-unreleased-connection
