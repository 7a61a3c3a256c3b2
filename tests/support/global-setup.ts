// Builds each migrated database template once per run: a PGlite data-dir dump (cloned per test
// file in under a second) and, when TEST_DATABASE_URL is set, a PostgreSQL template database.
import { writeFile, mkdir } from 'node:fs/promises';
import pg from 'pg';
import { createPgliteDb } from '../../functions/_lib/db/pglite.js';
import { createNodePgDb } from '../../functions/_lib/db/node-pg.js';
import { migrateDb } from '../../functions/_lib/db/migrate.js';
import { PGLITE_TEMPLATE, pgTemplateDb, withDatabase } from './paths.js';

export default async function setup() {
  await mkdir('.data', { recursive: true });
  const lite = (await createPgliteDb()) as Awaited<ReturnType<typeof createPgliteDb>> & { pglite: { dumpDataDir(c?: 'none' | 'gzip'): Promise<Blob | File> } };
  await migrateDb(lite);
  const dump = await lite.pglite.dumpDataDir('none');
  await writeFile(PGLITE_TEMPLATE, Buffer.from(await dump.arrayBuffer()));
  await lite.close();

  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  process.env.UNION_TEST_TEMPLATE = `union_test_template_${process.pid}`;
  const template = pgTemplateDb();
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // Templates of runs that died without their teardown.
  const stale = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'union_test_template%' and datname <> $1`, [template]);
  for (const { datname } of stale.rows) {
    const pid = Number(datname.split('_').pop());
    if (!pid || !isAlive(pid)) await admin.query(`drop database if exists ${datname} with (force)`);
  }
  await admin.query(`drop database if exists ${template} with (force)`);
  await admin.query(`create database ${template}`);
  await admin.end();
  const db = createNodePgDb(withDatabase(url, template));
  await migrateDb(db);
  await db.close();
  return async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${template} with (force)`);
    await c.end();
  };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
