import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { setLogSink } from '../../functions/_lib/log.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber } from '../../functions/_lib/id-hash.js';
import { maskIdNumber } from '../../shared/domain/id-number.js';
import { CLAIM_STATUSES, type ClaimStatus } from '../../shared/domain/claims.js';
import { ZClaim, ZClaimList, ZErrorBody, ZImportResult, ZOfficerClaim } from '../../shared/schemas.js';

let api: TestApi;
let officer: { userId: string; token: string };
beforeAll(async () => {
  api = await startTestApi();
  officer = await api.user({ roles: [{ role: 'claims_officer' }] });
});
afterAll(async () => {
  await api.close();
});

let claimCounter = 0;
const nextClaimNo = () => `HZ2026-${process.pid}-${++claimCounter}`;

/** One import row in its minimal valid form for `status`; the fields that status requires are filled in. */
function claimRow(idNumber: string, o: Record<string, unknown> = {}) {
  const status = (o.status as ClaimStatus | undefined) ?? 'submitted';
  return {
    claimNo: nextClaimNo(),
    idNumber,
    plan: 'critical_illness',
    status,
    incidentDate: '2026-03-02',
    submittedAt: '2026-03-10T09:00:00+08:00',
    amountClaimedFen: 5_000_000,
    ...(status === 'approved' || status === 'paid' ? { amountApprovedFen: 3_000_000 } : {}),
    ...(status === 'paid' ? { amountPaidFen: 3_000_000, paidAt: '2026-04-20T10:00:00+08:00' } : {}),
    ...(status === 'rejected' ? { rejectReason: '不在保障范围内' } : {}),
    at: '2026-03-11T09:00:00+08:00',
    ...o,
  };
}

async function importClaims(rows: unknown[], token = officer.token) {
  return api.post('/api/admin/claims/import', { token, body: { rows } });
}

async function claimIdOf(claimNo: string) {
  const { rows } = await api.db.query<{ id: string }>('select id::text from claims where claim_no = $1', [claimNo]);
  return rows[0]?.id;
}

const eventsOf = (claimNo: string) => api.count('claim_events e join claims c on c.id = e.claim_id', 'c.claim_no = $1', [claimNo]);
const notificationsOf = (claimNo: string) => api.count('notification_outbox', "template = 'claim_status_changed' and data->>'claimNo' = $1", [claimNo]);

describe('claim import', () => {
  it('creates a submitted claim with a one-event timeline at submittedAt and answers the counts', async () => {
    const m = await api.memberUser();
    const row = claimRow(m.idNumber, { note: '材料已收齐' });
    const res = await importClaims([row]);
    expect(res.status).toBe(200);
    expect(ZImportResult.parse(res.body)).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: [] });
    const detail = await api.get(`/api/me/claims/${await claimIdOf(row.claimNo)}`, { token: m.token });
    expect(ZClaim.parse(detail.body).timeline).toEqual([{ status: 'submitted', at: '2026-03-10T09:00:00+08:00', note: '材料已收齐' }]);
  });

  it('starts a claim that arrives already decided with submitted at submittedAt, then its status at `at`', async () => {
    const m = await api.memberUser();
    const row = claimRow(m.idNumber, { status: 'paid', note: '已打款至工资卡', at: '2026-04-20T10:00:00+08:00' });
    expect((await importClaims([row])).body.created).toBe(1);
    const detail = await api.get(`/api/me/claims/${await claimIdOf(row.claimNo)}`, { token: m.token });
    expect(detail.body.timeline).toEqual([
      { status: 'submitted', at: '2026-03-10T09:00:00+08:00', note: null },
      { status: 'paid', at: '2026-04-20T10:00:00+08:00', note: '已打款至工资卡' },
    ]);
    expect(detail.body).toMatchObject({ status: 'paid', amountClaimedFen: 5_000_000, amountApprovedFen: 3_000_000, amountPaidFen: 3_000_000, paidAt: '2026-04-20T10:00:00+08:00' });
  });

  it('lets an admin import too, and refuses members, cadres and anonymous callers', async () => {
    const m = await api.memberUser();
    const admin = await api.admin();
    expect((await importClaims([claimRow(m.idNumber)], admin.token)).status).toBe(200);
    const cadre = await api.cadre(m.orgId);
    for (const token of [m.token, cadre.token]) {
      const res = await importClaims([claimRow(m.idNumber)], token);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect((await api.post('/api/admin/claims/import', { body: { rows: [claimRow(m.idNumber)] } })).status).toBe(401);
  });

  it('refuses an envelope without rows, with no rows or with more than 5,000 rows', async () => {
    for (const body of [{}, { rows: [] }, { rows: 'x' }, { rows: Array.from({ length: 5001 }, () => ({})) }]) {
      const res = await api.post('/api/admin/claims/import', { token: officer.token, body });
      expect(res.status).toBe(400);
      expect(ZErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
    const broken = await api.post('/api/admin/claims/import', { token: officer.token, rawBody: '{"rows": [', headers: { 'content-type': 'application/json' } });
    expect(broken.body.error.code).toBe('BAD_JSON');
  });

  it('changes nothing when the same file is loaded again: all unchanged, no timeline rows, no notifications', async () => {
    const m = await api.memberUser();
    const first = [claimRow(m.idNumber), claimRow(m.idNumber, { status: 'under_review' }), claimRow(m.idNumber, { status: 'rejected' })];
    expect((await importClaims(first)).body).toMatchObject({ created: 3 });
    const moved = first.map((r, i) => (i === 0 ? { ...r, status: 'under_review', at: '2026-03-12T09:00:00+08:00' } : r));
    expect((await importClaims(moved)).body).toMatchObject({ created: 0, updated: 1, unchanged: 2, rejected: [] });
    const before = { events: await api.count('claim_events'), outbox: await api.count('notification_outbox'), claims: await api.count('claims') };

    const again = await importClaims(moved);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
    expect({ events: await api.count('claim_events'), outbox: await api.count('notification_outbox'), claims: await api.count('claims') }).toEqual(before);
  });

  it('corrects fields of a claim whose status stays the same without a timeline event or a notification', async () => {
    const m = await api.memberUser();
    const row = claimRow(m.idNumber, { status: 'approved' });
    await importClaims([row]);
    const res = await importClaims([{ ...row, amountApprovedFen: 3_500_000, note: '复核后调整', at: '2026-05-01T09:00:00+08:00' }]);
    expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
    expect(await eventsOf(row.claimNo)).toBe(2);
    expect(await notificationsOf(row.claimNo)).toBe(0);
    const { rows } = await api.db.query<{ amount_approved_fen: string }>('select amount_approved_fen from claims where claim_no = $1', [row.claimNo]);
    expect(rows[0].amount_approved_fen).toBe('3500000');
  });

  it('lands the good rows and rejects each bad row alone with its index, code and a Chinese reason', async () => {
    const m = await api.memberUser();
    const stranger = newIdNumber(); // a valid ID number that is not on the roster
    const valid = newIdNumber();
    const badChecksum = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const decided = claimRow(m.idNumber, { status: 'paid' });
    await importClaims([decided]);
    const rows = [
      claimRow(m.idNumber),
      claimRow(stranger),
      { ...claimRow(m.idNumber), plan: 'dental' },
      { ...decided, status: 'under_review' },
      claimRow(m.idNumber, { amountClaimedFen: 12.5 }),
      claimRow(m.idNumber, { idNumber: badChecksum }),
      claimRow(m.idNumber),
    ];
    const res = await importClaims(rows);
    expect(res.status).toBe(200);
    const body = ZImportResult.parse(res.body);
    expect(body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(body.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'NOT_FOUND'],
      [2, 'VALIDATION_FAILED'],
      [3, 'INVALID_TRANSITION'],
      [4, 'VALIDATION_FAILED'],
      [5, 'VALIDATION_FAILED'],
    ]);
    for (const r of body.rejected) {
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.message).not.toContain(stranger);
      expect(r.message).not.toContain(badChecksum);
    }
    expect(await api.count('claims', 'claim_no = any($1::text[])', [rows.map((r) => r.claimNo)])).toBe(3); // the 2 new + the paid one
  });

  it('rejects a row for someone not on the roster with NOT_FOUND and a reason that does not quote the ID number', async () => {
    const stranger = newIdNumber();
    const res = await importClaims([claimRow(stranger)]);
    expect(res.body.created).toBe(0);
    expect(res.body.rejected).toEqual([{ index: 0, code: 'NOT_FOUND', message: expect.stringMatching(/会员名册/), column: 'idNumber' }]);
    expect(JSON.stringify(res.body)).not.toContain(stranger.slice(6, 14));
  });

  it('requires amountPaidFen and paidAt for paid, and rejectReason for rejected', async () => {
    const m = await api.memberUser();
    const rows = [
      claimRow(m.idNumber, { status: 'paid', amountPaidFen: undefined }),
      claimRow(m.idNumber, { status: 'paid', paidAt: undefined }),
      claimRow(m.idNumber, { status: 'rejected', rejectReason: undefined }),
      claimRow(m.idNumber, { status: 'rejected', rejectReason: '   ' }),
    ];
    const res = await importClaims(rows);
    expect(res.body.created).toBe(0);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [0, 'VALIDATION_FAILED'],
      [1, 'VALIDATION_FAILED'],
      [2, 'VALIDATION_FAILED'],
      [3, 'VALIDATION_FAILED'],
    ]);
  });

  it('refuses to move an existing claim to another member', async () => {
    const a = await api.member();
    const b = await api.member();
    const row = claimRow(a.idNumber);
    await importClaims([row]);
    const res = await importClaims([{ ...row, idNumber: b.idNumber }]);
    expect(res.body.rejected).toEqual([{ index: 0, code: 'VALIDATION_FAILED', message: expect.stringMatching(/其他会员/), column: 'claimNo' }]);
    const { rows } = await api.db.query<{ member_id: string }>('select member_id::text from claims where claim_no = $1', [row.claimNo]);
    expect(rows[0].member_id).toBe(a.memberId);
  });

  it('refuses a claim number twice in one file, keeping the first', async () => {
    const m = await api.member();
    const row = claimRow(m.idNumber);
    const res = await importClaims([row, { ...row, status: 'under_review' }]);
    expect(res.body).toMatchObject({ created: 1, rejected: [{ index: 1, code: 'VALIDATION_FAILED' }] });
  });

  it('refuses a status dated before the submission or before the claim’s last move', async () => {
    const m = await api.member();
    const early = await importClaims([claimRow(m.idNumber, { status: 'under_review', at: '2026-03-01T09:00:00+08:00' })]);
    expect(early.body.rejected).toEqual([{ index: 0, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^at：/), column: 'at' }]);
    const row = claimRow(m.idNumber, { status: 'under_review', at: '2026-03-15T09:00:00+08:00' });
    await importClaims([row]);
    const backdated = await importClaims([{ ...row, status: 'approved', amountApprovedFen: 1, at: '2026-03-14T09:00:00+08:00' }]);
    expect(backdated.body.rejected).toEqual([{ index: 0, code: 'VALIDATION_FAILED', message: expect.stringMatching(/上一次/), column: 'at' }]);
  });

  it('lands nothing when the database refuses part of the import (one transaction)', async () => {
    const m = await api.member();
    const before = await api.count('claims');
    // the audit row is the import's last statement: refusing it must take the claims back out too
    await api.db.query('alter table audit_log add constraint audit_refuses_claims check (action <> $$claims.import$$) not valid');
    setLogSink(() => undefined); // the expected 500 is logged; keep it out of the test output
    try {
      const res = await importClaims([claimRow(m.idNumber), claimRow(m.idNumber, { status: 'under_review' })]);
      expect(res.status).toBe(500);
      expect(res.body.error.code).toBe('INTERNAL');
    } finally {
      setLogSink((l) => process.stderr.write(l + '\n'));
      await api.db.query('alter table audit_log drop constraint audit_refuses_claims');
    }
    expect(await api.count('claims')).toBe(before);
    expect(await api.count('claim_events e join claims c on c.id = e.claim_id', 'c.member_id = $1', [m.memberId])).toBe(0);
  });
});

describe('claim status moves (every pair of the six statuses)', () => {
  const ALLOWED = new Set(['submitted>under_review', 'under_review>needs_info', 'under_review>approved', 'under_review>rejected', 'needs_info>under_review', 'approved>paid']);
  const pairs = CLAIM_STATUSES.flatMap((from) => CLAIM_STATUSES.map((to) => [from, to] as const));
  let member: { idNumber: string; memberId: string };
  beforeAll(async () => {
    member = await api.member();
  });

  it.each(pairs)('%s → %s', async (from, to) => {
    const row = claimRow(member.idNumber, { status: from });
    await importClaims([row]);
    const eventsBefore = await eventsOf(row.claimNo);
    const next = { ...claimRow(member.idNumber, { status: to }), claimNo: row.claimNo, at: '2026-06-01T09:00:00+08:00', note: '状态更新' };
    const res = await importClaims([next]);
    const { rows } = await api.db.query<{ status: string }>('select status from claims where claim_no = $1', [row.claimNo]);
    if (from === to) {
      expect(res.body).toMatchObject({ created: 0, rejected: [] });
      expect(rows[0].status).toBe(from);
      expect(await eventsOf(row.claimNo)).toBe(eventsBefore);
      expect(await notificationsOf(row.claimNo)).toBe(0);
    } else if (ALLOWED.has(`${from}>${to}`)) {
      expect(res.body).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejected: [] });
      expect(rows[0].status).toBe(to);
      expect(await eventsOf(row.claimNo)).toBe(eventsBefore + 1);
      expect(await notificationsOf(row.claimNo)).toBe(1);
    } else {
      expect(res.body).toMatchObject({ created: 0, updated: 0, unchanged: 0, rejected: [{ index: 0, code: 'INVALID_TRANSITION', message: expect.stringMatching(/不能从/) }] });
      expect(rows[0].status).toBe(from);
      expect(await eventsOf(row.claimNo)).toBe(eventsBefore);
      expect(await notificationsOf(row.claimNo)).toBe(0);
    }
  });

  it('walks a claim through needs_info and back to paid with a timeline of every step, oldest first', async () => {
    const m = await api.memberUser();
    const base = claimRow(m.idNumber);
    const steps: [ClaimStatus, string, string | undefined][] = [
      ['under_review', '2026-03-11T09:00:00+08:00', undefined],
      ['needs_info', '2026-03-12T09:00:00+08:00', '请补充出院小结'],
      ['under_review', '2026-03-20T09:00:00+08:00', '材料已补齐'],
      ['approved', '2026-03-25T09:00:00+08:00', undefined],
      ['paid', '2026-04-01T09:00:00+08:00', '已打款'],
    ];
    await importClaims([base]);
    for (const [status, at, note] of steps) {
      const res = await importClaims([{ ...claimRow(m.idNumber, { status }), claimNo: base.claimNo, at, note }]);
      expect(res.body.updated).toBe(1);
    }
    const detail = await api.get(`/api/me/claims/${await claimIdOf(base.claimNo)}`, { token: m.token });
    expect(detail.body.timeline).toEqual([
      { status: 'submitted', at: '2026-03-10T09:00:00+08:00', note: null },
      ...steps.map(([status, at, note]) => ({ status, at, note: note ?? null })),
    ]);
  });
});

describe('notifications', () => {
  it('tells the member when a claim’s status changes: claim number, plan name and status label, never the note', async () => {
    const m = await api.memberUser();
    const row = claimRow(m.idNumber, { plan: 'hospitalization', status: 'under_review' });
    await importClaims([row]);
    expect(await notificationsOf(row.claimNo)).toBe(0); // a newly loaded claim is history, not news
    await importClaims([{ ...row, status: 'needs_info', note: '请补充住院病历（肺炎）', at: '2026-03-20T09:00:00+08:00' }]);
    const { rows } = await api.db.query<{ member_id: string; user_id: string | null; data: Record<string, string>; page: string }>(
      `select member_id::text, user_id::text, data, page from notification_outbox where template = 'claim_status_changed' and data->>'claimNo' = $1`,
      [row.claimNo],
    );
    expect(rows).toEqual([
      {
        member_id: m.memberId,
        user_id: m.userId,
        data: { claimNo: row.claimNo, statusLabel: '待补充材料', planName: '惠工保住院医疗互助保障' },
        page: `pages/claim/index?id=${await claimIdOf(row.claimNo)}`,
      },
    ]);
  });
});

describe('CSV import', () => {
  const HEADER = 'claimNo,idNumber,plan,status,incidentDate,submittedAt,amountClaimedFen,amountApprovedFen,amountPaidFen,paidAt,rejectReason,note,at';
  const line = (r: ReturnType<typeof claimRow> & Record<string, unknown>) =>
    HEADER.split(',')
      .map((k) => {
        const v = r[k];
        if (v === undefined) return '';
        const s = String(v);
        return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
      })
      .join(',');
  const importCsv = (csv: string, token = officer.token) => api.post('/api/admin/claims/import.csv', { token, body: { csv } });

  it('imports a UTF-8 CSV with BOM, CRLF, and quoted fields holding commas, quotes and line breaks', async () => {
    const m = await api.memberUser();
    const rows = [
      claimRow(m.idNumber, { note: '请补充：\n1. 诊断证明，"原件"\n2. 发票' , status: 'under_review' }),
      claimRow(m.idNumber, { status: 'paid' }),
      claimRow(m.idNumber, { status: 'rejected', rejectReason: '等待期内出险, 不予给付' }),
    ];
    const csv = '\uFEFF' + [HEADER, ...rows.map(line)].join('\r\n') + '\r\n';
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: [] });
    const detail = await api.get(`/api/me/claims/${await claimIdOf(rows[0].claimNo)}`, { token: m.token });
    expect(detail.body.timeline[1].note).toBe('请补充：\n1. 诊断证明，"原件"\n2. 发票');
    const rejected = await api.get(`/api/me/claims/${await claimIdOf(rows[2].claimNo)}`, { token: m.token });
    expect(rejected.body.rejectReason).toBe('等待期内出险, 不予给付');
    expect((await importCsv(csv)).body).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: [] });
  });

  it('accepts the columns in any order, LF line ends and no optional columns', async () => {
    const m = await api.member();
    const r = claimRow(m.idNumber);
    const csv = `at,claimNo,idNumber,plan,status,incidentDate,submittedAt,amountClaimedFen\n${r.at},${r.claimNo},${r.idNumber},${r.plan},${r.status},${r.incidentDate},${r.submittedAt},${r.amountClaimedFen}`;
    expect((await importCsv(csv)).body).toMatchObject({ created: 1, updated: 0, unchanged: 0, rejected: [] });
  });

  it('rejects a line with the wrong number of fields or a non-numeric amount alone', async () => {
    const m = await api.member();
    const good = claimRow(m.idNumber);
    const csv = [HEADER, line(good), line(claimRow(m.idNumber)) + ',extra', line(claimRow(m.idNumber, { amountClaimedFen: '5千元' }))].join('\n');
    const res = await importCsv(csv);
    expect(res.body.created).toBe(1);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'VALIDATION_FAILED'],
      [2, 'VALIDATION_FAILED'],
    ]);
  });

  it('refuses the whole file for an unknown or missing column, a broken quote, no data, or no csv field', async () => {
    const m = await api.member();
    const r = line(claimRow(m.idNumber));
    const bad = [
      HEADER.replace('amountPaidFen', 'amountPaidFem') + '\n' + r,
      HEADER.replace('claimNo,', '') + '\n' + r.slice(r.indexOf(',') + 1),
      HEADER + '\n' + r.replace(/,submitted,/, ',"submitted,'),
      HEADER + '\n',
      HEADER + '\n' + Array.from({ length: 5001 }, () => r).join('\n'),
      '',
    ];
    for (const csv of bad) {
      const res = await importCsv(csv);
      expect(res.status, csv.slice(0, 40)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect((await api.post('/api/admin/claims/import.csv', { token: officer.token, body: {} })).status).toBe(400);
    expect(await api.count('claims', 'member_id = $1', [m.memberId])).toBe(0);
  });

  it('refuses callers who are not claims officers', async () => {
    const m = await api.memberUser();
    const res = await importCsv([HEADER, line(claimRow(m.idNumber))].join('\n'), m.token);
    expect(res.status).toBe(403);
  });
});

describe('reading claims as a member', () => {
  it('lists only the member’s own claims, newest submission first, without timelines, amounts in integer fen', async () => {
    const m = await api.memberUser();
    const other = await api.member();
    const rows = [
      claimRow(m.idNumber, { submittedAt: '2026-01-05T09:00:00+08:00' }),
      claimRow(m.idNumber, { submittedAt: '2026-02-05T09:00:00+08:00', status: 'paid' }),
      claimRow(other.idNumber, { submittedAt: '2026-03-05T09:00:00+08:00' }),
    ];
    await importClaims(rows);
    const res = await api.get('/api/me/claims', { token: m.token });
    expect(res.status).toBe(200);
    const list = ZClaimList.parse(res.body);
    expect(list.items.map((c) => c.claimNo)).toEqual([rows[1].claimNo, rows[0].claimNo]);
    expect(list.nextCursor).toBeNull();
    expect(res.body.items[0]).not.toHaveProperty('timeline');
    expect(res.body.items[0]).toMatchObject({ amountClaimedFen: 5_000_000, amountPaidFen: 3_000_000, plan: 'critical_illness', status: 'paid' });
  });

  it('pages with an opaque cursor, never skipping or repeating claims submitted at the same moment', async () => {
    const m = await api.memberUser();
    const same = '2026-02-01T09:00:00.123456+08:00';
    const rows = Array.from({ length: 7 }, (_, i) => claimRow(m.idNumber, { submittedAt: i < 4 ? same : `2026-01-0${i}T09:00:00+08:00`, at: '2026-03-11T09:00:00+08:00' }));
    await importClaims(rows);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = cursor ? `?limit=3&cursor=${encodeURIComponent(cursor)}` : '?limit=3';
      const res = await api.get(`/api/me/claims${q}`, { token: m.token });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c: { claimNo: string }) => c.claimNo));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.slice(4)).toEqual([rows[6].claimNo, rows[5].claimNo, rows[4].claimNo]);
  });

  it('refuses a forged cursor and a limit outside 1–100', async () => {
    const m = await api.memberUser();
    for (const q of ['?cursor=not-a-cursor', `?cursor=${Buffer.from('["x","1"]').toString('base64url')}`, '?limit=0', '?limit=101', '?limit=abc']) {
      const res = await api.get(`/api/me/claims${q}`, { token: m.token });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers the member’s own claim with its timeline, and 404 for anyone else’s — officers and admins included', async () => {
    const owner = await api.memberUser();
    const row = claimRow(owner.idNumber, { status: 'needs_info', note: '请补充病历' });
    await importClaims([row]);
    const id = await claimIdOf(row.claimNo);
    const mine = await api.get(`/api/me/claims/${id}`, { token: owner.token });
    expect(mine.status).toBe(200);
    expect(ZClaim.parse(mine.body)).toMatchObject({ id, claimNo: row.claimNo, status: 'needs_info', amountApprovedFen: null, rejectReason: null });

    const other = await api.memberUser();
    const boundOfficerMember = await api.member();
    const boundOfficer = await api.user({ memberId: boundOfficerMember.memberId, roles: [{ role: 'claims_officer' }] });
    const boundAdminMember = await api.member();
    const boundAdmin = await api.user({ memberId: boundAdminMember.memberId, roles: [{ role: 'admin' }] });
    for (const token of [other.token, boundOfficer.token, boundAdmin.token]) {
      const res = await api.get(`/api/me/claims/${id}`, { token });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    }
    expect((await api.get('/api/me/claims/999999999', { token: owner.token })).status).toBe(404);
    expect((await api.get('/api/me/claims/abc', { token: owner.token })).status).toBe(404);
  });

  it('answers 403 NOT_A_MEMBER to a user not bound to the roster, and 401 without a token', async () => {
    const unbound = await api.user();
    for (const path of ['/api/me/claims', '/api/me/claims/1']) {
      const res = await api.get(path, { token: unbound.token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_A_MEMBER');
      expect((await api.get(path)).status).toBe(401);
    }
  });
});

describe('reading claims as a claims officer', () => {
  it('answers the claim with the member’s name and masked ID number, and records the read in the audit log', async () => {
    const m = await api.memberUser({ name: '王芳' });
    const row = claimRow(m.idNumber, { status: 'needs_info', note: '请补充乳腺癌病理报告' });
    await importClaims([row]);
    const id = (await claimIdOf(row.claimNo))!;
    const before = await api.count('audit_log', "action = 'claim.read' and subject_id = $1", [id]);

    const res = await api.get(`/api/admin/claims/${id}`, { token: officer.token });
    expect(res.status).toBe(200);
    const claim = ZOfficerClaim.parse(res.body);
    expect(claim).toMatchObject({ id, claimNo: row.claimNo, memberId: m.memberId, memberName: '王芳', idNumberMasked: maskIdNumber(m.idNumber) });
    expect(claim.timeline).toHaveLength(2);
    expect(JSON.stringify(res.body)).not.toContain(m.idNumber);

    const { rows } = await api.db.query<{ actor_user_id: string; subject_type: string; detail: unknown }>(
      `select actor_user_id::text, subject_type, detail from audit_log where action = 'claim.read' and subject_id = $1 order by id`,
      [id],
    );
    expect(rows.length).toBe(before + 1);
    expect(rows.at(-1)).toEqual({ actor_user_id: officer.userId, subject_type: 'claim', detail: { memberId: m.memberId } });
    expect(JSON.stringify(rows)).not.toMatch(/乳腺癌|病理/);

    const admin = await api.admin();
    expect((await api.get(`/api/admin/claims/${id}`, { token: admin.token })).status).toBe(200);
    expect(await api.count('audit_log', "action = 'claim.read' and subject_id = $1 and actor_user_id = $2", [id, admin.userId])).toBe(1);
  });

  it('refuses members and cadres with 403 FORBIDDEN (even the claim’s own member) and writes no audit row', async () => {
    const m = await api.memberUser();
    const row = claimRow(m.idNumber);
    await importClaims([row]);
    const id = await claimIdOf(row.claimNo);
    const cadre = await api.cadre(m.orgId);
    for (const token of [m.token, cadre.token]) {
      const res = await api.get(`/api/admin/claims/${id}`, { token });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    expect(await api.count('audit_log', "action = 'claim.read' and subject_id = $1", [id])).toBe(0);
  });

  it('answers 404 for a claim that does not exist', async () => {
    expect((await api.get('/api/admin/claims/987654321', { token: officer.token })).status).toBe(404);
  });
});

describe('privacy and the append-only timeline', () => {
  it('keeps the timeline append-only: the database refuses UPDATE, DELETE and TRUNCATE on claim_events', async () => {
    const m = await api.member();
    const row = claimRow(m.idNumber);
    await importClaims([row]);
    const id = await claimIdOf(row.claimNo);
    await expect(api.db.query(`update claim_events set note = 'x' where claim_id = $1`, [id])).rejects.toThrow(/append-only/);
    await expect(api.db.query('delete from claim_events where claim_id = $1', [id])).rejects.toThrow(/append-only/);
    await expect(api.db.query('truncate claim_events cascade')).rejects.toThrow(/append-only/);
    expect(await eventsOf(row.claimNo)).toBe(1);
  });

  it('writes no ID number and no medical note to the logs, even when an import fails unexpectedly', async () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    try {
      const m = await api.member();
      const stranger = newIdNumber();
      const note = '确诊急性白血病，住院化疗';
      await importClaims([claimRow(m.idNumber, { status: 'needs_info', note }), claimRow(stranger, { note })]);
      await api.db.query('alter table audit_log add constraint audit_refuses_claims check (action <> $$claims.import$$) not valid');
      try {
        expect((await importClaims([claimRow(m.idNumber, { note })])).status).toBe(500);
      } finally {
        await api.db.query('alter table audit_log drop constraint audit_refuses_claims');
      }
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(text).not.toContain(m.idNumber);
      expect(text).not.toContain(stranger);
      expect(text).not.toContain(hashIdNumber(m.idNumber, getConfig().idHashKey));
      expect(text).not.toMatch(/白血病|化疗/);
    } finally {
      setLogSink((l) => process.stderr.write(l + '\n'));
    }
  });
});

describe('a 5,000-row import', () => {
  it('lands 5,000 claims in one request with a handful of statements, and changes nothing when repeated', async () => {
    const org = await api.org();
    const people = Array.from({ length: 5000 }, () => newIdNumber());
    const key = getConfig().idHashKey;
    await api.db.query(
      `insert into members (org_id, member_no, name, id_hash, id_masked)
       select $1, 'BULK' || lpad(n::text, 6, '0') || $4, '会员' || n, h, m from unnest($2::text[], $3::text[]) with ordinality as v(h, m, n)`,
      [org, people.map((p) => hashIdNumber(p, key)), people.map(maskIdNumber), String(process.pid)],
    );
    const statuses: ClaimStatus[] = ['submitted', 'under_review', 'needs_info', 'approved', 'paid', 'rejected'];
    const rows = people.map((p, i) => claimRow(p, { status: statuses[i % 6], note: i % 3 === 0 ? '材料审核中' : undefined }));

    const trips = api.db.stats.roundTrips;
    let t = performance.now();
    const first = await importClaims(rows);
    const firstMs = performance.now() - t;
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 5000, updated: 0, unchanged: 0, rejected: [] });
    expect(api.db.stats.roundTrips - trips).toBeLessThan(20);
    expect(await api.count('claim_events', 'claim_id in (select id from claims where claim_no = any($1::text[]))', [rows.map((r) => r.claimNo)])).toBe(834 + 2 * 4166);

    t = performance.now();
    const again = await importClaims(rows);
    const againMs = performance.now() - t;
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 5000, rejected: [] });

    const moved = rows.map((r) => (r.status === 'submitted' ? { ...r, status: 'under_review', at: '2026-03-12T09:00:00+08:00' } : r));
    t = performance.now();
    const third = await importClaims(moved);
    const movedMs = performance.now() - t;
    expect(third.body).toMatchObject({ created: 0, updated: 834, unchanged: 4166, rejected: [] });
    // A measurement for the report, not a timed assertion.
    console.info(`[bench ${api.db.kind}] 5,000-row claim import: new ${firstMs.toFixed(0)} ms, repeat ${againMs.toFixed(0)} ms, 834 moves ${movedMs.toFixed(0)} ms`);
  });
});
