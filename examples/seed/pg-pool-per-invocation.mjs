// Seed leak 2b: a pg.Pool created per invocation and never ended. Each pool keeps its idle
// client open (idleTimeoutMillis), and a frozen sandbox never runs that timer: connections pile
// up. The pool's socket is opened by pool.query() on line 9.
import pg from 'pg';
import config from '../lib/db-config.cjs';

export const handler = async () => {
  const pool = new pg.Pool({ connectionString: config.pgConnectionString(), max: 2 });
  const { rows } = await pool.query('SELECT 1 AS ok');
  return { statusCode: 200, body: JSON.stringify(rows[0]) };
};

// leakwatch-lint-expect: no-unreleased-connection
