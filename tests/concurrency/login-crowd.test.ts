// A union event on one Wi-Fi (issue #13 finding 4, api.md "Identity, hardened"): 2,000 members
// logging in from one address within a minute all get in, on the real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

describe('logins from one shared address', () => {
  it('lets 2,000 different members log in from one address within a minute', async () => {
    const started = Date.now();
    const statuses = new Map<number, number>();
    let next = 0;
    // 40 phones at a time over one address (every request reaches the server from 127.0.0.1).
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        while (next < 2000) {
          const i = next++;
          const res = await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: `dev:crowd-${process.pid}-${i}` }) });
          await res.arrayBuffer();
          statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        }
      }),
    );
    console.log(`[login-crowd] 2,000 logins from one address in ${Date.now() - started} ms`);
    expect(Object.fromEntries(statuses)).toEqual({ 200: 2000 });
    expect(await api.count('users', `openid like $1`, [`crowd-${process.pid}-%`])).toBe(2000);
  });
});
