// Asks the real database servers how many connections the examples' user holds, so tests can
// check leakwatch's count against what the server sees (SHOW PROCESSLIST, pg_stat_activity).
import mysql from 'mysql';
import pg from 'pg';

export function requireUrl(name: 'LEAKWATCH_MYSQL_URL' | 'LEAKWATCH_PG_URL'): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run the tests with \`npm test\`, which starts MariaDB and PostgreSQL (scripts/services.sh)`);
  return url;
}

/** A server-side connection counter that excludes its own admin connection. */
export interface ServerCounter {
  count(): Promise<number>;
  close(): Promise<void>;
}

export async function mysqlCounter(): Promise<ServerCounter> {
  const url = new URL(requireUrl('LEAKWATCH_MYSQL_URL'));
  const conn = mysql.createConnection({ host: url.hostname, port: Number(url.port), user: 'leakwatch', password: 'leakwatch' });
  const query = <T>(sql: string): Promise<T> => new Promise((resolve, reject) => conn.query(sql, (e: Error | null, rows: T) => (e ? reject(e) : resolve(rows))));
  await query('SELECT 1');
  return {
    async count() {
      const rows = await query<Array<{ n: number }>>("SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE USER = 'leakwatch' AND ID <> CONNECTION_ID()");
      return Number(rows[0]?.n ?? 0);
    },
    close: () => new Promise<void>((resolve) => conn.end(() => resolve())),
  };
}

export async function pgCounter(): Promise<ServerCounter> {
  const client = new pg.Client({ connectionString: requireUrl('LEAKWATCH_PG_URL') });
  await client.connect();
  return {
    async count() {
      const r = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'leakwatch' AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
      );
      return r.rows[0]?.n ?? 0;
    },
    close: () => client.end(),
  };
}

/** Polls a counter while `work` runs and returns the highest count seen with the work's result. */
export async function peakDuring<T>(counter: ServerCounter, work: () => Promise<T>, everyMs = 25): Promise<{ result: T; peak: number }> {
  let peak = await counter.count();
  let done = false;
  const poll = (async () => {
    while (!done) {
      peak = Math.max(peak, await counter.count());
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  try {
    const result = await work();
    return { result, peak };
  } finally {
    done = true;
    await poll;
  }
}
