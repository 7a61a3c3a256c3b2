// The city keeps an admin, on the real PostgreSQL (PGlite has one connection and proves nothing
// about races): two admins revoking each other at the same moment cannot both succeed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 10 });
});
afterAll(async () => {
  await api.close();
});

describe('revoking admins at the same moment', () => {
  it('leaves at least one admin however the two revocations interleave', async () => {
    for (let round = 0; round < 10; round++) {
      // Only these two hold the admin role in this database during the round.
      await api.db.query(`delete from roles where role = 'admin'`);
      const org = await api.org();
      const a = await api.memberUser({ orgId: org, name: '管理员甲' });
      const b = await api.memberUser({ orgId: org, name: '管理员乙' });
      await api.db.query(`insert into roles (user_id, role) values ($1, 'admin'), ($2, 'admin')`, [a.userId, b.userId]);
      const [ab, ba] = await Promise.all([
        api.post('/api/admin/roles/revoke', { token: a.token, body: { memberId: b.memberId, role: 'admin' } }),
        api.post('/api/admin/roles/revoke', { token: b.token, body: { memberId: a.memberId, role: 'admin' } }),
      ]);
      const statuses = [ab.status, ba.status].sort();
      // One wins; the other is refused: as the last admin (409), or as no longer an admin (403).
      expect(statuses[0]).toBe(200);
      expect([403, 409]).toContain(statuses[1]);
      expect(await api.count('roles', `role = 'admin'`)).toBe(1);
    }
  });
});
