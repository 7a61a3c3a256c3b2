import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../functions/_lib/db/index.js';
import { isNeonUrl } from '../../functions/_lib/db/neon.js';

// Opening a node-postgres or Neon pool connects lazily, so picking the adapter needs no server.
const saved = { DATABASE_URL: process.env.DATABASE_URL, PGLITE_DATA_DIR: process.env.PGLITE_DATA_DIR };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

describe('openDb picks the adapter from DATABASE_URL', () => {
  it('opens the embedded PGlite in a data directory whose parent folders do not exist yet, as on a fresh clone without .data/', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'union-fresh-'));
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = path.join(dir, '.data', 'pglite');
    const db = await openDb();
    try {
      expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens the embedded PGlite when DATABASE_URL is unset', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'union-pglite-'));
    delete process.env.DATABASE_URL;
    process.env.PGLITE_DATA_DIR = dir;
    const db = await openDb();
    try {
      expect(db.kind).toBe('pglite');
      expect((await db.query<{ one: number }>('select 1 as one')).rows).toEqual([{ one: 1 }]);
    } finally {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('opens node-postgres for any other postgres:// URL', async () => {
    const db = await openDb('postgres://app:secret@db.internal.example:5432/union');
    expect(db.kind).toBe('postgres');
    await db.close();
  });

  it('opens Neon for a Neon host', async () => {
    const db = await openDb('postgresql://app:secret@ep-quiet-sea-123456-pooler.ap-southeast-1.aws.neon.tech/neondb?sslmode=require');
    expect(db.kind).toBe('neon');
    await db.close();
  });
});

describe('isNeonUrl', () => {
  it.each([
    ['postgresql://u:p@ep-quiet-sea-123456.ap-southeast-1.aws.neon.tech/neondb?sslmode=require', true],
    ['postgres://u:p@ep-x-pooler.us-east-2.aws.neon.tech/db', true],
    ['postgres://u:p@ep-x.neon.build/db', true],
    ['postgres://postgres@127.0.0.1:5432/postgres', false],
    ['postgres://u:p@neon.tech.attacker.example/db', false],
    ['postgres://u:p@notneon.tech/db', false],
    ['not a url', false],
    ['', false],
  ])('%s → %s', (url, expected) => {
    expect(isNeonUrl(url)).toBe(expected);
  });
});
