// The demo of `npm start` agrees with itself (issue #14 item 6), and its spreadsheets import:
// 陈静's claim rows are moves the rules allow, the admin's roster adds and updates people.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { brokenInvariants } from '../support/invariants.js';
import { DEMO_HOUSEHOLD, checkDemoData, seedDemo } from '../../scripts/seed-demo.js';
import { CLAIM_HEADERS, DEMO_ROSTER_HOUSEHOLD, ROSTER_HEADERS, writeDemoFiles } from '../../scripts/demo-files.js';
import { CLAIM_STATUS_LABELS, PLAN_NAMES } from '../../shared/domain/claims.js';
import { ZAttendanceStats } from '../../shared/schemas.js';
import { DEMO_POINT } from '../../scripts/seed-stations.js';
import { parseOpeningHours } from '../../shared/domain/opening-hours.js';

let api: TestApi;
let files: Awaited<ReturnType<typeof writeDemoFiles>>;
beforeAll(async () => {
  api = await startTestApi();
  expect(await seedDemo({ db: api.db })).toBe(true);
  files = await writeDemoFiles({ db: api.db, dir: await mkdtemp(path.join(tmpdir(), 'demo-files-')) });
});
afterAll(async () => {
  await api.close();
});

const login = async (openid: string) => (await api.post('/api/auth/login', { body: { code: `dev:${openid}` } })).body.token as string;

/** The first sheet as header → cell objects, the way an import reads it. */
async function readSheet(file: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0];
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: Record<string, string | number | undefined>[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const values = (row.values as unknown[]).slice(1);
    rows.push(Object.fromEntries(headers.map((h, i) => [h, values[i] === null || values[i] === undefined ? undefined : (values[i] as string | number)])));
  });
  return { headers, rows };
}

const fromLabel = <T extends string>(labels: Record<T, string>, label: unknown) => (Object.entries(labels) as [T, string][]).find(([, l]) => l === label)?.[0];
const fen = (yuan: unknown) => (yuan === undefined ? undefined : Math.round(Number(yuan) * 100));

describe('the demo data', () => {
  it('agree with themselves and hold every invariant of the product', async () => {
    expect(await checkDemoData(api.db)).toEqual([]);
    expect(await brokenInvariants(api.db)).toEqual([]);
  });

  it('name what breaks them: a claim under a plan its member does not hold', async () => {
    const problems = await api.db
      .transaction(async (tx) => {
        await tx.query(`delete from coverages where plan = 'accident' and member_id = (select member_id from claims where plan = 'accident' order by claim_no limit 1)`);
        throw Object.assign(new Error('rolled back on purpose'), { problems: await checkDemoData(tx) });
      })
      .catch((err: { problems?: string[] }) => err.problems);
    expect(problems?.join()).toMatch(/保障项目/);
    expect(await checkDemoData(api.db)).toEqual([]);
  });

  it('make a five-day trip last five days', async () => {
    const { rows } = await api.db.query<{ days: number }>(`select ((ends_at at time zone 'UTC' + interval '8 hours')::date - (starts_at at time zone 'UTC' + interval '8 hours')::date + 1)::int as days from activities where title = '劳模疗休养（嵩山）'`);
    expect(rows[0].days).toBe(5);
  });

  it('give the attendance charts of 刘洋’s district months with activities, sign-ups and check-ins', async () => {
    const token = await login('cadre-liu');
    const { rows } = await api.db.query<{ id: string }>(`select id::text from orgs where name = '金水区总工会'`);
    const res = await api.get(`/api/admin/stats/attendance?orgId=${rows[0].id}`, { token });
    expect(res.status).toBe(200);
    const stats = ZAttendanceStats.parse(res.body);
    const active = stats.byMonth.filter((m) => m.activities > 0 && m.checkins > 0 && m.checkins < m.registrations);
    expect(active.length).toBeGreaterThanOrEqual(10);
  });

  it('put some members in priority groups', async () => {
    expect(await api.count('members', `'gig_worker' = any(groups)`)).toBeGreaterThan(0);
    expect(await api.count('members', `'hardship' = any(groups)`)).toBeGreaterThan(0);
  });
});

describe('the demo spreadsheets', () => {
  it('give 陈静 claim rows under api.md’s Chinese headers that import without a rejected row', async () => {
    const sheet = await readSheet(files.claims);
    expect(sheet.headers).toEqual([...CLAIM_HEADERS]);
    const rows = sheet.rows.map((r) => ({
      claimNo: r['申请编号'], idNumber: r['身份证号'], plan: fromLabel(PLAN_NAMES, r['保障项目']), status: fromLabel(CLAIM_STATUS_LABELS, r['状态']),
      incidentDate: r['出险日期'], submittedAt: r['申请时间'], amountClaimedFen: fen(r['申请金额（元）']), amountApprovedFen: fen(r['核定金额（元）']),
      amountPaidFen: fen(r['实付金额（元）']), paidAt: r['支付时间'], rejectReason: r['不予给付原因'], note: r['备注'], at: r['变更时间'],
    }));
    const existing = await api.count('claims');
    const res = await api.post('/api/admin/claims/import', { token: await login('officer-chen'), body: { rows } });
    expect(res.status).toBe(200);
    expect(res.body.rejected).toEqual([]);
    // every demo claim that can still move moves, the paid one is the same, two are new
    expect(res.body).toMatchObject({ created: 2, unchanged: 1, updated: existing - 2 });
    expect(await brokenInvariants(api.db)).toEqual([]);
  });

  it('give the admin a roster that adds five people (a couple with one 户号) and updates three of the union’s members', async () => {
    const sheet = await readSheet(files.roster);
    expect(sheet.headers).toEqual([...ROSTER_HEADERS]);
    const members = sheet.rows.map((r) => ({
      name: r['姓名'], idNumber: r['身份证号'], phone: r['手机号'], ...(r['会员编号'] ? { memberNo: r['会员编号'] } : {}), ...(r['户号'] ? { householdNo: String(r['户号']) } : {}),
    }));
    const res = await api.post('/api/admin/members/import', { token: await login('admin'), body: { orgId: files.rosterOrg.id, members } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 5, updated: 3, rejected: [] });
    expect(res.body.landed).toHaveLength(8);
    const { rows } = await api.db.query<{ name: string }>('select name from members where household_no = $1 order by name', [DEMO_ROSTER_HOUSEHOLD]);
    expect(rows.map((r) => r.name)).toEqual(['郭晓峰', '马丽娟'].sort());
  });

  it('make 李娜 and 刘洋 one household, so 刘洋 is refused on her aid application and reviews 张伟’s', async () => {
    const { rows } = await api.db.query<{ name: string }>('select name from members where household_no = $1 order by id', [DEMO_HOUSEHOLD.number]);
    expect(rows.map((r) => r.name)).toEqual(['李娜', '刘洋']);
    const [li, zhang, liu] = await Promise.all(['member-li', 'member-zhang', 'cadre-liu'].map(login));
    const programs = await api.get('/api/aid-programs', { token: li });
    const program = programs.body.items.find((p: { title: string }) => p.title === '2026年金秋助学');
    const apply = async (token: string) => {
      const documents = [];
      for (const d of program.requiredDocuments as { key: string }[]) {
        const up = await api.post('/api/uploads', { token, rawBody: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), headers: { 'content-type': 'image/png' } });
        expect(up.status).toBe(201);
        documents.push({ key: d.key, uploadId: up.body.id });
      }
      const res = await api.post(`/api/aid-programs/${program.id}/applications`, { token, body: { level: '本科', child: { name: '王小明', school: '郑州大学', admissionYear: 2026 }, documents } });
      expect(res.status, res.text).toBe(201);
      return res.body.id as string;
    };
    const hers = await apply(li);
    const his = await apply(zhang);
    const refused = await api.post(`/api/admin/aid-applications/${hers}/review`, { token: liu, body: { decision: 'approve' } });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('不能审核本人或本家庭成员的申请');
    expect((await api.post(`/api/admin/aid-applications/${his}/review`, { token: liu, body: { decision: 'approve' } })).status).toBe(200);
  });

  it('place Zhengzhou’s 887 love stations inside the urban area, each with hours the app can read', async () => {
    const { rows } = await api.db.query<{ n: number; outside: number; unnamed: number; unions: number }>(
      `select count(*)::int as n,
              count(*) filter (where lat not between 34.6 and 34.9 or lng not between 113.5 and 113.9)::int as outside,
              count(*) filter (where name !~ '(驿站|骑手之家)')::int as unnamed,
              count(distinct org_id)::int as unions
         from stations`,
    );
    expect(rows[0]).toEqual({ n: 887, outside: 0, unnamed: 0, unions: 3 });
    const token = await login('member-zhang');
    const near = await api.get(`/api/stations?lat=${DEMO_POINT.lat}&lng=${DEMO_POINT.lng}&radiusKm=5&limit=100`, { token });
    expect(near.status).toBe(200);
    expect(near.body.items.length).toBeGreaterThan(20);
    expect(near.body.items.slice(0, 2).map((s: { name: string }) => s.name)).toEqual(['农业路爱心驿站', '文化路环卫驿站']);
    const bad = await api.db.query<{ opening_hours: string }>('select distinct opening_hours from stations');
    for (const r of bad.rows) expect(parseOpeningHours(r.opening_hours).ok, r.opening_hours).toBe(true);
  });
});
