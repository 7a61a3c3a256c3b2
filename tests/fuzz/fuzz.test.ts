// Every route in ROUTES, fed hostile requests: a valid request per endpoint, then mutated bodies
// (wrong types, missing and extra fields, huge strings, unicode edge cases), random query
// strings, headers, path ids, content types, framings and oversize payloads, over raw TCP.
// Whatever arrives, the answer is a contract status with the contract's error body (never a
// 500, never a platform page), and afterwards the data holds every invariant.
//
// In the suite each endpoint gets FUZZ_RUNS requests (default 50); `npm run fuzz` runs 2,000.
// A failure prints fast-check's seed and path: FUZZ_SEED=<seed> FUZZ_PATH=<path> replays it.
import fc from 'fast-check';
import type { z } from 'zod';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../functions/_lib/routes.js';
import { getConfig } from '../../functions/_lib/config.js';
import { signSession } from '../../functions/_lib/auth/session.js';
import { ERROR_STATUS } from '../../shared/errors.js';
import { idNumberCheckChar, isValidIdNumber } from '../../shared/domain/id-number.js';
import * as S from '../../shared/schemas.js';
import { startTestApi, iso, type TestApi } from '../support/api.js';
import { brokenInvariants } from '../support/invariants.js';
import { rawRequest, type RawReply } from './raw-http.js';
import { XLSX, xlsxOf } from '../support/xlsx.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 50);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const REPLAY_PATH = process.env.FUZZ_PATH;
/** The statuses api.md lets a client see while the database is up. */
const CONTRACT_STATUSES = new Set([200, 201, 400, 401, 403, 404, 409, 413, 415, 422, 429]);
const CHINESE = /[\u4e00-\u9fff]/;

let api: TestApi;
let port: number;
const config = getConfig();

// ---------- the scene every valid request starts from ----------
type Person = { userId: string; token: string; memberId?: string; idNumber?: string };
let fx: {
  city: string; union: string; sibling: string;
  admin: Person; cadre: Person; officer: Person; member: Person; other: Person; unbound: Person;
  /** read by the roster, pack and detail endpoints; `rush` takes the fuzzed sign-ups, `door` the scanned tickets */
  activity: string; rush: string; door: string; siblingActivity: string; claim: string; otherClaim: string; otherRegistration: string;
};
let serial = 0;
const next = () => `${process.pid}x${++serial}`;
/** ID numbers for the fuzzer's own people: room for millions (the shared builder's repeat after ~20,000). */
let people = 0;
function personIdNumber(): string {
  const n = people++;
  const born = new Date(Date.UTC(1950, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `110106${born}${String(n % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}
const freshMember = async (orgId: string, name?: string) => api.member({ orgId, name, idNumber: personIdNumber() });
const freshMemberUser = async (orgId: string) => {
  const m = await freshMember(orgId);
  return { ...m, ...(await api.user({ memberId: m.memberId })) };
};

async function signUpFresh(activityId: string) {
  const m = await freshMemberUser(fx.union);
  const res = await api.post(`/api/activities/${activityId}/registrations`, { token: m.token });
  if (res.status !== 201) throw new Error(`fixture sign-up failed: ${res.status} ${res.text}`);
  return { ...m, registration: res.body as S.TRegistration };
}

function claimRow(idNumber: string, claimNo = `FZ-${next()}`) {
  return {
    claimNo, idNumber, plan: 'hospitalization', status: 'submitted', incidentDate: '2026-03-01',
    submittedAt: '2026-03-10T09:00:00+08:00', amountClaimedFen: 1_200_000, note: '材料已收齐', at: '2026-03-10T09:00:00+08:00',
  };
}

async function importClaim(idNumber: string): Promise<string> {
  const row = claimRow(idNumber);
  const res = await api.post('/api/admin/claims/import', { token: fx.officer.token, body: { rows: [row] } });
  if (res.status !== 200 || res.body.created !== 1) throw new Error(`fixture claim failed: ${res.text}`);
  const { rows } = await api.db.query<{ id: string }>('select id::text from claims where claim_no = $1', [row.claimNo]);
  return rows[0].id;
}

const csvOf = (rows: Record<string, unknown>[]) => {
  const cols = Object.keys(rows[0]);
  return [cols.join(','), ...rows.map((r) => cols.map((c) => String(r[c] ?? '')).join(','))].join('\r\n');
};

// ---------- one valid request per endpoint ----------
type Valid = { id?: string; body?: unknown; token?: string | null; query?: Record<string, string>; headers?: [string, string][]; raw?: { bytes: Buffer; type: string } };
type Spec = { valid: () => Promise<Valid>; ok?: z.ZodType; otherIds?: () => string[] };

const key = (r: Pick<Route, 'method' | 'path'>) => `${r.method} ${r.path}`;

const SPECS: Record<string, Spec> = {
  'GET /api/health': { valid: async () => ({ token: null }), ok: S.ZHealth },
  'GET /api/demo/users': { valid: async () => ({ token: null }) },
  'POST /api/auth/login': {
    valid: async () => ({ token: null, body: { code: `dev:fuzz-${next()}` }, headers: [['x-forwarded-for', `10.9.${serial % 250}.${serial % 199}`]] }),
    ok: S.ZLoginResponse,
  },
  'GET /api/me': { valid: async () => ({ token: fx.member.token }), ok: S.ZMeResponse },
  'POST /api/me/bind': {
    valid: async () => {
      const m = await freshMember(fx.union, '绑定人');
      const u = await api.user();
      return { token: u.token, body: { name: m.name, idNumber: m.idNumber } };
    },
    ok: S.ZBindResponse,
  },
  'GET /api/orgs': { valid: async () => ({ token: fx.member.token }), ok: S.ZOrgList },
  'POST /api/admin/orgs': { valid: async () => ({ token: fx.admin.token, body: { name: `模糊工会${next()}`, parentId: fx.city } }), ok: S.ZOrg },
  'POST /api/admin/members/import': {
    valid: async () => ({
      token: fx.admin.token,
      body: { orgId: fx.union, members: [{ name: '导入甲', idNumber: personIdNumber(), phone: '13800138000', memberNo: `FZ-${next()}` }, { name: '导入乙', idNumber: personIdNumber(), phone: '13900139000', householdNo: `FZH-${next()}` }] },
    }),
    ok: S.ZMemberImportResult,
  },
  'POST /api/admin/roles': {
    valid: async () => ({ token: fx.admin.token, body: { memberId: (await freshMember(fx.union)).memberId, role: 'cadre', orgId: fx.union } }),
    ok: S.ZUser,
  },
  'GET /api/me/coverage': { valid: async () => ({ token: fx.member.token, query: { year: '2026' } }), ok: S.ZCoverageList },
  'GET /api/me/claims': { valid: async () => ({ token: fx.member.token, query: { limit: '5' } }), ok: S.ZClaimList },
  'GET /api/me/claims/:id': { valid: async () => ({ token: fx.member.token, id: fx.claim }), ok: S.ZClaim, otherIds: () => [fx.otherClaim] },
  'POST /api/admin/claims/import': {
    valid: async () => ({ token: fx.officer.token, body: { rows: [claimRow(fx.member.idNumber!), { ...claimRow(fx.other.idNumber!), status: 'under_review', note: '住院材料审核中' }] } }),
    ok: S.ZImportResult,
  },
  'POST /api/admin/claims/import.csv': {
    valid: async () => ({ token: fx.officer.token, body: { csv: csvOf([claimRow(fx.member.idNumber!), claimRow(fx.other.idNumber!)]) } }),
    ok: S.ZImportResult,
  },
  'GET /api/admin/claims/:id': { valid: async () => ({ token: fx.officer.token, id: fx.claim }), ok: S.ZOfficerClaim, otherIds: () => [fx.otherClaim] },
  'POST /api/admin/coverage/import': {
    valid: async () => ({ token: fx.officer.token, body: { rows: [{ idNumber: fx.member.idNumber, plan: 'basic', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' }] } }),
    ok: S.ZImportResult,
  },
  'POST /api/admin/coverage/import.csv': {
    valid: async () => ({ token: fx.officer.token, body: { csv: csvOf([{ idNumber: fx.member.idNumber, plan: 'accident', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' }]) } }),
    ok: S.ZImportResult,
  },
  'GET /api/activities': { valid: async () => ({ token: fx.member.token, query: { limit: '5', category: 'lecture', orgId: fx.city } }), ok: S.ZActivityList },
  'POST /api/activities': { valid: async () => ({ token: fx.cadre.token, body: api.activityInput({ orgId: fx.union, title: '模糊测试讲座' }) }), ok: S.ZActivity },
  'GET /api/activities/:id': { valid: async () => ({ token: fx.member.token, id: fx.activity }), ok: S.ZActivityWithMine, otherIds: () => [fx.siblingActivity] },
  'PATCH /api/activities/:id': {
    valid: async () => {
      const id = await api.activity({ orgId: fx.union, capacity: 3 });
      await signUpFresh(id);
      return { token: fx.cadre.token, id, body: { title: '改名后的讲座', capacity: 20, cancelDeadline: iso(40) } };
    },
    ok: S.ZActivity,
    otherIds: () => [fx.siblingActivity],
  },
  'POST /api/activities/:id/cancel': {
    valid: async () => {
      const id = await api.activity({ orgId: fx.union, capacity: 1 });
      await signUpFresh(id);
      await signUpFresh(id);
      return { token: fx.cadre.token, id, body: { reason: '场地维修' } };
    },
    ok: S.ZActivity,
    otherIds: () => [fx.siblingActivity],
  },
  'POST /api/activities/:id/registrations': {
    valid: async () => ({ token: (await freshMemberUser(fx.union)).token, id: fx.rush, headers: [['idempotency-key', `tap-${next()}`]] }),
    ok: S.ZRegistration,
    otherIds: () => [fx.siblingActivity],
  },
  'POST /api/registrations/:id/cancel': {
    valid: async () => {
      const m = await signUpFresh(fx.rush);
      return { token: m.token, id: m.registration.id };
    },
    ok: S.ZRegistration,
    otherIds: () => [fx.otherRegistration],
  },
  'GET /api/me/registrations': { valid: async () => ({ token: fx.member.token, query: { limit: '3' } }), ok: S.ZMyRegistrationList },
  'GET /api/me/subscriptions': { valid: async () => ({ token: fx.member.token }), ok: S.ZSubscriptionList },
  'POST /api/me/subscriptions': { valid: async () => ({ token: fx.member.token, body: { accepted: ['waitlist_promoted', 'claim_status_changed'] } }), ok: S.ZSubscriptionList },
  'GET /api/internal/dispatch-notifications': { valid: async () => ({ token: null }) },
  'POST /api/activities/:id/checkins': {
    valid: async () => {
      const m = await signUpFresh(fx.door);
      return { token: fx.cadre.token, id: fx.door, body: { ticket: m.registration.ticket, deviceId: 'door-1', nonce: `n-${next()}` } };
    },
    ok: S.ZCheckInResponse,
    otherIds: () => [fx.siblingActivity],
  },
  'POST /api/activities/:id/checkins/batch': {
    valid: async () => {
      const a = await signUpFresh(fx.door);
      const b = await signUpFresh(fx.door);
      const scan = (ticket: string | null) => ({ ticket, nonce: `n-${next()}`, scannedAt: iso(-0.1), deviceId: 'door-2' });
      return { token: fx.cadre.token, id: fx.door, body: { scans: [scan(a.registration.ticket), scan(b.registration.ticket)] } };
    },
    ok: S.ZCheckInBatchResponse,
    otherIds: () => [fx.siblingActivity],
  },
  'GET /api/activities/:id/offline-pack': { valid: async () => ({ token: fx.cadre.token, id: fx.activity }), ok: S.ZOfflinePack, otherIds: () => [fx.siblingActivity] },
  'GET /api/activities/:id/roster': { valid: async () => ({ token: fx.cadre.token, id: fx.activity, query: { format: 'json' } }), otherIds: () => [fx.siblingActivity] },
  // ---------- office lookups, union tree, roles and charts (issue #14) ----------
  'GET /api/admin/members': { valid: async () => ({ token: fx.cadre.token, query: { q: '张', orgId: fx.union, limit: '5' } }), ok: S.ZAdminMemberList },
  'GET /api/admin/members/:id': { valid: async () => ({ token: fx.cadre.token, id: fx.member.memberId }), ok: S.ZAdminMember, otherIds: () => [fx.other.memberId as string] },
  'PATCH /api/admin/members/:id': {
    valid: async () => ({ token: fx.cadre.token, id: (await freshMember(fx.union)).memberId, body: { groups: ['hardship', 'frontline'], householdNo: '410105000002' } }),
    ok: S.ZAdminMember,
    otherIds: () => [fx.other.memberId as string],
  },
  'POST /api/admin/roles/revoke': {
    valid: async () => {
      const m = await freshMember(fx.union);
      await api.user({ memberId: m.memberId, roles: [{ role: 'cadre', orgId: fx.union }] });
      return { token: fx.admin.token, body: { memberId: m.memberId, role: 'cadre', orgId: fx.union } };
    },
    ok: S.ZUser,
  },
  'GET /api/admin/orgs': { valid: async () => ({ token: fx.cadre.token }), ok: S.ZAdminOrgList },
  'PATCH /api/admin/orgs/:id': {
    valid: async () => ({ token: fx.admin.token, id: await api.org({ parentId: fx.union }), body: { name: `改名工会${next()}` } }),
    ok: S.ZOrg,
  },
  'GET /api/admin/stats/attendance': { valid: async () => ({ token: fx.cadre.token, query: { orgId: fx.union, month: '2026-11' } }), ok: S.ZAttendanceStats },
  'GET /api/activities/:id/stats': { valid: async () => ({ token: fx.cadre.token, id: fx.door }), ok: S.ZActivityStats, otherIds: () => [fx.siblingActivity] },
  'GET /api/demo/files/:name': { valid: async () => ({ token: null }) },
  // ---------- office-api (v1.1: service keys, claims lookup, spreadsheets) ----------
  'POST /api/admin/api-keys': { valid: async () => ({ token: fx.admin.token, body: { name: `模糊密钥${next()}`, role: 'claims_officer', orgId: fx.union } }), ok: S.ZApiKeyCreated },
  'GET /api/admin/api-keys': { valid: async () => ({ token: fx.admin.token }), ok: S.ZApiKeyList },
  'POST /api/admin/api-keys/:id/revoke': {
    valid: async () => ({ token: fx.admin.token, id: (await api.post('/api/admin/api-keys', { token: fx.admin.token, body: { name: `待吊销${next()}`, role: 'verifier' } })).body.id }),
    ok: S.ZApiKey,
  },
  'GET /api/admin/claims': { valid: async () => ({ token: fx.officer.token, query: { memberId: fx.member.memberId!, limit: '5', status: 'submitted' } }), ok: S.ZOfficerClaimList },
  'POST /api/admin/members/import.xlsx': {
    valid: async () => ({
      token: fx.admin.token, query: { orgId: fx.union },
      raw: { type: XLSX, bytes: await xlsxOf([['姓名', '身份证号', '手机号', '会员类别', '户号'], ['导入甲', personIdNumber(), '13800138000', '劳模', '410105000001'], ['导入乙', personIdNumber(), 13900139000, null, null]]) },
    }),
    ok: S.ZMemberImportResult,
  },
  'POST /api/admin/members/import.csv': {
    valid: async () => ({ token: fx.admin.token, query: { orgId: fx.union }, raw: { type: 'text/csv', bytes: Buffer.from(`姓名,身份证号,手机号,家庭户号\n导入丙,${personIdNumber()},13800138001,FZ-HH\n`) } }),
    ok: S.ZMemberImportResult,
  },
  'POST /api/admin/claims/import.xlsx': {
    valid: async () => {
      const row = claimRow(fx.member.idNumber!);
      return { token: fx.officer.token, raw: { type: XLSX, bytes: await xlsxOf([Object.keys(row), Object.values(row)]) } };
    },
    ok: S.ZImportResult,
  },
  'POST /api/admin/coverage/import.xlsx': {
    valid: async () => ({
      token: fx.officer.token,
      raw: { type: XLSX, bytes: await xlsxOf([['身份证号', '保障项目', '年度', '开始日期', '结束日期'], [fx.member.idNumber, '意外伤害互助保障', 2026, new Date(Date.UTC(2026, 0, 1)), '2026/12/31']]) },
    }),
    ok: S.ZImportResult,
  },
  'GET /api/admin/import-templates/:kind': { valid: async () => ({ token: fx.officer.token }) },
  // aid payment results as spreadsheets (issue #17): well-formed files; the id is unknown, so its row is rejected alone
  'POST /api/admin/aid-applications/payments/import.xlsx': {
    valid: async () => ({ token: fx.admin.token, raw: { type: XLSX, bytes: await xlsxOf([['申请编号', '发放日期'], ['999999999', new Date(Date.UTC(2026, 8, 1))]]) } }),
    ok: S.ZImportResult,
  },
  'POST /api/admin/aid-applications/payments/import.csv': {
    valid: async () => ({ token: fx.admin.token, raw: { type: 'text/csv', bytes: Buffer.from('\uFEFF申请编号,发放日期\r\n999999999,2026/9/1\r\n') } }),
    ok: S.ZImportResult,
  },
  // door (issue #12)
  'GET /api/activities/:id/registrations': { valid: async () => ({ token: fx.cadre.token, id: fx.door, query: { q: '会员' } }), ok: S.ZRegistrationSearch, otherIds: () => [fx.siblingActivity] },
  'POST /api/activities/:id/checkins/manual': {
    valid: async () => {
      const m = await signUpFresh(fx.door);
      return { token: fx.cadre.token, id: fx.door, body: { registrationId: m.registration.id, deviceId: 'door-3', nonce: `n-${next()}` } };
    },
    ok: S.ZCheckInResponse,
    otherIds: () => [fx.siblingActivity],
  },  // joining (issue #15): a fresh applicant each time (one application in progress per user)
  'POST /api/join-applications': {
    valid: async () => ({ token: (await api.user()).token, body: { name: '模糊申请人', idNumber: personIdNumber(), channel: 'employer', employer: '模糊公司', orgId: fx.union } }),
    ok: S.ZJoinApplication,
  },
  // member card (issue #15)
  'GET /api/me/card': { valid: async () => ({ token: fx.member.token }), ok: S.ZMemberCard },
  'POST /api/member-codes/verify': {
    valid: async () => ({ token: fx.cadre.token, body: { code: (await api.get('/api/me/card', { token: fx.member.token })).body.code } }),
    ok: S.ZMemberCodeVerifyResponse,
  },
  'GET /api/member-codes/key': { valid: async () => ({ token: fx.cadre.token }), ok: S.ZMemberCodeKey },
  // uploads (issue #17)
  'POST /api/uploads': { valid: async () => ({ token: fx.member.token, raw: { type: 'image/png', bytes: PNG_BYTES } }), ok: S.ZUpload },
  'GET /api/uploads/:id': {
    valid: async () => {
      fuzzUploadId ??= (await api.post('/api/uploads', { token: fx.other.token, rawBody: PNG_BYTES, headers: { 'content-type': 'image/png' } })).body.id as string;
      return { token: fx.other.token, id: fuzzUploadId };
    },
  },
  // resumable uploads (extension): a fresh member each time (unfinished sessions are capped per member)
  'POST /api/uploads/sessions': { valid: async () => ({ token: (await api.memberUser()).token, body: { contentType: 'image/png', size: 1000 } }), ok: S.ZUploadSession },
  'GET /api/uploads/sessions/:id': {
    valid: async () => {
      const m = await api.memberUser();
      const s = await api.post('/api/uploads/sessions', { token: m.token, body: { contentType: 'image/png', size: 1000 } });
      return { token: m.token, id: s.body.sessionId as string };
    },
    ok: S.ZUploadSession,
  },
  'PUT /api/uploads/sessions/:id': {
    // the first chunk of a file one byte longer: 200 { offset, size }
    valid: async () => {
      const m = await api.memberUser();
      const s = await api.post('/api/uploads/sessions', { token: m.token, body: { contentType: 'image/png', size: PNG_BYTES.length + 1 } });
      return { token: m.token, id: s.body.sessionId as string, headers: [['upload-offset', '0']], raw: { type: 'application/offset+octet-stream', bytes: PNG_BYTES } };
    },
    ok: S.ZUploadChunkAccepted,
  },
  // 互助金申请 (issue #17)
  'POST /api/me/claims': {
    valid: async () => {
      await api.db.query(`insert into coverages (member_id, plan, year, starts_on, ends_on) values ($1, 'hospitalization', 2026, '2026-01-01', '2026-12-31') on conflict do nothing`, [fx.member.memberId]);
      const documents = [{ key: 'invoice', uploadId: await fuzzUpload(fx.member.userId) }, { key: 'discharge_summary', uploadId: await fuzzUpload(fx.member.userId) }];
      return { token: fx.member.token, body: { plan: 'hospitalization', incidentDate: '2026-03-01', amountClaimedFen: 88_800, description: '住院七天', documents } };
    },
    ok: S.ZClaim,
  },
  'POST /api/me/claims/:id/documents': {
    valid: async () => {
      await api.db.query(`with moved as (update claims set status = 'needs_info' where id = $1 returning id) insert into claim_events (claim_id, status, at, note) select id, 'needs_info', now(), '请补充材料' from moved`, [fx.claim]);
      return { token: fx.member.token, id: fx.claim, body: { documents: [{ key: 'expense_list', uploadId: await fuzzUpload(fx.member.userId) }] } };
    },
    ok: S.ZClaim,
    otherIds: () => [fx.otherClaim],
  },
  'POST /api/admin/claims/:id/transition': {
    valid: async () => ({ token: fx.officer.token, id: await importClaim(fx.member.idNumber!), body: { status: 'under_review', note: '已受理' } }),
    ok: S.ZOfficerClaim,
    otherIds: () => [fx.otherClaim],
  },
  'GET /api/admin/join-applications': { valid: async () => ({ token: fx.cadre.token, query: { orgId: fx.union } }), ok: S.ZAdminJoinApplicationList },
  'POST /api/admin/calendar-days': { valid: async () => ({ token: fx.admin.token, body: { days: [{ day: '2027-12-30', workday: false, name: '模糊假日' }] } }), ok: S.ZCalendarDayList },
  'POST /api/admin/calendar-days/remove': { valid: async () => ({ token: fx.admin.token, body: { days: ['2027-12-29'] } }), ok: S.ZCalendarDayList },
  'GET /api/orgs/:id/join-code': { valid: async () => ({ token: fx.cadre.token, id: fx.union }), ok: S.ZJoinCode, otherIds: () => [fx.sibling] },
};

/** An upload of `userId`'s written straight to the database (the fuzz is about the claim endpoints, not the upload limit). */
async function fuzzUpload(userId: string): Promise<string> {
  const id = randomUUID();
  await api.db.transaction(async (tx) => {
    await tx.query(`insert into upload_contents (upload_id, bytes) values ($1, $2)`, [id, Buffer.from([0xff, 0xd8, 0xff, 0xd9])]);
    await tx.query(`insert into uploads (id, uploader_user_id, content_type, size, sha256, store) values ($1, $2, 'image/jpeg', 4, $3, 'postgres')`, [id, userId, 'a'.repeat(64)]);
  });
  return id;
}

let fuzzUploadId: string | undefined;
const PNG_BYTES = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** A route nobody wrote a spec for is still fuzzed: as admin, with an empty body. */
const GENERIC: Spec = { valid: async () => ({ token: fx.admin.token, id: fx.activity, body: {} }) };

// ---------- what a mutation can do ----------
/** A checksummed (GB 11643) ID number: the kind of value that must never come back in clear. */
const idNumberArb = fc
  .tuple(fc.integer({ min: 110000, max: 659999 }), fc.date({ min: new Date('1950-01-01'), max: new Date('2008-12-31'), noInvalidDate: true }), fc.integer({ min: 0, max: 999 }))
  .map(([region, born, seq]) => {
    const first17 = `${region}${born.toISOString().slice(0, 10).replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    return first17 + idNumberCheckChar(first17);
  });
const LONE_SURROGATE = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
const NASTY_STRINGS = [
  '', ' ', '\u0000', 'a\u0000b', '\u200b', '\u200f\u202eabc', '\ufeff', 'مرحبا بالعالم', '😀', '𠮷野家', '👨‍👩‍👧‍👦', '\ud800', '\udfff', 'a\ud83d',
  'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '-0', '1e309', '9'.repeat(400), '１２３', '../../etc/passwd', '%00', '%ZZ',
  '<script>alert(1)</script>', "' or 1=1 --", '$1', '{}', '[]', '__proto__', 'constructor', 'x'.repeat(5000), '\r\n', '\t',
  ' 2026-01-01T00:00:00+08:00 ', '2026-02-30T09:00:00+08:00', '2026-02-29T09:00:00+08:00', '2028-02-29T09:00:00+08:00',
  '0000-01-01T00:00:00Z', '0001-01-01T00:00:00+14:00', '9999-12-31T23:59:59-12:00', '2026-01-01T00:00:00+99:99',
  '2026-01-01T24:00:00Z', '2026-01-01T23:59:60Z', '2026-13-01', '0000-01-01', '9999-12-31', '1970-01-01', '2026-06-01',
  '13800138000', '11010519491231002X', '11010519491231002x', '110105194912310021', 'dev:', `dev:${'a'.repeat(64)}`, 'dev:x y',
  'T1.1.1.' + 'A'.repeat(86), 'waitlist_promoted', 'cadre', 'admin', 'basic', 'paid', 'rejected', 'org', 'all', 'lecture',
];
const nastyString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY_STRINGS) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.array(fc.oneof(LONE_SURROGATE, fc.string({ unit: 'binary-ascii', maxLength: 3 })), { maxLength: 10 }).map((a) => a.join('')) },
  { weight: 1, arbitrary: idNumberArb },
);
const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 1.5, -1.5, 2 ** 31, 2 ** 31 - 1, -(2 ** 31), 2 ** 53, 2 ** 53 + 2, -(2 ** 53), 1e21, -1e21, 1e308, 5e-324, 100_000, 100_001, 10_000_000_000, 10_000_000_001),
  fc.integer(),
  fc.double({ noNaN: false }),
);
const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: nastyString },
  { weight: 3, arbitrary: nastyNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.array(nastyString, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('a', '__proto__', 'constructor', 'toString', 'valueOf', 'length'), nastyString, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
);

type Op =
  | { op: 'set'; pick: number; value: unknown }
  | { op: 'delete'; pick: number }
  | { op: 'add'; pick: number; key: string; value: unknown }
  | { op: 'grow'; pick: number; n: number }
  | { op: 'nest'; pick: number; depth: number };
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ op: fc.constant('set' as const), pick: fc.nat(), value: nastyValue }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), pick: fc.nat(), key: fc.oneof(fc.constantFrom('__proto__', 'constructor', 'id', 'status', 'role', 'memberId', 'userId', 'confirmedCount', 'orgId'), fc.string({ maxLength: 10 })), value: nastyValue }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('grow' as const), pick: fc.nat(), n: fc.constantFrom(0, 2, 3, 501, 5001) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('nest' as const), pick: fc.nat(), depth: fc.constantFrom(1, 2, 50, 1000) }) },
);

// Nesting that JSON.parse takes and JSON.stringify overflows the stack on.
const DEEP_ARRAY = '['.repeat(50_000) + ']'.repeat(50_000);
const DEEP_OBJECT = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
type BodyPlan =
  | { kind: 'valid' }
  | { kind: 'none' }
  | { kind: 'ops'; ops: Op[] }
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'bytes'; bytes: Uint8Array }
  | { kind: 'truncated'; at: number }
  | { kind: 'huge'; bytes: number };
const bodyArb: fc.Arbitrary<BodyPlan> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  { weight: 12, arbitrary: fc.array(opArb, { minLength: 1, maxLength: 4 }).map((ops) => ({ kind: 'ops' as const, ops })) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((value) => ({ kind: 'json' as const, value })) },
  {
    weight: 2,
    arbitrary: fc
      .oneof(
        fc.constantFrom('', ' ', 'null', '[]', '"x"', '123', 'true', '{', '{"a":', '{"a":1,"a":2}', '\ufeff{}', '{"__proto__":{"isAdmin":true}}', 'code=dev%3Aa&name=x', '{"a":1}{"b":2}', '{"a":"\\ud800"}', '{"a":"\\u0000"}', '1'.repeat(1000), '['.repeat(10_000), DEEP_ARRAY, DEEP_OBJECT, `{"rows":[${DEEP_ARRAY}]}`),
        fc.string({ unit: 'binary', maxLength: 200 }),
      )
      .map((text) => ({ kind: 'text' as const, text })),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => ({ kind: 'bytes' as const, bytes })) },
  { weight: 1, arbitrary: fc.nat().map((at) => ({ kind: 'truncated' as const, at })) },
  { weight: 1, arbitrary: fc.constantFrom(65 * 1024, 600 * 1024, 4_700_000).map((bytes) => ({ kind: 'huge' as const, bytes })) },
);

type AuthPlan =
  | { kind: 'valid' | 'none' | 'expired' | 'wrongKey' | 'unknownUser' | 'lowercase' | 'extraSpace' | 'trailing' | 'basic' | 'altered' | 'bare' }
  | { kind: 'role'; role: 'admin' | 'cadre' | 'officer' | 'member' | 'other' | 'unbound' }
  | { kind: 'garbage'; text: string }
  | { kind: 'long'; n: number };
const authArb: fc.Arbitrary<AuthPlan> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 1, arbitrary: fc.constantFrom('none', 'expired', 'wrongKey', 'unknownUser', 'lowercase', 'extraSpace', 'trailing', 'basic', 'altered', 'bare').map((kind) => ({ kind }) as AuthPlan) },
  { weight: 3, arbitrary: fc.constantFrom('admin', 'cadre', 'officer', 'member', 'other', 'unbound').map((role) => ({ kind: 'role' as const, role })) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((text) => ({ kind: 'garbage' as const, text })) },
  { weight: 1, arbitrary: fc.constantFrom(600, 9000, 20_000).map((n) => ({ kind: 'long' as const, n })) },
);

const CONTENT_TYPES = ['application/json; charset=utf-8', 'APPLICATION/JSON', 'application/json;charset=latin1', 'text/plain', 'text/plain; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'text/csv', '', '*/*', 'application/jsonx', 'application/json, text/plain'];
const contentTypeArb = fc.oneof(
  { weight: 10, arbitrary: fc.constant<string | null>('application/json') },
  { weight: 1, arbitrary: fc.constant<string | null>(null) },
  { weight: 2, arbitrary: fc.constantFrom<string | null>(...CONTENT_TYPES) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme-ascii', maxLength: 30 }) },
);

// Path ids as a client may write them: written raw on the request line, or percent-encoded.
const RAW_IDS = ['0', '-1', '1.0', '1e3', '0x10', '00001', '9'.repeat(18), '9'.repeat(19), '9223372036854775807', '9223372036854775808', '18446744073709551616', 'abc', '..', '.', '%2e%2e', '%2F', '%2f..%2f', '%ZZ', '%', '%E0%A4%A', '%00', '%F0%9F%98%80', '%EF%BC%91', 'null', 'undefined', '%5Bobject%20Object%5D', "1'--", '1;drop%20table%20users', 'a'.repeat(3000), '1%20', '%201', '1/extra', '1?x=2', '1#frag', '%C0%AE%C0%AE', '\\..\\'];
type IdPlan = { kind: 'valid' } | { kind: 'raw'; raw: string } | { kind: 'encoded'; text: string } | { kind: 'other' } | { kind: 'missing' };
const idArb: fc.Arbitrary<IdPlan> = fc.oneof(
  { weight: 8, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 2, arbitrary: fc.constantFrom(...RAW_IDS).map((raw) => ({ kind: 'raw' as const, raw })) },
  { weight: 1, arbitrary: nastyString.map((text) => ({ kind: 'encoded' as const, text })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'other' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'missing' as const }) },
);

const QUERY_KEYS = ['limit', 'cursor', 'category', 'orgId', 'scope', 'year', 'format', 'id', '__proto__', 'constructor', 'toString'];
const b64 = (s: string) => Buffer.from(s).toString('base64url');
const cursorArb = fc.oneof(
  fc.tuple(fc.constantFrom('1', '2026', '2026-01-01', 'Tue Mar 01 2022', '-271821-04-20', '+275760-09-13', '275760-09-13T00:00:00Z', '0', '2026-01-01T00:00:00Z', '99999'), fc.constantFrom('1', '9'.repeat(18), '0', 'x')).map(([at, id]) => b64(`${at}|${id}`)),
  fc.tuple(fc.constantFrom('0', '-1', '9'.repeat(19), '9'.repeat(20), '-' + '9'.repeat(20), '9223372036854775807', '1e5', '1.5'), fc.constantFrom('1', '9'.repeat(18))).map(([micros, id]) => b64(JSON.stringify([micros, id]))),
  fc.constantFrom('1', '9'.repeat(18), '0', '-5', '9'.repeat(30)).map(b64),
  nastyString,
);
type QueryPlan = { kind: 'valid' } | { kind: 'none' } | { kind: 'pairs'; keepValid: boolean; pairs: [string, string][] } | { kind: 'raw'; raw: string };
const queryArb: fc.Arbitrary<QueryPlan> = fc.oneof(
  { weight: 6, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('pairs' as const),
      keepValid: fc.boolean(),
      pairs: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...QUERY_KEYS), fc.string({ maxLength: 8 })), fc.oneof(nastyString, cursorArb, nastyNumber.map(String))), { minLength: 1, maxLength: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom('%ZZ', '%', 'limit=%E0%A4%A', '&&&', '==', 'limit', 'limit=1&limit=2', 'year=2026&year=x', 'a[b]=1', 'limit=+1', 'limit=1%00', '?', 'format=csv&format=json', 'cursor=' + 'A'.repeat(5000)).map((raw) => ({ kind: 'raw' as const, raw })) },
);

const headerArb: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(fc.constant('x-forwarded-for'), fc.oneof(fc.ipV4(), fc.ipV6(), fc.string({ unit: 'grapheme-ascii', maxLength: 40 }), fc.constant(', , ,'), fc.constant('a'.repeat(2000)))) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('idempotency-key'), fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 140 }), fc.constantFrom('', ' ', 'a'.repeat(129), 'ok-key', '键'))) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('x-request-id'), fc.oneof(fc.string({ unit: 'grapheme-ascii', maxLength: 100 }), fc.constantFrom('é', '请求', '\u00ff'.repeat(70)))) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('accept', 'accept-encoding', 'cookie', 'origin', 'x-http-method-override', 'content-encoding', 'expect'), fc.string({ unit: 'grapheme-ascii', maxLength: 40 })) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz-_'), minLength: 1, maxLength: 20 }), fc.string({ unit: 'grapheme-ascii', maxLength: 100 })) },
  // Bytes no HTTP parser should take: the platform's refusal must still be the contract's body.
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('x-bad', 'bad header', 'x-nul'), fc.constantFrom('a\u0000b', 'a\u0001b', 'x'.repeat(20_000))) },
);

type Plan = { body: BodyPlan; auth: AuthPlan; contentType: string | null; id: IdPlan; query: QueryPlan; headers: [string, string][]; chunked: boolean; method: 'same' | string };
const planArb: fc.Arbitrary<Plan> = fc.record({
  body: bodyArb,
  auth: authArb,
  contentType: contentTypeArb,
  id: idArb,
  query: queryArb,
  headers: fc.oneof({ weight: 3, arbitrary: fc.constant<[string, string][]>([]) }, { weight: 2, arbitrary: fc.array(headerArb, { minLength: 1, maxLength: 3 }) }),
  chunked: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  method: fc.oneof({ weight: 20, arbitrary: fc.constant('same') }, { weight: 1, arbitrary: fc.constantFrom('GET', 'POST', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'get', 'FOO') }),
});

// ---------- applying a plan ----------
type Path = (string | number)[];
function allPaths(v: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (at.length >= 12) return out; // a nested bomb is mutated at its top only
  if (Array.isArray(v)) v.slice(0, 5).forEach((x, i) => allPaths(x, [...at, i], out));
  else if (v && typeof v === 'object') for (const k of Object.keys(v)) allPaths((v as Record<string, unknown>)[k], [...at, k], out);
  return out;
}
function getAt(root: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)?.[k], root);
}
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value;
  const parent = getAt(root, path.slice(0, -1)) as Record<string | number, unknown>;
  Object.defineProperty(parent, path[path.length - 1], { value, enumerable: true, writable: true, configurable: true });
  return root;
}
function jsonLength(v: unknown): number {
  try {
    return (JSON.stringify(v) ?? '').length;
  } catch {
    return Infinity;
  }
}
function applyOps(body: unknown, ops: Op[]): unknown {
  let root: unknown = structuredClone(body ?? {});
  for (const o of ops) {
    const paths = allPaths(root);
    const path = paths[o.pick % paths.length];
    const target = getAt(root, path);
    if (o.op === 'set') root = setAt(root, path, o.value);
    else if (o.op === 'delete') {
      if (!path.length) root = undefined;
      else {
        const parent = getAt(root, path.slice(0, -1));
        if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
        else delete (parent as Record<string, unknown>)[path[path.length - 1]];
      }
    } else if (o.op === 'add') {
      if (Array.isArray(target)) target.push(o.value);
      else if (target && typeof target === 'object') setAt(target, [o.key], o.value);
      else root = setAt(root, path, { [o.key]: o.value });
    } else if (o.op === 'grow') {
      // Growth is bounded (~6 MB of JSON): beyond every limit, yet a string the test can build.
      const item = Array.isArray(target) ? target[0] : target;
      const n = Math.min(o.n, Math.floor(6_000_000 / Math.max(1, jsonLength(item ?? null))));
      root = setAt(root, path, Array.from({ length: n }, () => item ?? null));
    } else {
      let v = target;
      for (let i = 0; i < o.depth; i++) v = [v];
      root = setAt(root, path, v);
    }
  }
  return root;
}

/** ID numbers sent where ID numbers go (an `idNumber` field, an import's CSV text); a title may say what it likes. */
function idNumbersIn(sentBody: string): string[] {
  const carriers = [...sentBody.matchAll(/"(?:idNumber|csv)":"((?:[^"\\]|\\.)*)"/g)].map((m) => m[1]).join(' ');
  return (carriers.match(/[1-9]\d{16}[\dXx]/g) ?? []).filter(isValidIdNumber);
}

function authHeader(plan: AuthPlan, valid: string | null | undefined): string | null {
  const tokenOf: Record<string, string> = { admin: fx.admin.token, cadre: fx.cadre.token, officer: fx.officer.token, member: fx.member.token, other: fx.other.token, unbound: fx.unbound.token };
  const good = valid ?? fx.member.token;
  switch (plan.kind) {
    case 'valid': return valid ? `Bearer ${valid}` : null;
    case 'none': return null;
    case 'role': return `Bearer ${tokenOf[plan.role]}`;
    case 'expired': return `Bearer ${signSession(fx.member.userId, config.sessionSecret, -10)}`;
    case 'wrongKey': return `Bearer ${signSession(fx.admin.userId, 'not-the-secret-'.repeat(3), 3600)}`;
    case 'unknownUser': return `Bearer ${signSession('9'.repeat(18), config.sessionSecret, 3600)}`;
    case 'lowercase': return `bearer ${good}`;
    case 'extraSpace': return `Bearer   ${good}  `;
    case 'trailing': return `Bearer ${good} extra`;
    case 'basic': return 'Basic YWRtaW46YWRtaW4=';
    case 'altered': return `Bearer ${good.slice(0, 10)}${good[10] === 'A' ? 'B' : 'A'}${good.slice(11)}`;
    case 'bare': return good;
    case 'garbage': return plan.text.replace(/[\r\n]/g, '');
    case 'long': return `Bearer ${'a'.repeat(plan.n)}`;
  }
}

function encodeQuery(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${encodeURIComponent(k.replace(/[\ud800-\udfff]/g, '?'))}=${encodeURIComponent(v.replace(/[\ud800-\udfff]/g, '?'))}`).join('&');
}

async function send(route: Route, spec: Spec, plan: Plan): Promise<{ reply: RawReply; sentBody: string }> {
  const valid = await spec.valid();
  let id: string | null = valid.id ?? fx.activity;
  if (plan.id.kind === 'raw') id = plan.id.raw;
  else if (plan.id.kind === 'encoded') id = encodeURIComponent(plan.id.text.replace(/[\ud800-\udfff]/g, '\ufffd'));
  else if (plan.id.kind === 'other') id = spec.otherIds?.()[0] ?? '999999999';
  else if (plan.id.kind === 'missing') id = '';
  let target = route.path.replace(':id', id).replace(':kind', 'claims');

  let query = '';
  const validPairs = Object.entries(valid.query ?? {});
  if (plan.query.kind === 'valid') query = encodeQuery(validPairs);
  else if (plan.query.kind === 'pairs') query = encodeQuery([...(plan.query.keepValid ? validPairs : []), ...plan.query.pairs]);
  else if (plan.query.kind === 'raw') query = plan.query.raw;
  if (query) target += `?${query}`;

  let payload: Buffer | undefined;
  const hasBody = valid.body !== undefined;
  const b = plan.body;
  if (valid.raw && (b.kind === 'valid' || b.kind === 'ops')) {
    // A raw file: sent as it is, or damaged (cut short, bytes flipped) as a mutation.
    payload = Buffer.from(valid.raw.bytes);
    if (b.kind === 'ops') {
      for (const o of b.ops) {
        if (o.op === 'delete') payload = payload.subarray(0, o.pick % Math.max(1, payload.length));
        else if (payload.length) payload[o.pick % payload.length] ^= 0x5a;
      }
    }
  } else if (b.kind === 'valid') payload = hasBody ? Buffer.from(JSON.stringify(valid.body)) : undefined;
  else if (b.kind === 'ops') {
    const mutated = applyOps(valid.body, b.ops);
    // Nesting JSON.stringify cannot walk is sent as the deep text instead (the server must take both).
    const text = jsonLength(mutated) === Infinity ? DEEP_ARRAY : JSON.stringify(mutated);
    payload = mutated === undefined ? undefined : Buffer.from(text ?? '');
  } else if (b.kind === 'json') payload = Buffer.from(JSON.stringify(b.value) ?? 'null');
  else if (b.kind === 'text') payload = Buffer.from(b.text);
  else if (b.kind === 'bytes') payload = Buffer.from(b.bytes);
  else if (b.kind === 'truncated') {
    const full = JSON.stringify(valid.body ?? { a: 1 });
    payload = Buffer.from(full.slice(0, b.at % Math.max(1, full.length)));
  } else if (b.kind === 'huge') payload = Buffer.from(JSON.stringify({ ...(valid.body as object), pad: 'x'.repeat(b.bytes) }));

  const headers: [string, string][] = [...(valid.headers ?? [])];
  const auth = authHeader(plan.auth, valid.token);
  if (auth !== null) headers.push(['Authorization', auth]);
  // A raw file goes with its own media type where a JSON request would say application/json.
  const contentType = valid.raw && plan.contentType === 'application/json' ? valid.raw.type : plan.contentType;
  if (payload !== undefined && contentType !== null) headers.push(['Content-Type', contentType]);
  headers.push(...plan.headers);
  if (plan.chunked && payload) headers.push(['Transfer-Encoding', 'chunked']);
  const body = plan.chunked && payload ? Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]) : payload;

  const method = plan.method === 'same' ? route.method : plan.method;
  const reply = await rawRequest(port, { method, target, headers, body });
  return { reply, sentBody: payload?.toString('utf8') ?? '' };
}

function checkReply(route: Route, spec: Spec, plan: Plan, reply: RawReply, sentBody: string): void {
  const where = `${key(route)} answered ${reply.status}: ${reply.text.slice(0, 300)}`;
  if (plan.method === 'HEAD' || plan.method === 'head') {
    expect(CONTRACT_STATUSES.has(reply.status), where).toBe(true);
    return;
  }
  expect(CONTRACT_STATUSES.has(reply.status), where).toBe(true);
  if (reply.status >= 400) {
    expect(reply.headers['content-type'], where).toMatch(/^application\/json/);
    const parsed = S.ZErrorBody.safeParse(JSON.parse(reply.text));
    expect(parsed.success, where).toBe(true);
    const error = parsed.data!.error;
    expect(ERROR_STATUS[error.code], where).toBe(reply.status);
    expect(error.message, where).toMatch(CHINESE);
    if (reply.status === 429) expect(reply.headers['retry-after'], where).toBeTruthy();
  } else if (reply.headers['content-type']?.startsWith('text/csv')) {
    expect(route.path, where).toBe('/api/activities/:id/roster');
  } else if (reply.headers['content-type'] === XLSX) {
    expect(route.path, where).toBe('/api/admin/import-templates/:kind');
  } else if (/^(image\/(jpeg|png)|application\/pdf)$/.test(reply.headers['content-type'] ?? '')) {
    expect(route.path, where).toBe('/api/uploads/:id');
  } else {
    expect(reply.headers['content-type'], where).toMatch(/^application\/json/);
    const json = JSON.parse(reply.text);
    // A mangled path id may name another route (`/api/activities/` is the list): its own shape then.
    if (spec.ok && plan.method === 'same' && (plan.id.kind === 'valid' || plan.id.kind === 'other')) {
      const parsed = spec.ok.safeParse(json);
      expect(parsed.success, `${where}\n${parsed.error?.message}`).toBe(true);
    }
  }
  // Whatever came in, no answer repeats an ID number in clear.
  for (const idNumber of idNumbersIn(sentBody)) expect(reply.text, where).not.toContain(idNumber);
}

// ---------- the run ----------
const tally = new Map<string, { requests: number; statuses: Map<number, number> }>();

beforeAll(async () => {
  api = await startTestApi();
  port = Number(new URL(api.base).port);
  const city = await api.org({ name: `模糊市总工会${process.pid}` });
  const union = await api.org({ parentId: city });
  const sibling = await api.org({ parentId: city });
  const admin = await api.admin();
  const cadre = await api.cadre(union);
  const officerMember = await api.member({ orgId: city, name: '经办人' });
  const officer = { ...officerMember, ...(await api.user({ memberId: officerMember.memberId, roles: [{ role: 'claims_officer' }] })) };
  const member = await api.memberUser({ orgId: union, name: '会员甲' });
  const other = await api.memberUser({ orgId: sibling, name: '会员乙' });
  const unbound = await api.user();
  const activity = await api.activity({ orgId: union, capacity: 100_000 });
  const rush = await api.activity({ orgId: union, capacity: 100_000 });
  const door = await api.activity({ orgId: union, capacity: 100_000 });
  const siblingActivity = await api.activity({ orgId: sibling, capacity: 10, audience: 'org' });
  fx = { city, union, sibling, admin, cadre, officer, member, other, unbound, activity, rush, door, siblingActivity, claim: '', otherClaim: '', otherRegistration: '' };
  for (let i = 0; i < 3; i++) await signUpFresh(activity);
  fx.claim = await importClaim(member.idNumber);
  fx.otherClaim = await importClaim(other.idNumber);
  const theirs = await api.post(`/api/activities/${siblingActivity}/registrations`, { token: other.token });
  fx.otherRegistration = theirs.body.id;
});

afterAll(async () => {
  await api?.close();
});

// What the fuzzer found once, kept as plain examples so that they never come back.
describe('hostile requests the fuzzer once won with', () => {
  const errorOf = (reply: RawReply) => S.ZErrorBody.parse(JSON.parse(reply.text)).error;

  it('answers a path id with broken percent-encoding as a missing record, not a 500', async () => {
    for (const id of ['%', '%E0%A4%A', '%ZZ']) {
      const reply = await rawRequest(port, { method: 'GET', target: `/api/activities/${id}/offline-pack`, headers: [['Authorization', `Bearer ${fx.cadre.token}`]] });
      expect(reply.status).toBe(404);
      expect(errorOf(reply).code).toBe('NOT_FOUND');
    }
  });

  it('answers a header the HTTP parser refuses with the contract body: 400 for a control byte, 413 over 16 KB', async () => {
    const bad = await rawRequest(port, { method: 'GET', target: '/api/me', headers: [['x-bad', 'a\u0001b']] });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).code).toBe('BAD_JSON');
    const huge = await rawRequest(port, { method: 'GET', target: '/api/me', headers: [['x-big', 'x'.repeat(20_000)]] });
    expect(huge.status).toBe(413);
    expect(errorOf(huge)).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringMatching(CHINESE) });
  });

  it('answers a request with an unknown Expect header as if the header were not there', async () => {
    const reply = await rawRequest(port, { method: 'GET', target: '/api/me', headers: [['Authorization', `Bearer ${fx.member.token}`], ['Expect', 'nothing']] });
    expect(reply.status).toBe(200);
  });

  it('refuses a chunked body nested too deep to measure with 413, not a 500', async () => {
    const payload = Buffer.from(`{"rows":[${DEEP_ARRAY}]}`);
    const body = Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
    const reply = await rawRequest(port, {
      method: 'POST',
      target: '/api/admin/claims/import',
      headers: [['Authorization', `Bearer ${fx.officer.token}`], ['Content-Type', 'application/json'], ['Transfer-Encoding', 'chunked']],
      body,
    });
    expect(reply.status).toBe(413);
    expect(errorOf(reply).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('refuses activity and claim times with a mistyped year instead of storing what no client can read', async () => {
    const typo = '0026-12-01T09:00:00+14:00';
    const created = await api.post('/api/activities', { token: fx.cadre.token, body: api.activityInput({ orgId: fx.union, signupOpensAt: typo }) });
    expect(created.status).toBe(400);
    expect(created.body.error.details[0].path).toBe('signupOpensAt');
    const id = await api.activity({ orgId: fx.union });
    const patched = await api.patch(`/api/activities/${id}`, { token: fx.cadre.token, body: { signupOpensAt: '0001-01-01T00:00:00+14:00' } });
    expect(patched.status).toBe(400);
    const imported = await api.post('/api/admin/claims/import', { token: fx.officer.token, body: { rows: [{ ...claimRow(fx.member.idNumber!), submittedAt: typo, at: typo }] } });
    expect(imported.body).toMatchObject({ created: 0, rejected: [{ index: 0, code: 'VALIDATION_FAILED' }] });
    const list = await api.get('/api/activities?limit=100', { token: fx.member.token });
    expect(S.ZActivityList.safeParse(list.body).success).toBe(true);
  });

  it('syncs an offline batch whose device id or nonce holds a lone surrogate, instead of refusing all 500 scans', async () => {
    const a = await signUpFresh(fx.door);
    const b = await signUpFresh(fx.door);
    const at = iso(-0.1);
    const res = await api.post(`/api/activities/${fx.door}/checkins/batch`, {
      token: fx.cadre.token,
      body: { scans: [{ ticket: a.registration.ticket, nonce: `lone-\ud800-${next()}`, scannedAt: at, deviceId: 'door-\udc00' }, { ticket: b.registration.ticket, nonce: `n-${next()}`, scannedAt: at }] },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body.results.map((r: { result: string }) => r.result)).toEqual(['checked_in', 'checked_in']);
  });

  it('does not quote an ID number back when a CSV arrives without its header row', async () => {
    const idNumber = fx.member.idNumber!;
    const res = await api.post('/api/admin/coverage/import.csv', { token: fx.officer.token, body: { csv: `${idNumber},basic,2026,2026-01-01,2026-12-31` } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/表头/);
    expect(res.text).not.toContain(idNumber);
  });
});

describe('fuzzing every route', () => {
  it('has a route table to fuzz', () => {
    expect(ROUTES.length).toBeGreaterThan(20);
  });

  for (const route of ROUTES) {
    it(`${key(route)} answers every hostile request with a contract status and error body`, async () => {
      const spec = SPECS[key(route)] ?? GENERIC;
      const stats = { requests: 0, statuses: new Map<number, number>() };
      tally.set(key(route), stats);
      await fc.assert(
        fc.asyncProperty(planArb, async (plan) => {
          const { reply, sentBody } = await send(route, spec, plan);
          stats.requests++;
          stats.statuses.set(reply.status, (stats.statuses.get(reply.status) ?? 0) + 1);
          checkReply(route, spec, plan, reply, sentBody);
        }),
        { numRuns: RUNS, seed: SEED, path: REPLAY_PATH, endOnFailure: true },
      );
    }, Math.max(60_000, RUNS * 1_000));
  }

  it('leaves no half-written rows behind', async () => {
    expect(await brokenInvariants(api.db)).toEqual([]);
  });

  it('fuzzed every endpoint with FUZZ_RUNS requests, none of them answered with a 5xx', () => {
    const rows = [...tally].map(([route, s]) => {
      const statuses = [...s.statuses].sort(([a], [b]) => a - b).map(([st, n]) => `${st}×${n}`).join(' ');
      return `${route.padEnd(48)} ${String(s.requests).padStart(6)}  ${statuses}`;
    });
    const total = [...tally.values()].reduce((n, s) => n + s.requests, 0);
    console.log(`[fuzz] ${tally.size} endpoints, ${total} requests (FUZZ_RUNS=${RUNS})\n${rows.join('\n')}`);
    expect(tally.size).toBe(ROUTES.length);
    for (const [route, s] of tally) {
      expect(s.requests, route).toBe(RUNS);
      expect([...s.statuses.keys()].filter((status) => status >= 500), route).toEqual([]);
    }
  });
});
