import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from './types.js';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Applies every migration not yet applied, each in its own transaction, in file-name order. */
export async function migrateDb(db: Db): Promise<string[]> {
  await db.query('create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())');
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => f.endsWith('.sql')).sort();
  const applied = new Set((await db.query<{ version: string }>('select version from schema_migrations')).rows.map((r) => r.version));
  const done: string[] = [];
  for (const file of files) {
    if (applied.has(file)) continue;
    const sql = await readFile(path.join(MIGRATIONS_DIR, file), 'utf8');
    await db.transaction(async (tx) => {
      // Two processes starting at once: the second waits here, then sees the version and skips.
      await tx.query('select pg_advisory_xact_lock(20261123)');
      const again = await tx.query('select 1 from schema_migrations where version = $1', [file]);
      if (again.rowCount > 0) return;
      await tx.query(sql);
      await tx.query('insert into schema_migrations (version) values ($1)', [file]);
      done.push(file);
    });
  }
  return done;
}
