// The Neon adapter for real: @neondatabase/serverless speaking the Postgres protocol over a
// WebSocket, through a local WebSocket-to-TCP proxy, to a fresh database on the machine's
// PostgreSQL. Runs only when TEST_DATABASE_URL is set (the `adapters` vitest project).
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { neonConfig } from '@neondatabase/serverless';
import { WebSocket } from 'ws';
import { createNeonDb } from '../../functions/_lib/db/neon.js';
import { setDb, type Db } from '../../functions/_lib/db/index.js';
import { isUnavailableError } from '../../functions/_lib/errors.js';
import { getConfig } from '../../functions/_lib/config.js';
import { logIn } from '../../functions/_lib/services/login.js';
import { createLocalServer } from '../../functions/_lib/local-server.js';
import { ZLoginResponse, ZMeResponse } from '../../shared/schemas.js';
import { createTestDb, type TestDb } from '../support/test-db.js';
import { startWsProxy, type WsProxy } from '../support/ws-proxy.js';

let proxy: WsProxy;
let pgDb: TestDb; // node-postgres on the same database: the independent witness
let db: Db;

beforeAll(async () => {
  // Node 22 (Vercel's runtime) has a global WebSocket; Node 20 needs one handed to the driver.
  if (typeof globalThis.WebSocket === 'undefined') neonConfig.webSocketConstructor = WebSocket;
  const pgUrl = new URL(process.env.TEST_DATABASE_URL as string);
  proxy = await startWsProxy({ target: { host: pgUrl.hostname, port: Number(pgUrl.port || 5432) } });
  pgDb = await createTestDb('postgres', { poolMax: 2 });
  db = createNeonDb(pgDb.url as string, { wsProxy: proxy.wsProxy });
});

afterAll(async () => {
  await db?.close();
  await proxy?.close();
  await pgDb?.drop();
});

describe('the Neon adapter over a WebSocket', () => {
  it('answers queries through the proxy, typed like the other adapters', async () => {
    const { rows } = await db.query<{ big: unknown; day: unknown; at: unknown; n: unknown; name: unknown }>(
      `select 9007199254740993::int8 as big, date '2026-12-01' as day, timestamptz '2026-12-01T09:00:00+08:00' as at, 2::int as n, $1::text as name`,
      ['张三'],
    );
    expect(db.kind).toBe('neon');
    expect(rows[0]).toEqual({ big: '9007199254740993', day: '2026-12-01', at: new Date('2026-12-01T01:00:00Z'), n: 2, name: '张三' });
    expect(proxy.connections).toBeGreaterThan(0);
    expect(proxy.bytesUp).toBeGreaterThan(0);
  });

  it('sees the migrated schema', async () => {
    const { rows } = await db.query<{ version: string }>('select version from schema_migrations order by version');
    expect(rows[0].version).toBe('001_schema.sql');
  });

  it('commits a transaction, and another connection sees it', async () => {
    const id = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(`insert into orgs (name, parent_id, path) values ($1, null, '') returning id::text`, ['Neon 提交工会']);
      await tx.query('update orgs set path = $2 where id = $1', [rows[0].id, `/${rows[0].id}/`]);
      return rows[0].id;
    });
    const seen = await pgDb.query<{ path: string }>('select path from orgs where id = $1', [id]);
    expect(seen.rows).toEqual([{ path: `/${id}/` }]);
  });

  it('rolls a transaction back when its function throws', async () => {
    const before = (await pgDb.query<{ n: number }>('select count(*)::int as n from orgs')).rows[0].n;
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into orgs (name, parent_id, path) values ($1, null, '/x/')`, ['Neon 回滚工会']);
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    const after = (await pgDb.query<{ n: number }>('select count(*)::int as n from orgs')).rows[0].n;
    expect(after).toBe(before);
  });

  it('keeps a transaction on one connection', async () => {
    const [a, b] = await db.transaction(async (tx) => {
      const first = await tx.query<{ txid: string }>('select txid_current()::text as txid');
      const second = await tx.query<{ txid: string }>('select txid_current()::text as txid');
      return [first.rows[0].txid, second.rows[0].txid];
    });
    expect(a).toBe(b);
  });

  it('refuses broken SQL with the PostgreSQL error code and goes on working', async () => {
    await expect(db.query('selec 1')).rejects.toMatchObject({ code: '42601' });
    await expect(db.query('select 1 as one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it('logs a user in through the login service', async () => {
    const result = await logIn({ db, code: 'dev:neon-tester', config: getConfig(), wechat: null });
    expect(result.user).toEqual({ id: expect.any(String), roles: [], memberId: null });
    const again = await logIn({ db, code: 'dev:neon-tester', config: getConfig(), wechat: null });
    expect(again.user.id).toBe(result.user.id);
    const users = await pgDb.query<{ n: number }>(`select count(*)::int as n from users where openid = 'neon-tester'`);
    expect(users.rows[0].n).toBe(1);
  });

  it('serves the HTTP endpoints: login, then /api/me', async () => {
    setDb(db);
    const server: Server = createLocalServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const health = await fetch(`${base}/api/health`);
      expect(await health.json()).toEqual({ ok: true, db: 'neon' });
      const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'dev:neon-http' }) });
      expect(login.status).toBe(200);
      const { token, user } = ZLoginResponse.parse(await login.json());
      const me = await fetch(`${base}/api/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(ZMeResponse.parse(await me.json())).toEqual({ user, member: null, verification: null, bindingReleased: null });
      const bad = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.code).toBe('VALIDATION_FAILED');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      setDb(null);
    }
  });

  // The driver rejects with the WebSocket's ErrorEvent (its cause in `.error`, e.g. ECONNREFUSED).
  it('reports a database it cannot reach as unavailable (503), not as a bug', async () => {
    // Nothing listens on port 1: the WebSocket cannot open, as when Neon's proxy is unreachable.
    const unreachable = createNeonDb(pgDb.url as string, { wsProxy: '127.0.0.1:1/v2' });
    try {
      const err = await unreachable.query('select 1').then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).not.toBeNull();
      expect(isUnavailableError(err), String(err)).toBe(true);
    } finally {
      await unreachable.close().catch(() => undefined);
      // createNeonDb sets the driver's process-wide wsProxy: give it back to the working proxy.
      neonConfig.wsProxy = () => proxy.wsProxy;
    }
  });
});
