import pg from 'pg';
import type { Db, Queryable, QueryResult } from './types.js';
import { DATE_OID, INT8_OID, identity } from './pg-types.js';

const types = {
  getTypeParser(oid: number, format?: string) {
    if (oid === INT8_OID || oid === DATE_OID) return identity;
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

const ignoreConnectionError = () => undefined;

/** Wraps any pg-compatible Pool (node-postgres, or Neon's, which mirrors its API). */
export function poolDb(kind: 'postgres' | 'neon', pool: pg.Pool): Db {
  const stats = { roundTrips: 0 };
  const run = async <T>(client: Queryable | pg.Pool | pg.PoolClient, text: string, params?: unknown[]): Promise<QueryResult<T>> => {
    stats.roundTrips++;
    const r = await (client as pg.Pool).query({ text, values: params as unknown[], types } as pg.QueryConfig);
    return { rows: r.rows as T[], rowCount: r.rowCount ?? 0 };
  };
  return {
    kind,
    stats,
    query: (text, params) => run(pool, text, params),
    async transaction(fn) {
      const client = await pool.connect();
      // A checked-out client whose connection dies (failover, pg_terminate_backend) fails its query
      // and also emits 'error'; the pool listens only while the client is idle, and an 'error'
      // event nobody listens to is an uncaught exception that takes the whole process down.
      // The failed query reports the problem; the pool drops the broken client on release.
      client.on('error', ignoreConnectionError);
      try {
        await run(client, 'BEGIN');
        const result = await fn({ query: (text, params) => run(client, text, params) });
        await run(client, 'COMMIT');
        return result;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.removeListener('error', ignoreConnectionError);
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function createNodePgDb(connectionString: string, max = Number(process.env.DB_POOL_MAX ?? 10)): Db {
  const pool = new pg.Pool({ connectionString, max, connectionTimeoutMillis: 5000, idleTimeoutMillis: 10_000 });
  // An idle client that loses its server (restart, terminated backend) must not crash the process.
  pool.on('error', () => undefined);
  return poolDb('postgres', pool);
}
