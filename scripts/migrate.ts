// `npm run migrate`: applies the migrations not yet applied to the database DATABASE_URL names
// (unset: the embedded PGlite under .data/; a Neon URL: Neon; any other URL: node-postgres).
// Nothing else: no seed data, no server. Safe to run twice or from two places at once.
import { openDb } from '../functions/_lib/db/index.js';
import { migrateDb } from '../functions/_lib/db/migrate.js';

async function main() {
  const db = await openDb();
  try {
    const applied = await migrateDb(db);
    const { rows } = await db.query<{ version: string }>('select version from schema_migrations order by version');
    console.log(`database: ${db.kind}`);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'applied: none (already up to date)');
    console.log(`schema versions: ${rows.map((r) => r.version).join(', ')}`);
  } finally {
    await db.close();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // The message only: a connection string in a stack trace could carry a password.
    // The Neon driver rejects with a WebSocket ErrorEvent, which is no Error but has a message.
    const message = err && typeof err === 'object' && 'message' in err ? String(err.message) : String(err);
    console.error(`迁移失败：${message}`);
    process.exit(1);
  },
);
