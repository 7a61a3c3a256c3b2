// The union office's lookups, union tree, roles and charts (issue #14): what each role finds, and
// that nobody reaches past their subtree.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { ZActivityStats, ZAdminMember, ZAdminMemberList, ZAdminOrgList, ZAttendanceStats, ZErrorBody, ZOrg, ZUser } from '../../shared/schemas.js';

let api: TestApi;
// city ─┬─ district ── grassroots
//       └─ other
let city: string;
let district: string;
let grassroots: string;
let other: string;
let admin: { userId: string; token: string };
let districtCadre: { token: string; memberId: string };
let otherCadre: { token: string; memberId: string };

beforeAll(async () => {
  api = await startTestApi();
  city = await api.org({ name: `测试市总工会${process.pid}` });
  district = await api.org({ parentId: city, name: '金水区总工会' });
  grassroots = await api.org({ parentId: district, name: '圆方集团工会' });
  other = await api.org({ parentId: city, name: '二七区总工会' });
  admin = await api.admin();
  districtCadre = await api.cadre(district);
  otherCadre = await api.cadre(other);
});
afterAll(async () => {
  await api.close();
});

let phoneCounter = 1000;
/** A roster member with a known name and phone (last four digits unique in the run). */
async function person(orgId: string, name: string) {
  const m = await api.member({ orgId, name });
  const last4 = String(++phoneCounter);
  // member numbers as unions write them: upper-case letters and digits
  const memberNo = `ZT${process.pid}${last4}`;
  await api.db.query('update members set phone_masked = $2, member_no = $3 where id = $1', [m.memberId, `139****${last4}`, memberNo]);
  return { ...m, last4, memberNo };
}

const ids = (body: { items: { id: string }[] }) => body.items.map((i) => i.id);

describe('finding members', () => {
  it('finds members by name prefix, member number and the last four phone digits, within the cadre’s subtree only', async () => {
    const mine = await person(grassroots, '欧阳明远');
    const theirs = await person(other, '欧阳明辉');
    const byName = await api.get(`/api/admin/members?q=${encodeURIComponent('欧阳明')}`, { token: districtCadre.token });
    expect(byName.status).toBe(200);
    expect(ids(ZAdminMemberList.parse(byName.body))).toEqual([mine.memberId]);
    expect(ids((await api.get(`/api/admin/members?q=${encodeURIComponent('欧阳明')}`, { token: otherCadre.token })).body)).toEqual([theirs.memberId]);
    expect(ids((await api.get(`/api/admin/members?q=${encodeURIComponent('欧阳明')}`, { token: admin.token })).body)).toEqual([mine.memberId, theirs.memberId]);

    expect(ids((await api.get(`/api/admin/members?q=${mine.memberNo}`, { token: districtCadre.token })).body)).toEqual([mine.memberId]);
    expect(ids((await api.get(`/api/admin/members?q=${mine.memberNo.toLowerCase()}`, { token: districtCadre.token })).body)).toEqual([mine.memberId]);
    expect(ids((await api.get(`/api/admin/members?q=${theirs.memberNo}`, { token: districtCadre.token })).body)).toEqual([]);
    expect(ids((await api.get(`/api/admin/members?q=${mine.last4}`, { token: districtCadre.token })).body)).toEqual([mine.memberId]);
    expect(ids((await api.get(`/api/admin/members?q=${theirs.last4}`, { token: districtCadre.token })).body)).toEqual([]);
  });

  it('treats % and _ in a name as letters, not as wildcards', async () => {
    await person(grassroots, '百分号测试');
    const res = await api.get(`/api/admin/members?q=${encodeURIComponent('%')}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([]);
  });

  it('pages through a union’s members with an opaque cursor, each exactly once', async () => {
    const union = await api.org({ parentId: district });
    const made = [];
    for (let i = 0; i < 5; i++) made.push((await person(union, `分页会员${i}`)).memberId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.get(`/api/admin/members?orgId=${union}&limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: districtCadre.token });
      seen.push(...ids(res.body));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(made);
    const bad = await api.get('/api/admin/members?cursor=not-a-cursor', { token: admin.token });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a union outside the cadre’s subtree (403) and answers 404 for a union that does not exist', async () => {
    const forbidden = await api.get(`/api/admin/members?orgId=${other}`, { token: districtCadre.token });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    const missing = await api.get('/api/admin/members?orgId=999999999', { token: admin.token });
    expect(missing.status).toBe(404);
  });

  it('lets a claims officer with a union search its subtree, and one without a union search everyone', async () => {
    const mine = await person(grassroots, '司马光明');
    const theirs = await person(other, '司马光辉');
    const scoped = await api.user({ roles: [{ role: 'claims_officer', orgId: district }] });
    const citywide = await api.user({ roles: [{ role: 'claims_officer' }] });
    const q = `?q=${encodeURIComponent('司马光')}`;
    expect(ids((await api.get(`/api/admin/members${q}`, { token: scoped.token })).body)).toEqual([mine.memberId]);
    expect(ids((await api.get(`/api/admin/members${q}`, { token: citywide.token })).body)).toEqual([mine.memberId, theirs.memberId]);
  });

  it('refuses members and users without an office role (403)', async () => {
    const m = await api.memberUser({ orgId: grassroots });
    expect((await api.get('/api/admin/members', { token: m.token })).status).toBe(403);
    expect((await api.get('/api/admin/members', { token: (await api.user()).token })).status).toBe(403);
    expect((await api.get('/api/admin/members')).status).toBe(401);
  });

  it('shows groups, how the binding was proven and the roles with their union names', async () => {
    const unbound = await person(grassroots, '未绑定者');
    const idOnly = await api.memberUser({ orgId: grassroots, name: '身份证绑定者' });
    await api.db.query(`update users set verification = 'id_only' where id = $1`, [idOnly.userId]);
    const phone = await api.memberUser({ orgId: grassroots, name: '手机绑定者' });
    await api.db.query(`update users set verification = 'phone' where id = $1`, [phone.userId]);
    await api.db.query(`update members set groups = '{model_worker,frontline}' where id = $1`, [phone.memberId]);
    await api.db.query(`insert into roles (user_id, role, org_id) values ($1, 'cadre', $2)`, [phone.userId, grassroots]);

    const read = async (memberId: string) => ZAdminMember.parse((await api.get(`/api/admin/members/${memberId}`, { token: districtCadre.token })).body);
    expect(await read(unbound.memberId)).toMatchObject({ binding: 'none', groups: [], roles: [] });
    expect(await read(idOnly.memberId)).toMatchObject({ binding: 'id_only' });
    expect(await read(phone.memberId)).toMatchObject({
      name: '手机绑定者', orgId: grassroots, orgName: '圆方集团工会', binding: 'phone', groups: ['model_worker', 'frontline'],
      roles: [{ role: 'cadre', orgId: grassroots, orgName: '圆方集团工会' }],
    });
    const listed = (await api.get(`/api/admin/members?q=${encodeURIComponent('手机绑定者')}`, { token: districtCadre.token })).body.items[0];
    expect(listed).toEqual(await read(phone.memberId));
    expect(listed.idNumberMasked).not.toBe(phone.idNumber);
  });

  it('answers a member outside the cadre’s subtree exactly like one that does not exist', async () => {
    const theirs = await person(other, '外区会员');
    const outside = await api.get(`/api/admin/members/${theirs.memberId}`, { token: districtCadre.token });
    const missing = await api.get('/api/admin/members/999999999', { token: districtCadre.token });
    expect(outside.status).toBe(404);
    expect([outside.status, outside.body]).toEqual([missing.status, missing.body]);
    expect((await api.get(`/api/admin/members/${theirs.memberId}`, { token: otherCadre.token })).status).toBe(200);
  });

  it('plans a name, member number or phone search on an index, never a scan of the roster', async () => {
    // With sequential scans priced out, a plan that still reads members in full has no index to use.
    const plan = async (q: string) => {
      return api.db.transaction(async (tx) => {
        await tx.query('set local enable_seqscan = off');
        const { rows } = await tx.query<{ 'QUERY PLAN': string }>(`explain select id from members m where ${q}`);
        return rows.map((r) => r['QUERY PLAN']).join('\n');
      });
    };
    expect(await plan(`m.name like '欧阳%'`)).not.toMatch(/Seq Scan on members/);
    expect(await plan(`m.member_no like 'ZZ0001%'`)).not.toMatch(/Seq Scan on members/);
    expect(await plan(`right(m.phone_masked, 4) = '1234'`)).not.toMatch(/Seq Scan on members/);
  });
});

describe('changing a member’s groups', () => {
  it('lets a cadre of the subtree set the groups, answers the member and audits the change', async () => {
    const m = await person(grassroots, '类别会员');
    const res = await api.patch(`/api/admin/members/${m.memberId}`, { token: districtCadre.token, body: { groups: ['hardship', 'gig_worker'] } });
    expect(res.status).toBe(200);
    expect(ZAdminMember.parse(res.body).groups).toEqual(['hardship', 'gig_worker']);
    const { rows } = await api.db.query<{ detail: { before: string[]; after: string[] } }>(`select detail from audit_log where action = 'member.groups' and subject_id = $1`, [m.memberId]);
    expect(rows.map((r) => r.detail)).toEqual([{ before: [], after: ['hardship', 'gig_worker'] }]);
  });

  it('answers 404 to another union’s cadre and 403 to a claims officer, changing nothing', async () => {
    const m = await person(grassroots, '不可改会员');
    const foreign = await api.patch(`/api/admin/members/${m.memberId}`, { token: otherCadre.token, body: { groups: ['hardship'] } });
    expect(foreign.status).toBe(404);
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    expect((await api.patch(`/api/admin/members/${m.memberId}`, { token: officer.token, body: { groups: ['hardship'] } })).status).toBe(403);
    expect(await api.count('members', `id = $1 and groups = '{}'`, [m.memberId])).toBe(1);
  });

  it('refuses an unknown or repeated group with VALIDATION_FAILED', async () => {
    const m = await person(grassroots, '校验会员');
    for (const groups of [['vip'], ['hardship', 'hardship'], 'hardship']) {
      const res = await api.patch(`/api/admin/members/${m.memberId}`, { token: admin.token, body: { groups } });
      expect(res.status).toBe(400);
      expect(ZErrorBody.parse(res.body).error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('revoking roles', () => {
  it('takes a cadre role away, answers the member’s user and audits it', async () => {
    const cadre = await api.cadre(grassroots);
    const res = await api.post('/api/admin/roles/revoke', { token: admin.token, body: { memberId: cadre.memberId, role: 'cadre', orgId: grassroots } });
    expect(res.status).toBe(200);
    expect(ZUser.parse(res.body)).toEqual({ id: cadre.userId, roles: [], memberId: cadre.memberId });
    expect(await api.count('audit_log', `action = 'role.revoke' and subject_id = $1`, [cadre.userId])).toBe(1);
    // the revoked cadre can no longer look up members
    expect((await api.get('/api/admin/members', { token: cadre.token })).status).toBe(403);
  });

  it('answers 404 for a role the member does not hold, and for a member that does not exist', async () => {
    const m = await api.memberUser({ orgId: grassroots });
    const notHeld = await api.post('/api/admin/roles/revoke', { token: admin.token, body: { memberId: m.memberId, role: 'claims_officer' } });
    expect(notHeld.status).toBe(404);
    expect(notHeld.body.error.message).toMatch(/角色/);
    const unboundRoster = await person(grassroots, '无用户会员');
    expect((await api.post('/api/admin/roles/revoke', { token: admin.token, body: { memberId: unboundRoster.memberId, role: 'cadre', orgId: grassroots } })).status).toBe(404);
    expect((await api.post('/api/admin/roles/revoke', { token: admin.token, body: { memberId: '999999999', role: 'admin' } })).status).toBe(404);
  });

  it('refuses to revoke the city’s last admin with 409 INVALID_TRANSITION, and allows it while another admin remains', async () => {
    // Every other admin of this database goes first, so that the one left is the last.
    const m = await api.memberUser({ orgId: city, name: '管理员甲' });
    await api.db.query(`insert into roles (user_id, role) values ($1, 'admin')`, [m.userId]);
    const n = await api.memberUser({ orgId: city, name: '管理员乙' });
    await api.db.query(`insert into roles (user_id, role) values ($1, 'admin')`, [n.userId]);
    // Saved whole: a bootstrap admin's row acts only with its bootstrap mark (migration 008).
    const others = await api.db.query<{ user_id: string; bootstrap: boolean }>(`select user_id::text, bootstrap from roles where role = 'admin' and user_id not in ($1, $2)`, [m.userId, n.userId]);
    const saved = others.rows;
    await api.db.query(`delete from roles where role = 'admin' and user_id not in ($1, $2)`, [m.userId, n.userId]);
    try {
      const first = await api.post('/api/admin/roles/revoke', { token: m.token, body: { memberId: n.memberId, role: 'admin' } });
      expect(first.status).toBe(200);
      const last = await api.post('/api/admin/roles/revoke', { token: m.token, body: { memberId: m.memberId, role: 'admin' } });
      expect(last.status).toBe(409);
      expect(last.body.error.code).toBe('INVALID_TRANSITION');
      expect(last.body.error.message).toMatch(/最后一位管理员/);
      expect(await api.count('roles', `role = 'admin' and user_id = $1`, [m.userId])).toBe(1);
    } finally {
      for (const r of saved) await api.db.query(`insert into roles (user_id, role, bootstrap) values ($1, 'admin', $2)`, [r.user_id, r.bootstrap]);
    }
  });

  it('is for admins only', async () => {
    const cadre = await api.cadre(grassroots);
    const res = await api.post('/api/admin/roles/revoke', { token: districtCadre.token, body: { memberId: cadre.memberId, role: 'cadre', orgId: grassroots } });
    expect(res.status).toBe(403);
    expect(await api.count('roles', `user_id = $1`, [cadre.userId])).toBe(1);
  });

  it('needs the union of a cadre role', async () => {
    const res = await api.post('/api/admin/roles/revoke', { token: admin.token, body: { memberId: districtCadre.memberId, role: 'cadre' } });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('orgId');
  });
});

describe('the union tree', () => {
  it('counts the members of each union and of its subtree; a cadre sees only their subtree', async () => {
    const root = await api.org({ name: `计数市总${process.pid}` });
    const a = await api.org({ parentId: root, name: '计数区' });
    const a1 = await api.org({ parentId: a, name: '计数基层一' });
    const a2 = await api.org({ parentId: a, name: '计数基层二' });
    for (const [org, n] of [[root, 1], [a, 2], [a1, 3], [a2, 4]] as const) for (let i = 0; i < n; i++) await api.member({ orgId: org });
    const all = ZAdminOrgList.parse((await api.get('/api/admin/orgs', { token: admin.token })).body).items;
    const byId = new Map(all.map((o) => [o.id, o]));
    expect(byId.get(root)).toMatchObject({ parentId: null, memberCount: 1, subtreeMemberCount: 10 });
    expect(byId.get(a)).toMatchObject({ parentId: root, memberCount: 2, subtreeMemberCount: 9 });
    expect(byId.get(a1)).toMatchObject({ memberCount: 3, subtreeMemberCount: 3 });
    expect(byId.get(a2)).toMatchObject({ memberCount: 4, subtreeMemberCount: 4 });
    // parents come before their children
    expect(all.findIndex((o) => o.id === a)).toBeLessThan(all.findIndex((o) => o.id === a1));

    const cadre = await api.cadre(a);
    const seen = ZAdminOrgList.parse((await api.get('/api/admin/orgs', { token: cadre.token })).body).items;
    expect(seen.map((o) => o.id).sort()).toEqual([a, a1, a2].sort());
    // the cadre (a member of `a`) is counted in `a`
    expect(seen.find((o) => o.id === a)).toMatchObject({ memberCount: 3, subtreeMemberCount: 10 });
  });

  it('refuses members and claims officers (403)', async () => {
    expect((await api.get('/api/admin/orgs', { token: (await api.memberUser({ orgId: grassroots })).token })).status).toBe(403);
    expect((await api.get('/api/admin/orgs', { token: (await api.user({ roles: [{ role: 'claims_officer' }] })).token })).status).toBe(403);
  });

  it('lets an admin rename a union, audited', async () => {
    const org = await api.org({ parentId: city, name: '旧名称工会' });
    const res = await api.patch(`/api/admin/orgs/${org}`, { token: admin.token, body: { name: '  新名称工会 ' } });
    expect(res.status).toBe(200);
    expect(ZOrg.parse(res.body)).toEqual({ id: org, name: '新名称工会', parentId: city });
    const { rows } = await api.db.query<{ detail: unknown }>(`select detail from audit_log where action = 'org.rename' and subject_id = $1`, [org]);
    expect(rows.map((r) => r.detail)).toEqual([{ before: '旧名称工会', after: '新名称工会' }]);
  });

  it('refuses a name a sibling already has with 409 and a Chinese message; the same name elsewhere is fine', async () => {
    const x = await api.org({ parentId: district, name: '同名甲' });
    await api.org({ parentId: district, name: '同名乙' });
    const clash = await api.patch(`/api/admin/orgs/${x}`, { token: admin.token, body: { name: '同名乙' } });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('INVALID_TRANSITION');
    expect(clash.body.error.message).toMatch(/同名/);
    expect(await api.count('orgs', `id = $1 and name = '同名甲'`, [x])).toBe(1);
    const y = await api.org({ parentId: other, name: '同名丙' });
    expect((await api.patch(`/api/admin/orgs/${y}`, { token: admin.token, body: { name: '同名乙' } })).status).toBe(200);
  });

  it('is for admins only, and answers 404 for a union that does not exist', async () => {
    expect((await api.patch(`/api/admin/orgs/${district}`, { token: districtCadre.token, body: { name: '干部改名' } })).status).toBe(403);
    expect((await api.patch('/api/admin/orgs/999999999', { token: admin.token, body: { name: '不存在' } })).status).toBe(404);
    expect((await api.patch(`/api/admin/orgs/${district}`, { token: admin.token, body: { name: '' } })).status).toBe(400);
  });
});

/** An activity with `registrations` seats taken and `checkins` of them scanned, inserted as the counters hold them. */
async function held(orgId: string, startsAt: string, o: { registrations: number; checkins: number; category?: string; cancelled?: boolean }) {
  const start = Date.parse(startsAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  const id = await api.activity({
    orgId, category: o.category ?? 'lecture', capacity: 100,
    signupOpensAt: iso(start - 10 * 86400_000), signupClosesAt: iso(start - 86400_000), startsAt: iso(start), endsAt: iso(start + 2 * 3600_000), cancelDeadline: iso(start - 86400_000),
  });
  for (let i = 0; i < o.registrations; i++) {
    const m = await api.member({ orgId });
    const checkedIn = i < o.checkins;
    await api.db.query(
      `insert into registrations (activity_id, member_id, status, seq, created_at, confirmed_at, checked_in_at)
       values ($1, $2, $3, $4, $5, $5, $6)`,
      [id, m.memberId, checkedIn ? 'checked_in' : 'confirmed', i + 1, iso(start - 5 * 86400_000), checkedIn ? iso(start - 600_000 + i * 60_000) : null],
    );
  }
  await api.db.query(
    `update activities set confirmed_count = $2, checked_in_count = $3, next_seq = $2 + 1,
            status = case when $4 then 'cancelled' else status end, cancel_reason = case when $4 then '测试取消' end where id = $1`,
    [id, o.registrations, o.checkins, o.cancelled ?? false],
  );
  return id;
}

describe('attendance at a glance', () => {
  it('counts the month’s activities of the subtree in Asia/Shanghai, by category and over 12 months', async () => {
    const union = await api.org({ parentId: district, name: '统计工会' });
    const below = await api.org({ parentId: union, name: '统计下级工会' });
    const elsewhere = await api.org({ parentId: other, name: '统计外区工会' });
    // 1 November 00:30 in Shanghai is still 31 October in UTC: it belongs to November.
    await held(union, '2026-10-31T16:30:00Z', { registrations: 4, checkins: 3, category: 'lecture' });
    await held(below, '2026-11-20T01:00:00Z', { registrations: 6, checkins: 3, category: 'culture' });
    await held(below, '2026-11-21T01:00:00Z', { registrations: 2, checkins: 2, category: 'lecture' });
    // 30 November 23:30 UTC is already 1 December in Shanghai: not November.
    await held(union, '2026-11-30T16:30:00Z', { registrations: 5, checkins: 0 });
    await held(union, '2026-11-10T01:00:00Z', { registrations: 9, checkins: 0, cancelled: true });
    await held(elsewhere, '2026-11-10T01:00:00Z', { registrations: 7, checkins: 7 });
    await held(union, '2025-12-05T01:00:00Z', { registrations: 3, checkins: 1, category: 'tour' });
    await held(union, '2025-11-05T01:00:00Z', { registrations: 8, checkins: 8 }); // 13 months back: outside the window

    const before = api.db.stats.roundTrips;
    const res = await api.get(`/api/admin/stats/attendance?orgId=${union}&month=2026-11`, { token: districtCadre.token });
    const trips = api.db.stats.roundTrips - before;
    expect(res.status).toBe(200);
    const stats = ZAttendanceStats.parse(res.body);
    expect(stats.orgId).toBe(union);
    expect(stats.month).toBe('2026-11');
    expect(stats.totals).toEqual({ activities: 3, registrations: 12, checkins: 8, noShowRate: 0.3333 });
    expect(stats.byCategory).toEqual([
      { category: 'lecture', activities: 2, registrations: 6, checkins: 5, noShowRate: 0.1667 },
      { category: 'culture', activities: 1, registrations: 6, checkins: 3, noShowRate: 0.5 },
    ]);
    expect(stats.byMonth.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
    expect(stats.byMonth[0]).toEqual({ month: '2025-12', activities: 1, registrations: 3, checkins: 1, noShowRate: 0.6667 });
    expect(stats.byMonth[10]).toEqual({ month: '2026-10', activities: 0, registrations: 0, checkins: 0, noShowRate: 0 });
    expect(stats.byMonth[11]).toEqual({ month: '2026-11', ...stats.totals });
    // the caller, then the figures
    expect(trips).toBeLessThanOrEqual(2);
  });

  it('answers another union’s cadre 403, a member 403, and 404 for a union that does not exist', async () => {
    const union = await api.org({ parentId: district });
    const m = await api.memberUser({ orgId: union });
    expect((await api.get(`/api/admin/stats/attendance?orgId=${union}&month=2026-11`, { token: otherCadre.token })).status).toBe(403);
    expect((await api.get(`/api/admin/stats/attendance?orgId=${union}&month=2026-11`, { token: m.token })).status).toBe(403);
    expect((await api.get('/api/admin/stats/attendance?orgId=999999999&month=2026-11', { token: admin.token })).status).toBe(404);
    expect((await api.get(`/api/admin/stats/attendance?orgId=${union}&month=2026-11`, { token: admin.token })).status).toBe(200);
  });

  it('refuses a month that is not YYYY-MM and a missing union with VALIDATION_FAILED', async () => {
    for (const q of [`orgId=${district}&month=2026-13`, `orgId=${district}&month=2026-1`, 'month=2026-11']) {
      const res = await api.get(`/api/admin/stats/attendance?${q}`, { token: admin.token });
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('one activity’s curves', () => {
  it('draws cumulative sign-ups per hour since sign-up opened and check-ins per 10 minutes from the first scan to the last', async () => {
    const opens = Date.parse('2026-06-01T00:00:00Z'); // 08:00 in Shanghai
    const iso = (ms: number) => new Date(ms).toISOString();
    const id = await api.activity({
      orgId: grassroots, capacity: 10,
      signupOpensAt: iso(opens), signupClosesAt: iso(opens + 3 * 3600_000), startsAt: iso(opens + 5 * 3600_000), endsAt: iso(opens + 7 * 3600_000), cancelDeadline: iso(opens + 3 * 3600_000),
    });
    // sign-ups at +0:10, +0:20, +2:30 (cancelled later: still a sign-up), +2:59; check-ins at 12:01, 12:05, 12:31 Shanghai
    const signups = [10, 20, 150, 179].map((min) => opens + min * 60_000);
    const doors: (number | null)[] = [Date.parse('2026-06-01T04:01:00Z'), Date.parse('2026-06-01T04:05:00Z'), null, Date.parse('2026-06-01T04:31:00Z')];
    for (const [i, at] of signups.entries()) {
      const m = await api.member({ orgId: grassroots });
      const status = i === 2 ? 'cancelled' : doors[i] ? 'checked_in' : 'confirmed';
      await api.db.query(`insert into registrations (activity_id, member_id, status, seq, created_at, checked_in_at) values ($1, $2, $3, $4, $5, $6)`, [id, m.memberId, status, i + 1, iso(at), doors[i] ? iso(doors[i] as number) : null]);
    }
    const res = await api.get(`/api/activities/${id}/stats`, { token: districtCadre.token });
    expect(res.status).toBe(200);
    expect(ZActivityStats.parse(res.body)).toEqual({
      activityId: id,
      signups: [
        { at: '2026-06-01T08:00:00+08:00', count: 0 },
        { at: '2026-06-01T09:00:00+08:00', count: 2 },
        { at: '2026-06-01T10:00:00+08:00', count: 2 },
        { at: '2026-06-01T11:00:00+08:00', count: 4 },
      ],
      checkins: [
        { at: '2026-06-01T12:00:00+08:00', count: 2 },
        { at: '2026-06-01T12:10:00+08:00', count: 0 },
        { at: '2026-06-01T12:20:00+08:00', count: 0 },
        { at: '2026-06-01T12:30:00+08:00', count: 1 },
      ],
    });
  });

  it('has no check-ins before the first scan, and a sign-up curve up to now while sign-up is open', async () => {
    const id = await api.activity({ orgId: grassroots, signupOpensAt: new Date(Date.now() - 2.5 * 3600_000).toISOString() });
    const stats = ZActivityStats.parse((await api.get(`/api/activities/${id}/stats`, { token: admin.token })).body);
    expect(stats.checkins).toEqual([]);
    expect(stats.signups.map((p) => p.count)).toEqual([0, 0, 0, 0]);
  });

  it('answers another union’s cadre 403, a member 403, and 404 for an activity that does not exist', async () => {
    const id = await api.activity({ orgId: grassroots });
    const m = await api.memberUser({ orgId: grassroots });
    expect((await api.get(`/api/activities/${id}/stats`, { token: otherCadre.token })).status).toBe(403);
    expect((await api.get(`/api/activities/${id}/stats`, { token: m.token })).status).toBe(403);
    expect((await api.get('/api/activities/999999999/stats', { token: admin.token })).status).toBe(404);
  });
});
