// Fixed twin of pool-checkout.ts: the client goes back to the pool in finally, on every path.
import { Pool } from 'pg';

const pool = new Pool({ max: 5 });

export const handler = async (event: { id: string }): Promise<{ statusCode: number; body: string }> => {
  const client = await pool.connect();
  try {
    const { rows } = await client.query('SELECT name FROM users WHERE id = $1', [event.id]);
    return { statusCode: 200, body: JSON.stringify(rows) };
  } finally {
    client.release();
  }
};
