import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber } from '../../functions/_lib/id-hash.js';
import { shanghaiYear } from '../../functions/_lib/services/list-coverage.js';
import { maskIdNumber } from '../../shared/domain/id-number.js';
import { ZCoverageList, ZErrorBody, ZImportResult } from '../../shared/schemas.js';

let api: TestApi;
let officer: { userId: string; token: string };
const thisYear = shanghaiYear(new Date());
beforeAll(async () => {
  api = await startTestApi();
  officer = await api.user({ roles: [{ role: 'claims_officer' }] });
});
afterAll(async () => {
  await api.close();
});

function coverageRow(idNumber: string, o: Record<string, unknown> = {}) {
  const year = (o.year as number | undefined) ?? thisYear;
  return { idNumber, plan: 'basic', year, startsOn: `${year}-01-01`, endsOn: `${year}-12-31`, ...o };
}

const importCoverage = (rows: unknown[], token = officer.token) => api.post('/api/admin/coverage/import', { token, body: { rows } });

describe('coverage import', () => {
  it('creates coverage, answers unchanged when the same file is loaded again, and updates changed dates', async () => {
    const m = await api.member();
    const rows = [coverageRow(m.idNumber), coverageRow(m.idNumber, { plan: 'accident' })];
    const first = await importCoverage(rows);
    expect(first.status).toBe(200);
    expect(ZImportResult.parse(first.body)).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [] });
    expect((await importCoverage(rows)).body).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: [] });
    const changed = [rows[0], { ...rows[1], startsOn: `${thisYear}-03-01` }, coverageRow(m.idNumber, { plan: 'hospitalization' })];
    expect((await importCoverage(changed)).body).toMatchObject({ created: 1, updated: 1, unchanged: 1, rejected: [] });
    expect(await api.count('coverages', 'member_id = $1', [m.memberId])).toBe(3);
  });

  it('rejects bad rows alone: not on the roster, unknown plan, reversed dates, a repeated line', async () => {
    const m = await api.member();
    const stranger = newIdNumber();
    const rows = [
      coverageRow(m.idNumber),
      coverageRow(stranger),
      coverageRow(m.idNumber, { plan: 'dental' }),
      coverageRow(m.idNumber, { plan: 'accident', startsOn: `${thisYear}-12-31`, endsOn: `${thisYear}-01-01` }),
      coverageRow(m.idNumber),
      coverageRow(m.idNumber, { year: '2026' }),
      coverageRow(m.idNumber, { plan: 'critical_illness' }),
    ];
    const res = await importCoverage(rows);
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [1, 'NOT_FOUND'],
      [2, 'VALIDATION_FAILED'],
      [3, 'VALIDATION_FAILED'],
      [4, 'VALIDATION_FAILED'],
      [5, 'VALIDATION_FAILED'],
    ]);
    for (const r of res.body.rejected) {
      expect(r.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(r.message).not.toContain(stranger);
    }
  });

  it('refuses members and cadres with 403, and a bad envelope with 400', async () => {
    const m = await api.memberUser();
    const cadre = await api.cadre(m.orgId);
    for (const token of [m.token, cadre.token]) expect((await importCoverage([coverageRow(m.idNumber)], token)).status).toBe(403);
    const admin = await api.admin();
    expect((await importCoverage([coverageRow(m.idNumber)], admin.token)).status).toBe(200);
    for (const body of [{}, { rows: [] }, { rows: Array.from({ length: 5001 }, () => ({})) }]) {
      const res = await api.post('/api/admin/coverage/import', { token: officer.token, body });
      expect(res.status).toBe(400);
      expect(ZErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('imports the same rows from CSV (BOM, CRLF, year as a number) and refuses a file with a missing column', async () => {
    const a = await api.member();
    const b = await api.member();
    const csv = `\uFEFFidNumber,plan,year,startsOn,endsOn\r\n${a.idNumber},basic,${thisYear},${thisYear}-01-01,${thisYear}-12-31\r\n${b.idNumber},critical_illness,${thisYear},${thisYear}-01-01,${thisYear}-12-31\r\n${b.idNumber},accident,去年,${thisYear}-01-01,${thisYear}-12-31\r\n`;
    const res = await api.post('/api/admin/coverage/import.csv', { token: officer.token, body: { csv } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: [{ index: 2, code: 'VALIDATION_FAILED', message: expect.stringMatching(/^year：/) }] });
    expect((await api.post('/api/admin/coverage/import.csv', { token: officer.token, body: { csv } })).body).toMatchObject({ created: 0, unchanged: 2 });

    const missing = await api.post('/api/admin/coverage/import.csv', { token: officer.token, body: { csv: `idNumber,plan,year,startsOn\n${a.idNumber},basic,${thisYear},${thisYear}-01-01` } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/endsOn/);
  });

  it('imports 5,000 rows in one request', async () => {
    const org = await api.org();
    const people = Array.from({ length: 2500 }, () => newIdNumber());
    const key = getConfig().idHashKey;
    await api.db.query(
      `insert into members (org_id, member_no, name, id_hash, id_masked)
       select $1, 'COV' || lpad(n::text, 6, '0') || $4, '会员' || n, h, m from unnest($2::text[], $3::text[]) with ordinality as v(h, m, n)`,
      [org, people.map((p) => hashIdNumber(p, key)), people.map(maskIdNumber), String(process.pid)],
    );
    const rows = people.flatMap((p) => [coverageRow(p), coverageRow(p, { plan: 'critical_illness' })]);
    let t = performance.now();
    const first = await importCoverage(rows);
    const firstMs = performance.now() - t;
    expect(first.body).toMatchObject({ created: 5000, updated: 0, unchanged: 0, rejected: [] });
    t = performance.now();
    expect((await importCoverage(rows)).body).toMatchObject({ created: 0, updated: 0, unchanged: 5000, rejected: [] });
    const againMs = performance.now() - t;
    // A measurement for the report, not a timed assertion.
    console.info(`[bench ${api.db.kind}] 5,000-row coverage import: new ${firstMs.toFixed(0)} ms, repeat ${againMs.toFixed(0)} ms`);
  });
});

describe('my coverage', () => {
  it('lists this year’s plans for the member in the plans’ order, with Chinese names and dates', async () => {
    const m = await api.memberUser();
    const other = await api.member();
    await importCoverage([
      coverageRow(m.idNumber, { plan: 'hospitalization' }),
      coverageRow(m.idNumber, { plan: 'basic' }),
      coverageRow(m.idNumber, { plan: 'critical_illness', startsOn: `${thisYear}-04-01` }),
      coverageRow(m.idNumber, { plan: 'accident', year: thisYear - 1 }),
      coverageRow(other.idNumber, { plan: 'accident' }),
    ]);
    const res = await api.get('/api/me/coverage', { token: m.token });
    expect(res.status).toBe(200);
    expect(ZCoverageList.parse(res.body).items).toEqual([
      { plan: 'basic', planName: '在职职工互助保障', year: thisYear, startsOn: `${thisYear}-01-01`, endsOn: `${thisYear}-12-31` },
      { plan: 'critical_illness', planName: '重大疾病互助保障', year: thisYear, startsOn: `${thisYear}-04-01`, endsOn: `${thisYear}-12-31` },
      { plan: 'hospitalization', planName: '惠工保住院医疗互助保障', year: thisYear, startsOn: `${thisYear}-01-01`, endsOn: `${thisYear}-12-31` },
    ]);
    const last = await api.get(`/api/me/coverage?year=${thisYear - 1}`, { token: m.token });
    expect(last.body.items.map((c: { plan: string }) => c.plan)).toEqual(['accident']);
  });

  it('answers an empty list to a member with no coverage, and 400 for a year that is not a year', async () => {
    const m = await api.memberUser();
    expect((await api.get('/api/me/coverage', { token: m.token })).body).toEqual({ items: [] });
    for (const q of ['?year=abc', '?year=1999', '?year=2026.5']) {
      const res = await api.get(`/api/me/coverage${q}`, { token: m.token });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('answers 403 NOT_A_MEMBER to a user not bound to the roster, and 401 without a token', async () => {
    const officerOnly = await api.user({ roles: [{ role: 'claims_officer' }] });
    const res = await api.get('/api/me/coverage', { token: officerOnly.token });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_A_MEMBER');
    expect((await api.get('/api/me/coverage')).status).toBe(401);
  });

  it('counts the year in Asia/Shanghai: 31 December 16:00 UTC is already New Year there', () => {
    expect(shanghaiYear(new Date('2026-12-31T15:59:59Z'))).toBe(2026);
    expect(shanghaiYear(new Date('2026-12-31T16:00:00Z'))).toBe(2027);
  });
});
