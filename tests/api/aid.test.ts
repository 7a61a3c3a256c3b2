import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, iso, type TestApi } from '../support/api.js';
import { purgeAidChildData } from '../../functions/_lib/services/aid/purge-aid-child-data.js';
import { ZAidApplication, ZAidApplicationList, ZAidEligibility, ZAidProgram, ZAidProgramList, ZAidPublicity, ZErrorBody, ZImportResult } from '../../shared/schemas.js';

let api: TestApi;
let admin: { userId: string; token: string };
let admin2: { userId: string; token: string };
let city: string;
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.admin();
  admin2 = await api.admin();
  city = await api.org({ name: `郑州市总工会${process.pid}` });
});
afterAll(async () => {
  await api.close();
});

const DOCS = [
  { key: 'admission_letter', label: '录取通知书' },
  { key: 'hardship_proof', label: '困难证明' },
];

function programInput(o: Record<string, unknown> = {}) {
  return {
    kind: 'student_aid',
    title: '2026年金秋助学',
    opensAt: iso(-24),
    closesAt: iso(24 * 30),
    eligibility: '困难职工子女，2026年考入全日制高校',
    amountsFen: [
      { level: '本科', amountFen: 500_000 },
      { level: '专科', amountFen: 300_000 },
    ],
    requiredDocuments: DOCS,
    publicityDays: 5,
    ...o,
  };
}

async function program(o: Record<string, unknown> = {}) {
  const res = await api.post('/api/admin/aid-programs', { token: admin.token, body: programInput(o) });
  expect(res.status).toBe(201);
  return ZAidProgram.parse(res.body);
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
/** A photo uploaded by `token`'s user: its upload id. */
async function upload(token: string): Promise<string> {
  const res = await api.post('/api/uploads', { token, rawBody: PNG, headers: { 'content-type': 'image/png' } });
  expect(res.status).toBe(201);
  return res.body.id;
}
const documents = async (token: string, keys = DOCS.map((d) => d.key)) => Promise.all(keys.map(async (key) => ({ key, uploadId: await upload(token) })));
const form = async (token: string, o: Record<string, unknown> = {}) => ({
  level: '本科',
  child: { name: '王小明', school: '郑州大学', admissionYear: 2026 },
  documents: await documents(token),
  ...o,
});

/** A grassroots union under the city union, a member of it who can apply, and its cadre. */
async function union() {
  const orgId = await api.org({ parentId: city });
  const applicant = await api.memberUser({ orgId, name: '张伟' });
  const cadre = await api.cadre(orgId);
  return { orgId, applicant, cadre };
}

async function apply(token: string, programId: string, body?: unknown) {
  return api.post(`/api/aid-programs/${programId}/applications`, { token, body: body ?? (await form(token)) });
}

async function review(token: string, id: string, body: Record<string, unknown>) {
  return api.post(`/api/admin/aid-applications/${id}/review`, { token, body });
}

const codeOf = (res: { body: unknown }) => ZErrorBody.parse(res.body).error.code;

/** An application taken through both reviews: approved, waiting for the notice. */
async function approvedApplication(programId: string) {
  const u = await union();
  const created = await apply(u.applicant.token, programId);
  expect(created.status).toBe(201);
  const id = created.body.id as string;
  expect((await review(u.cadre.token, id, { decision: 'approve' })).status).toBe(200);
  expect((await review(admin.token, id, { decision: 'approve' })).status).toBe(200);
  return { ...u, id };
}

describe('aid programmes', () => {
  it('lets an admin open a programme, which every logged-in user then sees with its amounts in fen and documents', async () => {
    const p = await program();
    expect(p).toMatchObject({ kind: 'student_aid', amountsFen: [{ level: '本科', amountFen: 500_000 }, { level: '专科', amountFen: 300_000 }], requiredDocuments: DOCS, publicityDays: 5, reviewDays: 5 });
    const m = await api.memberUser();
    const list = ZAidProgramList.parse((await api.get('/api/aid-programs', { token: m.token })).body);
    expect(list.items.map((i) => i.id)).toContain(p.id);
  });

  it('refuses a programme from a cadre or a member, and one whose window ends before it starts or repeats a level', async () => {
    const u = await union();
    expect((await api.post('/api/admin/aid-programs', { token: u.cadre.token, body: programInput() })).status).toBe(403);
    expect((await api.post('/api/admin/aid-programs', { token: u.applicant.token, body: programInput() })).status).toBe(403);
    const backwards = await api.post('/api/admin/aid-programs', { token: admin.token, body: programInput({ opensAt: iso(10), closesAt: iso(5) }) });
    expect(backwards.status).toBe(400);
    expect(codeOf(backwards)).toBe('VALIDATION_FAILED');
    const repeated = await api.post('/api/admin/aid-programs', { token: admin.token, body: programInput({ amountsFen: [{ level: '本科', amountFen: 1 }, { level: '本科', amountFen: 2 }] }) });
    expect(repeated.status).toBe(400);
    expect((await api.post('/api/admin/aid-programs', { token: admin.token, body: programInput({ amountsFen: [{ level: '本科', amountFen: 0 }] }) })).status).toBe(400);
  });
});

describe('the eligibility self-check', () => {
  it('tells an eligible member so, with the applicant fields prefilled from the roster', async () => {
    const p = await program();
    const u = await union();
    const res = await api.get(`/api/aid-programs/${p.id}/eligibility`, { token: u.applicant.token });
    expect(res.status).toBe(200);
    const e = ZAidEligibility.parse(res.body);
    expect(e).toMatchObject({ eligible: true, reasons: [], application: null, applicant: { name: '张伟' } });
    expect(e.applicant?.memberNoMasked).toMatch(/\*/);
  });

  it('gives every reason why not: not a member, outside the union, not in the group, already applied, window', async () => {
    const stranger = await api.user();
    const p = await program();
    expect(ZAidEligibility.parse((await api.get(`/api/aid-programs/${p.id}/eligibility`, { token: stranger.token })).body).reasons.map((r) => r.code)).toEqual(['not_a_member']);

    const u = await union();
    const elsewhere = await api.org({ parentId: city });
    const scoped = await program({ orgId: elsewhere, requiredGroups: ['hardship'], opensAt: iso(24), closesAt: iso(48) });
    const e = ZAidEligibility.parse((await api.get(`/api/aid-programs/${scoped.id}/eligibility`, { token: u.applicant.token })).body);
    expect(e.eligible).toBe(false);
    expect(e.reasons.map((r) => r.code)).toEqual(['outside_org', 'not_in_group', 'not_open_yet']);
    expect(e.reasons.every((r) => /[\u4e00-\u9fa5]/.test(r.message))).toBe(true);

    const closed = await program({ opensAt: iso(-48), closesAt: iso(-24) });
    expect(ZAidEligibility.parse((await api.get(`/api/aid-programs/${closed.id}/eligibility`, { token: u.applicant.token })).body).reasons.map((r) => r.code)).toEqual(['closed']);

    expect((await apply(u.applicant.token, p.id)).status).toBe(201);
    const after = ZAidEligibility.parse((await api.get(`/api/aid-programs/${p.id}/eligibility`, { token: u.applicant.token })).body);
    expect(after).toMatchObject({ eligible: false, application: { status: 'submitted' } });
    expect(after.reasons.map((r) => r.code)).toEqual(['already_applied']);
  });

  it('admits members of the named union subtree who are in a required roster group', async () => {
    const u = await union();
    await api.db.query(`update members set groups = '{hardship}' where id = $1`, [u.applicant.memberId]);
    const p = await program({ orgId: city, requiredGroups: ['hardship'] });
    expect(ZAidEligibility.parse((await api.get(`/api/aid-programs/${p.id}/eligibility`, { token: u.applicant.token })).body).eligible).toBe(true);
    expect((await apply(u.applicant.token, p.id)).status).toBe(201);
  });

  it('answers 404 for a programme that does not exist', async () => {
    const m = await api.memberUser();
    expect((await api.get('/api/aid-programs/999999999/eligibility', { token: m.token })).status).toBe(404);
  });
});

describe('applying', () => {
  it('creates a submitted application with the roster name, union and the level amount, and a one-event timeline', async () => {
    const p = await program();
    const u = await union();
    const res = await apply(u.applicant.token, p.id, await form(u.applicant.token, { level: '专科' }));
    expect(res.status).toBe(201);
    const a = ZAidApplication.parse(res.body);
    expect(a).toMatchObject({ status: 'submitted', level: '专科', amountFen: 300_000, programId: p.id, applicant: { name: '张伟', orgId: u.orgId }, reviewLevel: 'grassroots', overdue: false });
    expect(a.child).toEqual({ name: '王小明', school: '郑州大学', admissionYear: 2026 });
    expect(a.documents.map((d) => d.label)).toEqual(['录取通知书', '困难证明']);
    expect(a.timeline.map((e) => e.status)).toEqual(['submitted']);
    expect(Date.parse(a.reviewDueAt as string) - Date.parse(a.submittedAt)).toBe(5 * 86_400_000);
    const mine = ZAidApplicationList.parse((await api.get('/api/me/aid-applications', { token: u.applicant.token })).body);
    expect(mine.items.map((i) => i.id)).toEqual([a.id]);
  });

  it('refuses outside the window with WINDOW_CLOSED, and writes nothing', async () => {
    const u = await union();
    for (const window of [{ opensAt: iso(1), closesAt: iso(48) }, { opensAt: iso(-48), closesAt: iso(-1) }]) {
      const p = await program(window);
      const res = await apply(u.applicant.token, p.id);
      expect(res.status).toBe(409);
      expect(codeOf(res)).toBe('WINDOW_CLOSED');
      expect(await api.count('aid_applications', 'program_id = $1', [p.id])).toBe(0);
    }
  });

  it('takes one application per person and programme, even from two taps at once', async () => {
    const p = await program();
    const u = await union();
    const [a, b] = await Promise.all([apply(u.applicant.token, p.id), apply(u.applicant.token, p.id)]);
    expect([a.status, b.status].sort()).toEqual([201, 409]);
    const again = await apply(u.applicant.token, p.id);
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('APPLICATION_PENDING');
    expect(await api.count('aid_applications', 'program_id = $1 and member_id = $2', [p.id, u.applicant.memberId])).toBe(1);
  });

  it('refuses a level the programme lacks, a missing required document, a foreign document and student aid without the child', async () => {
    const p = await program();
    const u = await union();
    const t = u.applicant.token;
    const bodies = [
      await form(t, { level: '博士' }),
      await form(t, { documents: await documents(t, ['admission_letter']) }),
      await form(t, { documents: [...(await documents(t)), { key: 'bank_card', uploadId: await upload(t) }] }),
      await form(t, { child: undefined }),
    ];
    for (const body of bodies) {
      const res = await apply(u.applicant.token, p.id, body);
      expect(res.status).toBe(400);
      expect(codeOf(res)).toBe('VALIDATION_FAILED');
      expect(ZErrorBody.parse(res.body).error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await apply(u.applicant.token, p.id, { level: '本科' })).status).toBe(400);
    expect(await api.count('aid_applications', 'program_id = $1', [p.id])).toBe(0);
  });

  it('takes a hardship application without a child', async () => {
    const p = await program({ kind: 'hardship', title: '困难职工帮扶', amountsFen: [{ level: '一档', amountFen: 200_000 }], requiredDocuments: [{ key: 'hardship_proof', label: '困难证明' }] });
    const u = await union();
    const res = await apply(u.applicant.token, p.id, { level: '一档', documents: await documents(u.applicant.token, ['hardship_proof']) });
    expect(res.status).toBe(201);
    expect(res.body.child).toBeNull();
  });

  it('refuses a user not on the roster (NOT_A_MEMBER) and a member outside the programme union (NOT_ELIGIBLE)', async () => {
    const stranger = await api.user();
    const p = await program();
    const strangerBody = { level: '本科', child: { name: '王小明', school: '郑州大学', admissionYear: 2026 }, documents: DOCS.map((d, i) => ({ key: d.key, uploadId: `00000000-0000-4000-8000-00000000000${i}` })) };
    expect(codeOf(await apply(stranger.token, p.id, strangerBody))).toBe('NOT_A_MEMBER');
    const u = await union();
    const scoped = await program({ orgId: await api.org({ parentId: city }) });
    const res = await apply(u.applicant.token, scoped.id);
    expect(res.status).toBe(403);
    expect(codeOf(res)).toBe('NOT_ELIGIBLE');
  });
});

describe('reading an application', () => {
  it('shows it to its applicant and its reviewers (audited), and is 404 for anyone else', async () => {
    const p = await program();
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    expect((await api.get(`/api/aid-applications/${id}`, { token: u.applicant.token })).status).toBe(200);
    const parentCadre = await api.cadre(city);
    for (const reviewer of [u.cadre, parentCadre, admin]) {
      const res = await api.get(`/api/aid-applications/${id}`, { token: reviewer.token });
      expect(res.status).toBe(200);
      expect(await api.count('audit_log', `action = 'aid_application.read' and subject_id = $1 and actor_user_id = $2`, [id, reviewer.userId])).toBe(1);
    }
    const otherMember = await api.memberUser({ orgId: u.orgId });
    const otherCadre = await api.cadre(await api.org({ parentId: city }));
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    for (const outsider of [otherMember, otherCadre, officer]) expect((await api.get(`/api/aid-applications/${id}`, { token: outsider.token })).status).toBe(404);
  });
});

describe('review', () => {
  it('goes grassroots cadre then city admin, with deadlines per level, and tells the applicant each decision', async () => {
    const p = await program();
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    const first = await review(u.cadre.token, id, { decision: 'approve' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'grassroots_approved', reviewLevel: 'city' });
    const second = ZAidApplication.parse((await review(admin.token, id, { decision: 'approve' })).body);
    expect(second).toMatchObject({ status: 'approved', reviewLevel: null, reviewDueAt: null });
    expect(second.timeline.map((e) => e.status)).toEqual(['submitted', 'grassroots_approved', 'approved']);
    const notices = await api.db.query<{ data: { statusLabel: string }; page: string }>(`select data, page from notification_outbox where template = 'aid_status_changed' and member_id = $1 order by id`, [u.applicant.memberId]);
    expect(notices.rows.map((r) => r.data.statusLabel)).toEqual(['待市总工会审核', '审核通过']);
    expect(notices.rows[0].page).toBe(`pages/aid/index?id=${id}`);
  });

  it('lets only cadres of the applicant union subtree decide the first level, and only admins the second', async () => {
    const p = await program();
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    const otherCadre = await api.cadre(await api.org({ parentId: city }));
    expect((await review(otherCadre.token, id, { decision: 'approve' })).status).toBe(404);
    expect((await review(u.applicant.token, id, { decision: 'approve' })).status).toBe(403);
    expect((await review(u.cadre.token, id, { decision: 'approve' })).status).toBe(200);
    const again = await review(u.cadre.token, id, { decision: 'approve' });
    expect(again.status).toBe(403);
    expect(ZErrorBody.parse(again.body).error.message).toContain('市总工会');
    expect((await api.get(`/api/aid-applications/${id}`, { token: u.applicant.token })).body.status).toBe('grassroots_approved');
  });

  it('does not let one person decide both levels', async () => {
    const p = await program();
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    expect((await review(admin.token, id, { decision: 'approve' })).status).toBe(200);
    expect((await review(admin.token, id, { decision: 'approve' })).status).toBe(403);
    expect((await review(admin2.token, id, { decision: 'approve' })).body.status).toBe('approved');
  });

  it('lets nobody review their own or their household’s application, the household being the 户号 the roster import gave', async () => {
    const p = await program();
    const orgId = await api.org({ parentId: city });
    const cadre = await api.cadre(orgId);
    const own = await apply(cadre.token, p.id);
    expect(own.status).toBe(201);
    const ownReview = await review(cadre.token, own.body.id, { decision: 'approve' });
    expect(ownReview.status).toBe(403);
    expect(ZErrorBody.parse(ownReview.body).error.message).toContain('家庭');

    // The union's roster, imported again with its 户号 column: the cadre and 李娜 are one household
    // (the cadre's cell written with spaces around it), the union's other cadre lives elsewhere.
    const spouse = await api.memberUser({ orgId, name: '李娜' });
    const neighbour = await api.cadre(orgId);
    const household = `410105${process.pid}`;
    const roster = await api.post('/api/admin/members/import', {
      token: admin.token,
      body: {
        orgId,
        members: [
          { name: spouse.name, idNumber: spouse.idNumber, phone: spouse.phone, householdNo: household },
          { name: cadre.name, idNumber: cadre.idNumber, phone: cadre.phone, householdNo: ` ${household} ` },
          { name: neighbour.name, idNumber: neighbour.idNumber, phone: neighbour.phone, householdNo: `${household}-2` },
        ],
      },
    });
    expect(roster.body).toMatchObject({ created: 0, updated: 3, rejected: [] });

    const family = (await apply(spouse.token, p.id)).body.id;
    const refused = await review(cadre.token, family, { decision: 'approve' });
    expect(refused.status).toBe(403);
    expect(ZErrorBody.parse(refused.body).error).toMatchObject({ code: 'FORBIDDEN', message: '不能审核本人或本家庭成员的申请' });
    expect((await review(cadre.token, family, { decision: 'reject', reason: '不符合条件' })).status).toBe(403);
    expect((await api.get(`/api/aid-applications/${family}`, { token: spouse.token })).body.status).toBe('submitted');
    const decided = await review(neighbour.token, family, { decision: 'approve' });
    expect(decided.status, decided.text).toBe(200);
    expect(ZAidApplication.parse(decided.body).status).toBe('grassroots_approved');
  });

  it('returns an application naming the wrong document; the member corrects it and resubmits, keeping the history', async () => {
    const p = await program();
    const u = await union();
    const created = ZAidApplication.parse((await apply(u.applicant.token, p.id)).body);
    expect((await review(u.cadre.token, created.id, { decision: 'return' })).status).toBe(400);
    expect((await review(u.cadre.token, created.id, { decision: 'return', reason: '照片模糊', documentKey: 'bank_card' })).status).toBe(400);
    const returned = ZAidApplication.parse((await review(u.cadre.token, created.id, { decision: 'return', reason: '录取通知书照片模糊', documentKey: 'admission_letter' })).body);
    expect(returned).toMatchObject({ status: 'returned', returnReason: '录取通知书照片模糊', returnDocumentKey: 'admission_letter' });

    const fresh = await upload(u.applicant.token);
    const replaced = created.documents.map((d) => (d.key === 'admission_letter' ? { key: d.key, uploadId: fresh } : { key: d.key, uploadId: d.uploadId }));
    const other = await api.memberUser({ orgId: u.orgId });
    expect((await api.patch(`/api/aid-applications/${created.id}`, { token: other.token, body: { documents: replaced } })).status).toBe(404);
    const res = await api.patch(`/api/aid-applications/${created.id}`, { token: u.applicant.token, body: { documents: replaced } });
    expect(res.status).toBe(200);
    const again = ZAidApplication.parse(res.body);
    expect(again).toMatchObject({ status: 'submitted', returnReason: null, returnDocumentKey: null, reviewLevel: 'grassroots' });
    expect(again.documents.find((d) => d.key === 'admission_letter')?.uploadId).toBe(fresh);
    expect(again.timeline.map((e) => e.status)).toEqual(['submitted', 'returned', 'submitted']);
    expect(again.timeline[1].note).toContain('录取通知书');

    const notReturned = await api.patch(`/api/aid-applications/${created.id}`, { token: u.applicant.token, body: { level: '专科' } });
    expect(notReturned.status).toBe(409);
    expect(codeOf(notReturned)).toBe('INVALID_TRANSITION');
  });

  it('rejects with a reason from either level; a rejected application cannot be reviewed again', async () => {
    const p = await program();
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    expect((await review(u.cadre.token, id, { decision: 'reject' })).status).toBe(400);
    const rejected = await review(u.cadre.token, id, { decision: 'reject', reason: '家庭收入超过标准' });
    expect(rejected.body).toMatchObject({ status: 'rejected', rejectReason: '家庭收入超过标准' });
    const again = await review(u.cadre.token, id, { decision: 'approve' });
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('INVALID_TRANSITION');

    const v = await union();
    const second = (await apply(v.applicant.token, p.id)).body.id;
    await review(v.cadre.token, second, { decision: 'approve' });
    expect((await review(admin.token, second, { decision: 'reject', reason: '名额已满' })).body.status).toBe('rejected');
  });

  it('lists the queue by level: cadres their subtree, admins everything, filtered by programme and status', async () => {
    const p = await program();
    const u = await union();
    const v = await union();
    const a = (await apply(u.applicant.token, p.id)).body.id;
    const b = (await apply(v.applicant.token, p.id)).body.id;
    await review(v.cadre.token, b, { decision: 'approve' });
    const cadreQueue = ZAidApplicationList.parse((await api.get(`/api/admin/aid-applications?programId=${p.id}`, { token: u.cadre.token })).body);
    expect(cadreQueue.items.map((i) => i.id)).toEqual([a]);
    const cityQueue = ZAidApplicationList.parse((await api.get(`/api/admin/aid-applications?programId=${p.id}&status=grassroots_approved`, { token: admin.token })).body);
    expect(cityQueue.items.map((i) => i.id)).toEqual([b]);
    expect(cityQueue.items[0].reviewDueAt).not.toBeNull();
    const all = ZAidApplicationList.parse((await api.get(`/api/admin/aid-applications?programId=${p.id}&limit=1`, { token: admin.token })).body);
    expect(all.items.map((i) => i.id)).toEqual([a]);
    const next = ZAidApplicationList.parse((await api.get(`/api/admin/aid-applications?programId=${p.id}&limit=1&cursor=${all.nextCursor}`, { token: admin.token })).body);
    expect(next.items.map((i) => i.id)).toEqual([b]);
    expect((await api.get('/api/admin/aid-applications', { token: u.applicant.token })).status).toBe(403);
    expect((await api.get('/api/admin/aid-applications?status=unknown', { token: admin.token })).status).toBe(400);
    expect((await api.get('/api/admin/aid-applications?cursor=abc', { token: admin.token })).status).toBe(400);
  });

  it('marks an application overdue when its level deadline has passed', async () => {
    const p = await program({ reviewDays: 2 });
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    await api.db.query(`update aid_applications set stage_started_at = now() - interval '3 days' where id = $1`, [id]);
    const queue = ZAidApplicationList.parse((await api.get(`/api/admin/aid-applications?programId=${p.id}`, { token: u.cadre.token })).body);
    expect(queue.items[0]).toMatchObject({ id, overdue: true, reviewLevel: 'grassroots' });
  });
});

describe('the database holds the status rules', () => {
  it('refuses every move outside the legal ones, an application that starts anywhere but submitted, and a rewritten timeline', async () => {
    const p = await program();
    const u = await union();
    const id = (await apply(u.applicant.token, p.id)).body.id;
    for (const to of ['approved', 'publicized', 'paid']) {
      await expect(api.db.query(`update aid_applications set status = $2, paid_at = now() where id = $1`, [id, to])).rejects.toThrow(/not a legal move/);
    }
    await expect(
      api.db.query(`insert into aid_applications (program_id, member_id, org_id, applicant_name, level, amount_fen, status) select $1, id, org_id, name, '本科', 1, 'approved' from members where id = $2`, [p.id, (await api.memberUser()).memberId]),
    ).rejects.toThrow(/starts as submitted/);
    await expect(api.db.query('delete from aid_application_events where application_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(api.db.query(`update aid_applications set grassroots_by = $2, approved_by = $2 where id = $1`, [id, admin.userId])).rejects.toThrow();
    // legal moves pass the same guard
    await api.db.query(`update aid_applications set status = 'returned', return_reason = 'x' where id = $1`, [id]);
    await api.db.query(`update aid_applications set status = 'submitted' where id = $1`, [id]);
    await expect(api.db.query(`update aid_applications set status = 'paid', paid_at = now() where id = $1`, [id])).rejects.toThrow();
  });
});

describe('public notice and payment', () => {
  it('publicizes every approved application, and anyone without login sees masked names, union and amount, and nothing else', async () => {
    const p = await program();
    const x = await approvedApplication(p.id);
    const y = await union();
    const pending = (await apply(y.applicant.token, p.id)).body.id;
    const before = ZAidPublicity.parse((await api.get(`/api/aid-programs/${p.id}/publicity`)).body);
    expect(before.items).toEqual([]);

    expect((await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: x.cadre.token })).status).toBe(403);
    const res = await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ publicized: 1 });
    expect((await api.get(`/api/aid-applications/${x.id}`, { token: x.applicant.token })).body.status).toBe('publicized');
    expect((await api.get(`/api/aid-applications/${pending}`, { token: y.applicant.token })).body.status).toBe('submitted');

    const notice = await api.get(`/api/aid-programs/${p.id}/publicity`);
    expect(notice.status).toBe(200);
    const body = ZAidPublicity.parse(notice.body);
    const orgName = (await api.db.query<{ name: string }>('select name from orgs where id = $1', [x.orgId])).rows[0].name;
    expect(body.items).toEqual([{ nameMasked: '张*', orgName, amountFen: 500_000 }]);
    expect(notice.text).not.toContain('王小明');
    expect(notice.text).not.toContain('郑州大学');
    expect(notice.text).not.toContain(x.applicant.idNumber.slice(-4) + '"');
    expect(notice.text).not.toMatch(/uploadId|member|phone|idNumber|level|documents/);

    const none = await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    expect(none.status).toBe(409);
  });

  it('shows nothing once the notice period is over', async () => {
    const p = await program({ publicityDays: 3 });
    await approvedApplication(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    expect(ZAidPublicity.parse((await api.get(`/api/aid-programs/${p.id}/publicity`)).body).items).toHaveLength(1);
    await api.db.query(`update aid_programs set publicity_starts_at = now() - interval '4 days' where id = $1`, [p.id]);
    expect(ZAidPublicity.parse((await api.get(`/api/aid-programs/${p.id}/publicity`)).body).items).toEqual([]);
  });

  it('imports payment results: publicized becomes paid (已发放), other rows are refused alone, the same file twice changes nothing', async () => {
    const p = await program();
    const x = await approvedApplication(p.id);
    const y = await approvedApplication(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    const z = await union();
    const notPublicized = (await apply(z.applicant.token, p.id)).body.id;
    const paidAt = new Date(Date.now() + 60_000).toISOString();
    const rows = [{ applicationId: x.id, paidAt }, { applicationId: notPublicized, paidAt }, { applicationId: '999999999', paidAt }, { applicationId: x.id, paidAt }, { applicationId: y.id, paidAt: 'yesterday' }];
    expect((await api.post('/api/admin/aid-applications/payments/import', { token: x.cadre.token, body: { rows } })).status).toBe(403);
    const res = await api.post('/api/admin/aid-applications/payments/import', { token: admin.token, body: { rows } });
    expect(res.status).toBe(200);
    const result = ZImportResult.parse(res.body);
    expect(result).toMatchObject({ updated: 1, unchanged: 0, landed: [{ index: 0, id: x.id }] });
    expect(result.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'INVALID_TRANSITION'],
      [2, 'NOT_FOUND'],
      [3, 'VALIDATION_FAILED'],
      [4, 'VALIDATION_FAILED'],
    ]);
    const mine = ZAidApplicationList.parse((await api.get('/api/me/aid-applications', { token: x.applicant.token })).body);
    expect(mine.items[0]).toMatchObject({ status: 'paid' });
    expect(mine.items[0].paidAt).not.toBeNull();
    expect((await api.get(`/api/aid-applications/${y.id}`, { token: y.applicant.token })).body.status).toBe('publicized');
    expect(await api.count('notification_outbox', `template = 'aid_status_changed' and member_id = $1 and data->>'statusLabel' = '已发放'`, [x.applicant.memberId])).toBe(1);

    const twice = ZImportResult.parse((await api.post('/api/admin/aid-applications/payments/import', { token: admin.token, body: { rows: [{ applicationId: x.id, paidAt }] } })).body);
    expect(twice).toMatchObject({ updated: 0, unchanged: 1, rejected: [] });
    expect(await api.count('aid_application_events', `application_id = $1 and status = 'paid'`, [x.id])).toBe(1);
  });

  it('deletes the child’s data N days after payment, through the dispatcher run, and keeps the rest', async () => {
    const p = await program();
    const old = await approvedApplication(p.id);
    const recent = await approvedApplication(p.id);
    await api.post(`/api/admin/aid-programs/${p.id}/publicize`, { token: admin.token });
    const paidAt = new Date().toISOString();
    await api.post('/api/admin/aid-applications/payments/import', { token: admin.token, body: { rows: [{ applicationId: old.id, paidAt }, { applicationId: recent.id, paidAt }] } });
    await api.db.query(`update aid_applications set paid_at = now() - interval '181 days' where id = $1`, [old.id]);

    const run = await api.get('/api/internal/dispatch-notifications');
    expect(run.status).toBe(200);
    const gone = ZAidApplication.parse((await api.get(`/api/aid-applications/${old.id}`, { token: old.applicant.token })).body);
    expect(gone.child).toBeNull();
    expect(gone.childDeletedAt).not.toBeNull();
    expect(gone).toMatchObject({ status: 'paid', amountFen: 500_000, applicant: { name: '张伟' } });
    const { rows } = await api.db.query('select child_name, child_school, child_admission_year from aid_applications where id = $1', [old.id]);
    expect(rows[0]).toEqual({ child_name: null, child_school: null, child_admission_year: null });
    expect(JSON.stringify((await api.db.query('select note from aid_application_events where application_id = $1', [old.id])).rows)).not.toContain('王小明');
    expect(ZAidApplication.parse((await api.get(`/api/aid-applications/${recent.id}`, { token: recent.applicant.token })).body).child?.name).toBe('王小明');

    // the period is configurable: with 0 days the recent one goes too
    expect(await purgeAidChildData({ db: api.db, days: 0 })).toBeGreaterThanOrEqual(1);
    expect(ZAidApplication.parse((await api.get(`/api/aid-applications/${recent.id}`, { token: recent.applicant.token })).body).child).toBeNull();
  });
});

describe('documents', () => {
  it('lets the application’s reviewers read its documents, and nobody else but the applicant', async () => {
    const p = await program();
    const u = await union();
    const a = ZAidApplication.parse((await apply(u.applicant.token, p.id)).body);
    const doc = a.documents[0].uploadId;
    const parentCadre = await api.cadre(city);
    for (const reader of [u.applicant, u.cadre, parentCadre, admin]) expect((await api.get(`/api/uploads/${doc}`, { token: reader.token })).status).toBe(200);
    const otherCadre = await api.cadre(await api.org({ parentId: city }));
    const sameUnionMember = await api.memberUser({ orgId: u.orgId });
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    for (const outsider of [otherCadre, sameUnionMember, officer]) expect((await api.get(`/api/uploads/${doc}`, { token: outsider.token })).status).toBe(404);
    expect((await api.get(`/api/uploads/${doc}`)).status).toBe(401);
  });

  it('refuses someone else’s upload or one that does not exist, and writes nothing', async () => {
    const p = await program();
    const u = await union();
    const other = await api.memberUser();
    const theirs = await upload(other.token);
    const body = await form(u.applicant.token);
    body.documents[1] = { key: body.documents[1].key, uploadId: theirs };
    const res = await apply(u.applicant.token, p.id, body);
    expect(res.status).toBe(400);
    expect(ZErrorBody.parse(res.body).error.details?.[0].path).toBe('documents.1.uploadId');
    body.documents[1] = { key: body.documents[1].key, uploadId: '00000000-0000-4000-8000-000000000000' };
    expect((await apply(u.applicant.token, p.id, body)).status).toBe(400);
    expect((await apply(u.applicant.token, p.id, { ...body, documents: [{ key: 'admission_letter', uploadId: '17' }] })).status).toBe(400);
    expect(await api.count('aid_applications', 'program_id = $1', [p.id])).toBe(0);
    expect(await api.count('upload_links', `owner_kind = 'aid_application' and upload_id = $1`, [theirs])).toBe(0);
  });

  it('lets the reviewers read a replacement document after a resubmission, and keeps the replaced one readable to them', async () => {
    const p = await program();
    const u = await union();
    const a = ZAidApplication.parse((await apply(u.applicant.token, p.id)).body);
    await review(u.cadre.token, a.id, { decision: 'return', reason: '照片不清楚', documentKey: 'hardship_proof' });
    const fresh = await upload(u.applicant.token);
    const docs = a.documents.map((d) => ({ key: d.key, uploadId: d.key === 'hardship_proof' ? fresh : d.uploadId }));
    expect((await api.patch(`/api/aid-applications/${a.id}`, { token: u.applicant.token, body: { documents: docs } })).status).toBe(200);
    expect((await api.get(`/api/uploads/${fresh}`, { token: u.cadre.token })).status).toBe(200);
    expect((await api.get(`/api/uploads/${a.documents[1].uploadId}`, { token: u.cadre.token })).status).toBe(200);
  });
});
