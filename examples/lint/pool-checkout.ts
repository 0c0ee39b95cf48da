// A pg client checked out of a shared pool (line 8) and released only on success: an error leaks it.
// leakwatch-lint-expect: no-unreleased-connection
import { Pool } from 'pg';

const pool = new Pool({ max: 5 });

export const handler = async (event: { id: string }): Promise<{ statusCode: number; body: string }> => {
  const client = await pool.connect();
  const { rows } = await client.query('SELECT name FROM users WHERE id = $1', [event.id]);
  client.release();
  return { statusCode: 200, body: JSON.stringify(rows) };
};
