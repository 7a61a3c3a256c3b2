// Builds each migrated database template once per run: a PGlite data-dir dump (cloned per test
// file in under a second) and, when TEST_DATABASE_URL is set, a PostgreSQL template database.
import { writeFile, mkdir } from 'node:fs/promises';
import pg from 'pg';
import { createPgliteDb } from '../../functions/_lib/db/pglite.js';
import { createNodePgDb } from '../../functions/_lib/db/node-pg.js';
import { migrateDb } from '../../functions/_lib/db/migrate.js';
import { PGLITE_TEMPLATE, PG_TEMPLATE_DB, withDatabase } from './paths.js';

export default async function setup() {
  await mkdir('.data', { recursive: true });
  const lite = (await createPgliteDb()) as Awaited<ReturnType<typeof createPgliteDb>> & { pglite: { dumpDataDir(c?: 'none' | 'gzip'): Promise<Blob | File> } };
  await migrateDb(lite);
  const dump = await lite.pglite.dumpDataDir('none');
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await lite.close();

  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = $1`, [PG_TEMPLATE_DB]);
    await admin.query(`drop database if exists ${PG_TEMPLATE_DB}`);
    await admin.query(`create database ${PG_TEMPLATE_DB}`);
    await admin.end();
    const db = createNodePgDb(withDatabase(url, PG_TEMPLATE_DB));
    await migrateDb(db);
    await db.close();
  }
}
