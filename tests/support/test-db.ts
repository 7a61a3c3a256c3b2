// A fresh, migrated database per test file: PGlite cloned from the template dump, or a
// PostgreSQL database created from the template database (TEST_DB=postgres).
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../functions/_lib/db/index.js';
import { createPgliteDb } from '../../functions/_lib/db/pglite.js';
import { createNodePgDb } from '../../functions/_lib/db/node-pg.js';
import { PGLITE_TEMPLATE, pgTemplateDb, withDatabase } from './paths.js';

export type TestDb = Db & { url?: string; drop(): Promise<void> };

export async function createTestDb(kind = process.env.TEST_DB ?? 'pglite', options: { poolMax?: number } = {}): Promise<TestDb> {
  if (kind === 'postgres') {
    const url = process.env.TEST_DATABASE_URL;
    if (!url) throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL');
    const name = `union_test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplateDb()}`);
    await admin.end();
    const dbUrl = withDatabase(url, name);
    const db = createNodePgDb(dbUrl, options.poolMax ?? 20);
    return Object.assign(db, {
      url: dbUrl,
      async drop() {
        await db.close().catch(() => undefined);
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    });
  }
  const dump = await readFile(PGLITE_TEMPLATE);
  const db = await createPgliteDb({ loadDataDir: new Blob([dump]) });
  return Object.assign(db, { drop: () => db.close() });
}
