// Officers deciding one claim at once, on the real PostgreSQL (PGlite has one connection and proves
// nothing about races): the claim row lock orders them, so exactly one move from a status wins and
// the timeline gets exactly one entry; the others see the new status and get 409.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

async function claimUnderReview() {
  const m = await api.memberUser();
  await api.db.query(`insert into coverages (member_id, plan, year, starts_on, ends_on) values ($1, 'critical_illness', 2026, '2026-01-01', '2026-12-31')`, [m.memberId]);
  const up = await api.post('/api/uploads', { token: m.token, rawBody: Buffer.from('%PDF-1.7 diagnosis'), headers: { 'content-type': 'application/pdf' } });
  const applied = await api.post('/api/me/claims', { token: m.token, body: { plan: 'critical_illness', incidentDate: '2026-05-05', amountClaimedFen: 500_000, documents: [{ key: 'diagnosis', uploadId: up.body.id }] } });
  if (applied.status !== 201) throw new Error(applied.text);
  return { member: m, claimId: applied.body.id as string };
}

it('lets exactly one of many officers deciding one claim at once win; the rest get 409 and the timeline one entry', async () => {
  const officers = await Promise.all(Array.from({ length: 8 }, () => api.user({ roles: [{ role: 'claims_officer' }] })));
  for (let round = 0; round < 3; round++) {
    const { claimId } = await claimUnderReview();
    await api.post(`/api/admin/claims/${claimId}/transition`, { token: officers[0].token, body: { status: 'under_review' } });
    const moves = [{ status: 'approved' }, { status: 'needs_info', note: '缺诊断证明原件' }, { status: 'rejected', note: '不在保障范围' }];
    const answers = await Promise.all(officers.map((o, i) => api.post(`/api/admin/claims/${claimId}/transition`, { token: o.token, body: moves[i % moves.length] })));
    const won = answers.filter((a) => a.status === 200);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409).every((a) => a.body.error.code === 'INVALID_TRANSITION')).toBe(true);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
    const { rows } = await api.db.query<{ status: string }>('select status from claim_events where claim_id = $1 order by at, id', [claimId]);
    expect(rows.map((r) => r.status)).toEqual(['submitted', 'under_review', won[0].body.status]);
    const { rows: now } = await api.db.query<{ status: string }>('select status from claims where id = $1', [claimId]);
    expect(now[0].status).toBe(won[0].body.status);
  }
});

it('lets the member’s added documents and an officer’s decision on the same claim take turns: one history, no lost move', async () => {
  const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
  const { member, claimId } = await claimUnderReview();
  await api.post(`/api/admin/claims/${claimId}/transition`, { token: officer.token, body: { status: 'under_review' } });
  await api.post(`/api/admin/claims/${claimId}/transition`, { token: officer.token, body: { status: 'needs_info', note: '缺发票' } });
  const up = await api.post('/api/uploads', { token: member.token, rawBody: Buffer.from('%PDF-1.7 invoice'), headers: { 'content-type': 'application/pdf' } });
  const [added, decided] = await Promise.all([
    api.post(`/api/me/claims/${claimId}/documents`, { token: member.token, body: { documents: [{ key: 'invoice', uploadId: up.body.id }] } }),
    api.post(`/api/admin/claims/${claimId}/transition`, { token: officer.token, body: { status: 'under_review' } }),
  ]);
  // Both want needs_info → under_review: whichever comes second finds it already under review.
  expect([added.status, decided.status].sort()).toEqual([200, 409]);
  const { rows } = await api.db.query<{ status: string }>('select status from claim_events where claim_id = $1 order by at, id', [claimId]);
  expect(rows.map((r) => r.status)).toEqual(['submitted', 'under_review', 'needs_info', 'under_review']);
});
