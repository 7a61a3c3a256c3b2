import type { Db, QueryResult } from './types.js';

const INT8_OID = 20;
const DATE_OID = 1082;

/** Embedded Postgres (WASM). One connection: it serialises everything, so never use it to judge concurrency. */
export async function createPgliteDb(options: { dataDir?: string; loadDataDir?: Blob } = {}): Promise<Db> {
  // Imported lazily so that serverless bundles, which never use it, do not carry 19 MB of WASM.
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create({
    dataDir: options.dataDir,
    loadDataDir: options.loadDataDir,
    parsers: { [INT8_OID]: (v: string) => v, [DATE_OID]: (v: string) => v },
  });
  const stats = { roundTrips: 0 };
  type Conn = { query: typeof pglite.query; exec: typeof pglite.exec };
  const run = async <T>(q: Conn, text: string, params?: unknown[]): Promise<QueryResult<T>> => {
    stats.roundTrips++;
    if (params && params.length > 0) {
      const r = await q.query<T>(text, params);
      return { rows: r.rows, rowCount: Math.max(r.rows.length, r.affectedRows ?? 0) };
    }
    // Without parameters, the simple protocol: a migration may hold many statements (as in node-postgres).
    const results = await q.exec(text);
    const last = results[results.length - 1];
    return { rows: (last?.rows ?? []) as T[], rowCount: Math.max(last?.rows.length ?? 0, last?.affectedRows ?? 0) };
  };
  const db: Db & { pglite: typeof pglite } = {
    kind: 'pglite',
    stats,
    pglite,
    query: (text, params) => run(pglite, text, params),
    async transaction(fn) {
      stats.roundTrips += 2; // BEGIN and COMMIT
      return pglite.transaction((tx) => fn({ query: (text, params) => run(tx, text, params) }));
    },
    close: () => pglite.close(),
  };
  return db;
}
