// Fixed twin of pg-pool-per-invocation.mjs: a pool created per invocation is ended in finally.
// (Better still: one pool outside the handler, as in pg-client-no-end.fixed.mjs.)
import pg from 'pg';
import config from '../lib/db-config.cjs';

export const handler = async () => {
  const pool = new pg.Pool({ connectionString: config.pgConnectionString(), max: 2 });
  try {
    const { rows } = await pool.query('SELECT 1 AS ok');
    return { statusCode: 200, body: JSON.stringify(rows[0]) };
  } finally {
    await pool.end();
  }
};
