import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { createNeonDb, ensureNeonWebSocket, isNeonUrl } from './neon.js';
import { createNodePgDb } from './node-pg.js';
import type { Db } from './types.js';

export type { Db, Queryable, Row } from './types.js';

let current: Promise<Db> | null = null;

/** DATABASE_URL picks the adapter: unset → PGlite under .data/, a Neon host → Neon, any other URL → node-postgres. */
export async function openDb(url = process.env.DATABASE_URL): Promise<Db> {
  if (!url) {
    const { createPgliteDb } = await import('./pglite.js');
    const dataDir = process.env.PGLITE_DATA_DIR ?? path.resolve('.data/pglite');
    // PGlite creates its data directory but not the folders above it (.data/ on a fresh clone).
    await mkdir(path.dirname(dataDir), { recursive: true });
    return createPgliteDb({ dataDir });
  }
  if (isNeonUrl(url)) {
    await ensureNeonWebSocket();
    return createNeonDb(url);
  }
  return createNodePgDb(url);
}

/** The process-wide database: one per serverless instance, reused across invocations. */
export function getDb(): Promise<Db> {
  if (!current) {
    current = openDb();
    current.catch(() => {
      current = null;
    });
  }
  return current;
}

/** Tests and the local server hand in the database they opened. */
export function setDb(db: Db | null): void {
  current = db ? Promise.resolve(db) : null;
}
