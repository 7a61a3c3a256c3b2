// Decisions on a join application racing on the real PostgreSQL (PGlite has one connection and
// proves nothing about races): two approvals, or an approval and the applicant's withdrawal, sent
// at once end in exactly one outcome, with one member at most.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

async function scene() {
  const union = await api.org();
  const cadres = [await api.cadre(union), await api.cadre(union)];
  const applicant = await api.user();
  const res = await api.post('/api/join-applications', { token: applicant.token, body: { name: '并发申请人', idNumber: newIdNumber(), channel: 'employer', employer: '某公司', orgId: union } });
  expect(res.status, res.text).toBe(201);
  return { union, cadres, applicant, id: res.body.id as string };
}

describe('join decisions racing on PostgreSQL', () => {
  it('two cadres approving at once: one approval, one INVALID_TRANSITION, one member', async () => {
    for (let round = 0; round < 10; round++) {
      const s = await scene();
      const replies = await Promise.all(s.cadres.map((c) => api.post(`/api/admin/join-applications/${s.id}/approve`, { token: c.token, body: {} })));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('INVALID_TRANSITION');
      expect(await api.count('members', 'org_id = $1 and name = $2', [s.union, '并发申请人'])).toBe(1);
      expect(await api.count('notification_outbox', 'user_id = $1', [s.applicant.userId])).toBe(1);
    }
  });

  it('an approval and the applicant’s withdrawal at once: exactly one of them happens', async () => {
    for (let round = 0; round < 10; round++) {
      const s = await scene();
      const [approve, withdraw] = await Promise.all([
        api.post(`/api/admin/join-applications/${s.id}/approve`, { token: s.cadres[0].token, body: {} }),
        api.post(`/api/join-applications/${s.id}/withdraw`, { token: s.applicant.token }),
      ]);
      expect([approve.status, withdraw.status].sort()).toEqual([200, 409]);
      const { rows } = await api.db.query<{ status: string }>('select status from join_applications where id = $1', [s.id]);
      const members = await api.count('members', 'org_id = $1', [s.union]);
      // the union's members: two cadres, plus the applicant only if approved
      if (approve.status === 200) expect([rows[0].status, members]).toEqual(['approved', 3]);
      else expect([rows[0].status, members, approve.body.error.code]).toEqual(['withdrawn', 2, 'INVALID_TRANSITION']);
    }
  });

  it('two taps on 提交 at once file one application: the other is APPLICATION_PENDING', async () => {
    const union = await api.org();
    const applicant = await api.user();
    const body = { name: '连点申请人', idNumber: newIdNumber(), channel: 'employer', employer: '某公司', orgId: union };
    const replies = await Promise.all(Array.from({ length: 5 }, () => api.post('/api/join-applications', { token: applicant.token, body })));
    expect(replies.map((r) => r.status).sort()).toEqual([201, 409, 409, 409, 409]);
    expect(await api.count('join_applications', 'user_id = $1', [applicant.userId])).toBe(1);
  });
});
