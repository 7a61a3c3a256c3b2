// 互助金申请 (issue #17; api.md "v1.1 precisions", "Claim applications by members"): a member
// applies in the app for a plan held on the incident date, with photos of the documents; claims
// officers move the claim by the one claim rule, ask for what is missing, read the documents; the
// member adds them; imports by claim number go on; the member sees one timeline.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { ZClaim, ZOfficerClaim } from '../../shared/schemas.js';
import { shanghaiToday } from '../../functions/_lib/services/claims/apply-for-claim.js';

let api: TestApi;
let city: string;
let union: string;
let sibling: string;
let officer: { userId: string; token: string };
beforeAll(async () => {
  api = await startTestApi();
  city = await api.org({ name: `互助申请市总${process.pid}` });
  union = await api.org({ parentId: city, name: '申请人工会' });
  sibling = await api.org({ parentId: city, name: '兄弟工会' });
  officer = await api.user({ roles: [{ role: 'claims_officer' }] });
});
afterAll(async () => {
  await api.close();
});

const JPEG = (seed: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`photo-${seed}-${Math.random()}`), Buffer.from([0xff, 0xd9])]);
let seed = 0;

/** A member of `orgId` holding hospitalization cover for 2026, with a session. */
async function applicant(orgId = union, plan = 'hospitalization') {
  const m = await api.memberUser({ orgId, name: '王互助' });
  await api.db.query(`insert into coverages (member_id, plan, year, starts_on, ends_on) values ($1, $2, 2026, '2026-01-01', '2026-12-31')`, [m.memberId, plan]);
  return m;
}
async function upload(token: string): Promise<string> {
  const res = await api.post('/api/uploads', { token, rawBody: JPEG(++seed), headers: { 'content-type': 'image/jpeg' } });
  if (res.status !== 201) throw new Error(`upload: ${res.text}`);
  return res.body.id;
}
async function application(token: string, o: Record<string, unknown> = {}) {
  return {
    plan: 'hospitalization',
    incidentDate: '2026-03-02',
    amountClaimedFen: 1_234_56,
    description: '3月2日因肺炎住院7天',
    documents: [
      { key: 'invoice', uploadId: await upload(token) },
      { key: 'discharge_summary', uploadId: await upload(token) },
    ],
    ...o,
  };
}
const apply = async (m: { token: string }, o: Record<string, unknown> = {}) => api.post('/api/me/claims', { token: m.token, body: await application(m.token, o) });
const transition = (id: string, body: Record<string, unknown>, token = officer.token) => api.post(`/api/admin/claims/${id}/transition`, { token, body });
const addDocuments = (m: { token: string }, id: string, documents: unknown[]) => api.post(`/api/me/claims/${id}/documents`, { token: m.token, body: { documents } });

describe('a member applies (POST /api/me/claims)', () => {
  it('creates a submitted claim with a server-assigned number, its first timeline entry and the documents', async () => {
    const m = await applicant();
    const res = await apply(m);
    expect(res.status).toBe(201);
    const claim = ZClaim.parse(res.body);
    expect(claim).toMatchObject({ plan: 'hospitalization', status: 'submitted', incidentDate: '2026-03-02', amountClaimedFen: 123456, description: '3月2日因肺炎住院7天', amountApprovedFen: null });
    expect(claim.claimNo).toMatch(new RegExp(`^HZ${shanghaiToday().replaceAll('-', '')}\\d{5,}$`));
    expect(claim.timeline).toEqual([{ status: 'submitted', at: claim.submittedAt, note: null }]);
    expect(claim.documents?.map((d) => [d.key, d.label, d.contentType])).toEqual([
      ['invoice', '医疗费用发票', 'image/jpeg'],
      ['discharge_summary', '出院小结', 'image/jpeg'],
    ]);
    const mine = await api.get(`/api/me/claims/${claim.id}`, { token: m.token });
    expect(mine.body).toEqual(res.body);
    const list = await api.get('/api/me/claims', { token: m.token });
    expect(list.body.items.map((c: { claimNo: string }) => c.claimNo)).toEqual([claim.claimNo]);
    expect(await api.count('audit_log', `action = 'claim.apply' and subject_id = $1`, [claim.id])).toBe(1);
  });

  it('gives every application its own number and skips a number an import already took', async () => {
    const m = await applicant();
    const { rows } = await api.db.query<{ last_value: string; is_called: boolean }>('select last_value, is_called from claim_application_no');
    const next = Number(rows[0].last_value) + (rows[0].is_called ? 1 : 0);
    const taken = `HZ${shanghaiToday().replaceAll('-', '')}${String(next).padStart(5, '0')}`;
    const imported = await api.post('/api/admin/claims/import', {
      token: officer.token,
      body: { rows: [{ claimNo: taken, idNumber: m.idNumber, plan: 'hospitalization', status: 'submitted', incidentDate: '2026-02-01', submittedAt: '2026-02-03T10:00:00+08:00', amountClaimedFen: 100, at: '2026-02-03T10:00:00+08:00' }] },
    });
    expect(imported.body.created).toBe(1);
    const a = await apply(m);
    const b = await apply(m);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(new Set([taken, a.body.claimNo, b.body.claimNo]).size).toBe(3);
  });

  it('refuses a plan the member does not hold on the incident date with 403 NOT_ELIGIBLE, writing nothing', async () => {
    const m = await applicant();
    const before = { claims: await api.count('claims'), links: await api.count('upload_links') };
    for (const o of [{ plan: 'accident', documents: undefined }, { incidentDate: '2025-12-31' }]) {
      const body = await application(m.token, o);
      if (o.plan === 'accident') body.documents = [{ key: 'accident_proof', uploadId: await upload(m.token) }, { key: 'invoice', uploadId: await upload(m.token) }];
      const res = await api.post('/api/me/claims', { token: m.token, body });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_ELIGIBLE');
      expect(res.body.error.message).toMatch(/没有参加/);
    }
    expect({ claims: await api.count('claims'), links: await api.count('upload_links') }).toEqual(before);
  });

  it('refuses what is wrong with the contract’s codes: a missing required document, a future date, no amount, no documents', async () => {
    const m = await applicant();
    const before = await api.count('claims');
    const onlyInvoice = await apply(m, { documents: [{ key: 'invoice', uploadId: await upload(m.token) }] });
    expect(onlyInvoice.status).toBe(400);
    expect(onlyInvoice.body.error.message).toContain('出院小结');
    const tomorrow = new Date(Date.now() + 8 * 3600_000 + 86_400_000).toISOString().slice(0, 10);
    for (const o of [{ incidentDate: tomorrow }, { amountClaimedFen: 0 }, { amountClaimedFen: 12.5 }, { documents: [] }, { plan: 'dental' }, { documents: [{ key: 'selfie', uploadId: '00000000-0000-4000-8000-000000000000' }] }]) {
      const res = await apply(m, o);
      expect(res.status, JSON.stringify(o)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect(await api.count('claims')).toBe(before);
  });

  it('takes only the member’s own uploads as documents: another’s is refused whole, nothing written', async () => {
    const m = await applicant();
    const other = await applicant();
    const before = { claims: await api.count('claims'), links: await api.count('upload_links'), docs: await api.count('claim_documents') };
    const res = await apply(m, { documents: [{ key: 'invoice', uploadId: await upload(m.token) }, { key: 'discharge_summary', uploadId: await upload(other.token) }] });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toEqual([{ path: 'documents.1.uploadId', message: expect.any(String) }]);
    expect({ claims: await api.count('claims'), links: await api.count('upload_links'), docs: await api.count('claim_documents') }).toEqual(before);
  });

  it('answers the same request sent again (a lost answer) with the claim it made, and refuses those uploads for another claim', async () => {
    const m = await applicant();
    const body = await application(m.token);
    const first = await api.post('/api/me/claims', { token: m.token, body });
    const again = await api.post('/api/me/claims', { token: m.token, body });
    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.body.id).toBe(first.body.id);
    const reused = await api.post('/api/me/claims', { token: m.token, body: { ...body, amountClaimedFen: 999 } });
    expect(reused.status).toBe(400);
    expect(await api.count('claims c join members m on m.id = c.member_id', 'm.id = $1', [m.memberId])).toBe(1);
  });

  it('is for roster members only', async () => {
    expect((await api.post('/api/me/claims', { body: {} })).status).toBe(401);
    const stranger = await api.user();
    const res = await api.post('/api/me/claims', { token: stranger.token, body: { plan: 'basic', incidentDate: '2026-01-02', amountClaimedFen: 100, documents: [{ key: 'invoice', uploadId: '00000000-0000-4000-8000-000000000000' }] } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_A_MEMBER');
  });
});

describe('officers move it by the claim rules (POST /api/admin/claims/:id/transition)', () => {
  it('受理, 补充材料 with what is missing, and the member sees each step with a notice', async () => {
    const m = await applicant();
    const claim = (await apply(m)).body;
    const accepted = await transition(claim.id, { status: 'under_review' });
    expect(accepted.status).toBe(200);
    expect(ZOfficerClaim.parse(accepted.body)).toMatchObject({ status: 'under_review', memberName: '王互助', orgName: '申请人工会' });
    const asked = await transition(claim.id, { status: 'needs_info', note: '请补充费用清单（盖章）' });
    expect(asked.status).toBe(200);
    const seen = (await api.get(`/api/me/claims/${claim.id}`, { token: m.token })).body;
    expect(seen.status).toBe('needs_info');
    expect(seen.timeline.map((e: { status: string; note: string | null }) => [e.status, e.note])).toEqual([
      ['submitted', null],
      ['under_review', null],
      ['needs_info', '请补充费用清单（盖章）'],
    ]);
    expect(await api.count('notification_outbox', `template = 'claim_status_changed' and data->>'claimNo' = $1`, [claim.claimNo])).toBe(2);
    const { rows } = await api.db.query<{ detail: Record<string, unknown> }>(`select detail from audit_log where action = 'claim.transition' and subject_id = $1 order by id`, [claim.id]);
    expect(rows.map((r) => [r.detail.from, r.detail.to])).toEqual([['submitted', 'under_review'], ['under_review', 'needs_info']]);
    expect(JSON.stringify(rows)).not.toContain('费用清单');
  });

  it('refuses a move the rule does not allow with 409 INVALID_TRANSITION, and a 补充材料 without a note with 400', async () => {
    const m = await applicant();
    const claim = (await apply(m)).body;
    const jump = await transition(claim.id, { status: 'approved' });
    expect(jump.status).toBe(409);
    expect(jump.body.error.code).toBe('INVALID_TRANSITION');
    expect(jump.body.error.message).toContain('已提交');
    await transition(claim.id, { status: 'under_review' });
    for (const body of [{ status: 'needs_info' }, { status: 'needs_info', note: '   ' }, { status: 'rejected' }, { status: 'paid' }, { status: 'submitted' }, { status: 'under_review', amountApprovedFen: 100 }]) {
      const res = await transition(claim.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await transition(claim.id, { status: 'under_review' })).status).toBe(409);
    expect(await api.count('claim_events', 'claim_id = $1', [claim.id])).toBe(2);
  });

  it('核定 with an amount, or 不予给付 with the reason the member reads', async () => {
    const m = await applicant();
    const a = (await apply(m)).body;
    const b = (await apply(m)).body;
    for (const c of [a, b]) await transition(c.id, { status: 'under_review' });
    const approved = await transition(a.id, { status: 'approved', amountApprovedFen: 100_000, note: '按住院天数核定' });
    expect(approved.body).toMatchObject({ status: 'approved', amountApprovedFen: 100_000 });
    const rejected = await transition(b.id, { status: 'rejected', note: '出险日期不在保障期内' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '出险日期不在保障期内' });
    expect((await transition(a.id, { status: 'rejected', note: '重复' })).status).toBe(409);
  });

  it('answers for whose claims: officers of the member’s union or above and admins; others 404 or 403', async () => {
    const m = await applicant();
    const claim = (await apply(m)).body;
    const cityOfficer = await api.user({ roles: [{ role: 'claims_officer', orgId: city }] });
    const siblingOfficer = await api.user({ roles: [{ role: 'claims_officer', orgId: sibling }] });
    const cadre = await api.cadre(union);
    expect((await transition(claim.id, { status: 'under_review' }, siblingOfficer.token)).status).toBe(404);
    expect((await transition(claim.id, { status: 'under_review' }, cadre.token)).status).toBe(403);
    expect((await transition(claim.id, { status: 'under_review' }, m.token)).status).toBe(403);
    expect((await transition('999999999', { status: 'under_review' })).status).toBe(404);
    expect(await api.count('claim_events', 'claim_id = $1', [claim.id])).toBe(1);
    expect((await transition(claim.id, { status: 'under_review' }, cityOfficer.token)).status).toBe(200);
    expect((await transition(claim.id, { status: 'needs_info', note: '缺发票原件' }, (await api.admin()).token)).status).toBe(200);
  });
});

describe('the member adds what is missing (POST /api/me/claims/:id/documents)', () => {
  it('adds documents while 待补充材料 and moves it back to 审核中, saying what was added', async () => {
    const m = await applicant();
    const claim = (await apply(m)).body;
    await transition(claim.id, { status: 'under_review' });
    await transition(claim.id, { status: 'needs_info', note: '请补充费用清单' });
    const documents = [{ key: 'expense_list', uploadId: await upload(m.token) }];
    const res = await addDocuments(m, claim.id, documents);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('under_review');
    expect(res.body.documents.map((d: { key: string }) => d.key)).toEqual(['invoice', 'discharge_summary', 'expense_list']);
    expect(res.body.timeline.at(-1)).toMatchObject({ status: 'under_review', note: '会员已补充材料：费用清单' });
    const again = await addDocuments(m, claim.id, documents);
    expect(again.status).toBe(200);
    expect(again.body.timeline).toHaveLength(res.body.timeline.length);
  });

  it('refuses while not waiting for documents (409), on someone else’s claim (404), and with someone else’s upload (400)', async () => {
    const m = await applicant();
    const other = await applicant();
    const claim = (await apply(m)).body;
    const notWaiting = await addDocuments(m, claim.id, [{ key: 'other', uploadId: await upload(m.token) }]);
    expect(notWaiting.status).toBe(409);
    expect(notWaiting.body.error.code).toBe('INVALID_TRANSITION');
    await transition(claim.id, { status: 'under_review' });
    await transition(claim.id, { status: 'needs_info', note: '缺身份证' });
    expect((await addDocuments(other, claim.id, [{ key: 'id_card', uploadId: await upload(other.token) }])).status).toBe(404);
    const stolen = await addDocuments(m, claim.id, [{ key: 'id_card', uploadId: await upload(other.token) }]);
    expect(stolen.status).toBe(400);
    expect((await api.get(`/api/me/claims/${claim.id}`, { token: m.token })).body.status).toBe('needs_info');
  });
});

describe('the documents', () => {
  it('are read by the claim’s member and by officers who may see the claim, each read audited; nobody else', async () => {
    const m = await applicant();
    const claim = (await apply(m)).body;
    const uploadId = claim.documents[0].uploadId;
    const readers = [m, officer, await api.user({ roles: [{ role: 'claims_officer', orgId: union }] }), await api.admin()];
    for (const reader of readers) {
      const res = await fetch(`${api.base}/api/uploads/${uploadId}`, { headers: { authorization: `Bearer ${reader.token}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
    }
    const { rows } = await api.db.query<{ grant: string }>(`select detail->>'grant' as grant from audit_log where action = 'upload.read' and subject_id = $1 order by id`, [uploadId]);
    expect(rows.map((r) => r.grant)).toEqual(['uploader', 'claim', 'claim', 'claim']);
    const outsiders = [await applicant(), await api.user({ roles: [{ role: 'claims_officer', orgId: sibling }] }), await api.cadre(union)];
    for (const outsider of outsiders) expect((await api.get(`/api/uploads/${uploadId}`, { token: outsider.token })).status).toBe(404);
  });
});

describe('one history with the imports', () => {
  it('lets the mutual-aid system’s import move an application by its number; the member sees one timeline', async () => {
    const m = await applicant();
    const claim = (await apply(m)).body;
    await transition(claim.id, { status: 'under_review' });
    await transition(claim.id, { status: 'needs_info', note: '缺出院小结原件' });
    await addDocuments(m, claim.id, [{ key: 'discharge_summary', uploadId: await upload(m.token) }]);
    const row = { claimNo: claim.claimNo, idNumber: m.idNumber, plan: 'hospitalization', incidentDate: '2026-03-02', submittedAt: claim.submittedAt, amountClaimedFen: 123456 };
    const later = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
    const approved = await api.post('/api/admin/claims/import', { token: officer.token, body: { rows: [{ ...row, status: 'approved', amountApprovedFen: 100_000, at: later(1), note: '互助系统核定' }] } });
    expect(approved.body).toMatchObject({ created: 0, updated: 1, rejected: [] });
    const paid = await api.post('/api/admin/claims/import', {
      token: officer.token,
      body: { rows: [{ ...row, status: 'paid', amountApprovedFen: 100_000, amountPaidFen: 100_000, paidAt: later(2), at: later(2) }] },
    });
    expect(paid.body).toMatchObject({ updated: 1, rejected: [] });
    const seen = ZClaim.parse((await api.get(`/api/me/claims/${claim.id}`, { token: m.token })).body);
    expect(seen.timeline.map((e) => e.status)).toEqual(['submitted', 'under_review', 'needs_info', 'under_review', 'approved', 'paid']);
    expect(seen).toMatchObject({ status: 'paid', amountPaidFen: 100_000, description: '3月2日因肺炎住院7天' });
    expect(seen.documents).toHaveLength(3);
    const backwards = await api.post('/api/admin/claims/import', { token: officer.token, body: { rows: [{ ...row, status: 'under_review', at: later(3) }] } });
    expect(backwards.body.rejected[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
