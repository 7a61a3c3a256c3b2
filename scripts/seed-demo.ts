// Demo data for `npm start` on an empty database: a Zhengzhou union tree, 200 members (some in
// priority groups), cadres, activities of every category, a year of past activities with sign-ups
// and check-ins (for the attendance charts), coverage and claims. All names, ID numbers and phones
// are made up (the ID numbers pass the GB 11643 checksum but belong to nobody). The data agree
// with themselves: checkDemoData() below refuses a seed in which they do not.
import type { Db, Queryable } from '../functions/_lib/db/index.js';
import { getConfig } from '../functions/_lib/config.js';
import { hashIdNumber, hashPhone } from '../functions/_lib/id-hash.js';
import { idNumberCheckChar, maskIdNumber } from '../shared/domain/id-number.js';
import { maskPhone } from '../shared/domain/mask.js';
import { CATEGORIES, type Category } from '../shared/domain/activities.js';
import { toShanghaiIso } from '../shared/domain/time.js';

import { DEMO_LOGINS } from '../functions/_lib/demo-logins.js';
import { seedCard } from './seed-card.js';

import { seedStations } from './seed-stations.js';
import { seedAid } from './seed-aid.js';
import { seedJoin } from './seed-join.js';

export { DEMO_LOGINS };

const TREE: [string, string[]][] = [
  ['金水区总工会', ['郑州圆方集团工会', '金水区文化路街道联合工会']],
  ['二七区总工会', ['郑州百货大楼工会', '二七区建中街街道联合工会']],
  ['郑州市新就业形态劳动者工会联合会', ['饿了么郑州蓝骑士工会', '美团郑州骑手工会', '郑州网约车司机工会']],
  ['郑州市教育工会', ['郑州市第一中学工会']],
  ['郑州市交通运输工会', ['郑州公交第一客运公司工会']],
];

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗'.split('');
const GIVEN = ['伟', '娜', '强', '洋', '磊', '静', '敏', '军', '杰', '芳', '丽', '勇', '艳', '涛', '明', '超', '霞', '平', '刚', '桂英', '建华', '秀兰', '志强', '海燕', '红梅'];
const REGIONS = ['410102', '410103', '410105', '410122', '410181'];

export function demoIdNumber(i: number, region = REGIONS[i % REGIONS.length]): string {
  const year = 1968 + (i * 7) % 35;
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  const first17 = `${region}${year}${month}${day}${String(100 + i).slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
}

export type DemoPerson = { name: string; org: string; idNumber: string; phone: string; memberNo: string; groups: string[]; householdNo: string | null };

/**
 * 户号 (issue #17): 李娜 (member-li) and 刘洋 (cadre-liu, who reviews aid for 金水区 and so for
 * 李娜's 郑州圆方集团工会) are one household, so that the rule "nobody reviews their own family's
 * application" can be seen: 刘洋 is refused on 李娜's application, not on 张伟's.
 */
export const DEMO_HOUSEHOLD = { number: '410105018826', people: [1, 3] as number[] };

const GIG_UNIONS = new Set(['饿了么郑州蓝骑士工会', '美团郑州骑手工会', '郑州网约车司机工会', '郑州市新就业形态劳动者工会联合会']);

/**
 * The demo roster, the same on every call: the named demo people first (their logins are in
 * DEMO_LOGINS), then 192 more. The demo spreadsheets (scripts/demo-files.ts) need the ID numbers
 * that the database keeps only hashed, so they are computed here, never stored.
 */
export function demoPeople(): DemoPerson[] {
  const named: [string, string][] = [
    ['张伟', '郑州圆方集团工会'], ['李娜', '郑州圆方集团工会'], ['王强', '饿了么郑州蓝骑士工会'], ['刘洋', '金水区总工会'],
    ['赵磊', '郑州市新就业形态劳动者工会联合会'], ['陈静', '郑州市总工会'], ['孙丽', '郑州市总工会'], ['周敏', '金水区文化路街道联合工会'],
  ];
  const grassroots = TREE.flatMap(([, leaves]) => leaves);
  const people = named.map(([name, org], i) => ({ name, org, idNumber: i === 7 ? '410105199203150020' : demoIdNumber(i) }));
  for (let i = 0; people.length < DEMO_ROSTER_SIZE; i++) {
    people.push({ name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 3) % GIVEN.length], org: grassroots[i % grassroots.length], idNumber: demoIdNumber(i + 20) });
  }
  return people.map((p, i) => {
    // 会员类别: riders and drivers are gig workers; some are in hardship, some model workers, bus crews frontline
    const groups = [
      ...(i % 23 === 5 ? ['hardship'] : []),
      ...(i % 17 === 3 ? ['model_worker'] : []),
      ...(GIG_UNIONS.has(p.org) && i !== 4 ? ['gig_worker'] : []),
      ...(p.org === '郑州公交第一客运公司工会' || i % 11 === 9 ? ['frontline'] : []),
    ];
    const householdNo = DEMO_HOUSEHOLD.people.includes(i) ? DEMO_HOUSEHOLD.number : null;
    return { ...p, phone: demoPhone(i), memberNo: `ZZ${String(i + 1).padStart(8, '0')}`, groups, householdNo };
  });
}

const DEMO_ROSTER_SIZE = 200;

/** The roster phone of demo person `i` (made up). */
export function demoPhone(i: number): string {
  return `13${String(800000000 + i * 7919).padStart(9, '0')}`;
}

async function one<T>(db: Queryable, sql: string, params: unknown[]): Promise<T> {
  return (await db.query<T>(sql, params)).rows[0];
}

async function addOrg(db: Queryable, name: string, parent: { id: string; path: string } | null) {
  const row = await one<{ id: string }>(db, `insert into orgs (name, parent_id, path) values ($1, $2, '') returning id::text`, [name, parent?.id ?? null]);
  const path = `${parent?.path ?? '/'}${row.id}/`;
  await db.query('update orgs set path = $2 where id = $1', [row.id, path]);
  return { id: row.id, path, name };
}

const SHANGHAI_MS = 8 * 3600_000;
/** `hour`:00 Asia/Shanghai, `days` from today there: demo activities start at real clock hours. */
const at = (days: number, hour: number) => {
  const shanghaiMidnight = Math.floor((Date.now() + SHANGHAI_MS) / 86400_000) * 86400_000 - SHANGHAI_MS;
  return new Date(shanghaiMidnight + days * 86400_000 + hour * 3600_000).toISOString();
};

/**
 * Whether `npm start` may write the demo roster: only in development (dev login on, so neither
 * NODE_ENV=production nor real WeChat login) and unless SEED=none. Its names and ID numbers are
 * in this public source: anywhere else they would be a roster anyone can bind to.
 */
export function demoSeedAllowed(env: Record<string, string | undefined>, config: { production: boolean; devLogin: boolean }): boolean {
  return (env.SEED ?? 'demo') === 'demo' && !config.production && config.devLogin;
}

/** Seeds once: returns false when the database already has data. */
export async function seedDemo(options: { db: Db }): Promise<boolean> {
  const { db } = options;
  if (!demoSeedAllowed({ SEED: 'demo' }, getConfig())) return false;
  const existing = await db.query('select 1 from orgs limit 1');
  if (existing.rowCount) return false;
  const key = getConfig().idHashKey;
  await db.transaction(async (tx) => {
    const city = await addOrg(tx, '郑州市总工会', null);
    const orgs: Record<string, { id: string; path: string; name: string }> = { 郑州市总工会: city };
    for (const [mid, leaves] of TREE) {
      const m = await addOrg(tx, mid, city);
      orgs[mid] = m;
      for (const leaf of leaves) orgs[leaf] = await addOrg(tx, leaf, m);
    }
    const people = demoPeople();
    const memberIds: string[] = [];
    for (const p of people) {
      const m = await one<{ id: string }>(
        tx,
        `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, phone_hash, groups, household_no) values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id::text`,
        [orgs[p.org].id, p.memberNo, p.name, hashIdNumber(p.idNumber, key), maskIdNumber(p.idNumber), maskPhone(p.phone), hashPhone(p.phone, key), p.groups, p.householdNo],
      );
      memberIds.push(m.id);
    }
    await tx.query(`select setval('member_no_seq', 1000)`);

    const users: Record<string, string> = {};
    const logins: [string, number | null][] = [['member-zhang', 0], ['member-li', 1], ['rider-wang', 2], ['cadre-liu', 3], ['cadre-rider', 4], ['officer-chen', 5], ['admin', 6], ['newcomer', null]];
    for (const [openid, memberIndex] of logins) {
      // The demo's bound people bound with WeChat's phone number: roles act only for such bindings.
      const u = await one<{ id: string }>(tx, 'insert into users (openid, member_id, verification) values ($1, $2, $3) returning id::text', [
        openid, memberIndex === null ? null : memberIds[memberIndex], memberIndex === null ? null : 'phone',
      ]);
      users[openid] = u.id;
    }
    const grant = (openid: string, role: string, org: string | null) => tx.query('insert into roles (user_id, role, org_id) values ($1, $2, $3)', [users[openid], role, org ? orgs[org].id : null]);
    await grant('cadre-liu', 'cadre', '金水区总工会');
    await grant('cadre-rider', 'cadre', '郑州市新就业形态劳动者工会联合会');
    await grant('officer-chen', 'claims_officer', null);
    await grant('admin', 'admin', null);
    await seedJoin(tx, { idHashKey: key });

    // Activities: every category; windows open now, opening later, closed; one tiny with a waitlist.
    // `days`: a trip of several days ends on its last day at 17:00; otherwise the activity lasts `hours` (default 4).
    const plans: { title: string; category: Category; org: string; capacity: number; waitlist: boolean; audience: 'org' | 'all'; opens: number; closes: number; starts: number; hours?: number; days?: number; place: string; description: string }[] = [
      { title: '劳模工匠进基层宣讲会', category: 'lecture', org: '郑州市总工会', capacity: 200, waitlist: true, audience: 'all', opens: -2, closes: 5, starts: 6, place: '郑州市职工之家报告厅', description: '邀请郑州大工匠、全国劳动模范讲述成长故事，现场交流技能提升经验。' },
      { title: '外卖骑手职业技能竞赛（电动车安全驾驶）', category: 'competition', org: '郑州市新就业形态劳动者工会联合会', capacity: 60, waitlist: true, audience: 'org', opens: -1, closes: 4, starts: 5, place: '郑州市职工技能实训基地', description: '面向新就业形态劳动者的安全驾驶与配送技能比武，优胜者推荐参评“郑州市技术标兵”。' },
      { title: '“郑州职工看郑州”惠工游·黄河文化一日游', category: 'tour', org: '郑州市总工会', capacity: 2, waitlist: true, audience: 'all', opens: -1, closes: 3, starts: 4, place: '郑州黄河国家地质公园', description: '工会补贴的城市文旅活动，含往返大巴与讲解。名额有限，先到先得，额满可候补。' },
      { ...campFor(at(20, 9)), category: 'camp', org: '金水区总工会', capacity: 40, waitlist: true, audience: 'org', opens: 1, closes: 10, starts: 20, place: '金水区职工文体中心' },
      { title: '劳模疗休养（嵩山）', category: 'recuperation', org: '郑州市总工会', capacity: 30, waitlist: false, audience: 'all', opens: -3, closes: -1, starts: 3, days: 5, place: '登封嵩山职工疗休养基地', description: '为期五天的劳模和一线职工疗休养。' },
      { title: '户外劳动者免费健康体检', category: 'health_check', org: '郑州市新就业形态劳动者工会联合会', capacity: 300, waitlist: true, audience: 'all', opens: -1, closes: 7, starts: 8, place: '郑州市第七人民医院体检中心', description: '面向外卖骑手、网约车司机、环卫工人等户外劳动者的免费体检。' },
      { title: '“春风行动”职工专场招聘会', category: 'job_fair', org: '二七区总工会', capacity: 500, waitlist: false, audience: 'all', opens: -1, closes: 8, starts: 9, place: '二七区职工服务中心', description: '百余家企业提供岗位，现场提供职业指导和政策咨询。' },
      { title: '职工合唱团新春排练', category: 'culture', org: '郑州圆方集团工会', capacity: 50, waitlist: false, audience: 'org', opens: -2, closes: 2, starts: 3, place: '圆方集团职工活动室', description: '迎新春职工合唱排练，欢迎有兴趣的会员参加。' },
      { title: '基层工会干部业务培训班', category: 'training', org: '郑州市总工会', capacity: 100, waitlist: true, audience: 'all', opens: -1, closes: 5, starts: 6, place: '郑州市工人文化宫', description: '工会财务、会员管理与集体协商实务培训。' },
      { title: '爱心驿站志愿服务日', category: 'other', org: '金水区文化路街道联合工会', capacity: 1, waitlist: false, audience: 'all', opens: -1, closes: 2, starts: 3, place: '文化路爱心驿站', description: '为户外劳动者提供茶水、休息与应急药品的志愿服务。' },
    ];
    for (const p of plans) {
      await tx.query(
        `insert into activities (org_id, title, category, description, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled, cancel_deadline, audience, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [orgs[p.org].id, p.title, p.category, p.description, JSON.stringify({ name: p.place, address: '河南省郑州市' }), at(p.starts, 9), p.days ? at(p.starts + p.days - 1, 17) : at(p.starts, 9 + (p.hours ?? 4)), at(p.opens, 8), at(p.closes, 20), p.capacity, p.waitlist, at(p.starts - 1, 20), p.audience, users.admin],
      );
    }
    if (plans.map((p) => p.category).sort().join() !== [...CATEGORIES].sort().join()) throw new Error('demo activities must cover every category');

    await seedPastActivities(tx, { orgs, memberIds, scannerUserId: users['cadre-liu'], createdBy: users.admin });

    // Mutual insurance: coverage last year and this year (Asia/Shanghai) for the first 30 members,
    // so that every claim below, up to 90 days old, falls inside a plan its member holds.
    const year = Number(toShanghaiIso(new Date()).slice(0, 4));
    for (const [i, memberId] of memberIds.slice(0, 30).entries()) {
      for (const plan of demoPlansOf(i)) {
        for (const y of [year - 1, year]) {
          await tx.query('insert into coverages (member_id, plan, year, starts_on, ends_on) values ($1, $2, $3, $4, $5)', [memberId, plan, y, `${y}-01-01`, `${y}-12-31`]);
        }
      }
    }
    // whole seconds: a spreadsheet of these claims (scripts/demo-files.ts) carries them to the second
    const day = (d: number) => new Date(Math.floor((Date.now() - d * 86400_000) / 1000) * 1000).toISOString();
    /** The incident's date in Asia/Shanghai, `d` days ago. */
    const incidentDay = (d: number) => toShanghaiIso(new Date(Date.now() - d * 86400_000)).slice(0, 10);
    const claims: { member: number; plan: string; incident: number; claimed: number; path: [string, number, string | null][]; approved?: number; paid?: number; reject?: string }[] = [
      { member: 0, plan: 'hospitalization', incident: 40, claimed: 386050, approved: 215000, paid: 215000, path: [['submitted', 35, null], ['under_review', 33, null], ['needs_info', 30, '请补充住院费用明细清单（加盖医院公章）'], ['under_review', 26, '材料已补齐'], ['approved', 20, '按惠工保住院医疗互助保障规定核定'], ['paid', 15, '已打款至尾号1234的银行卡']] },
      { member: 0, plan: 'accident', incident: 10, claimed: 80000, path: [['submitted', 8, null], ['under_review', 6, null]] },
      { member: 2, plan: 'accident', incident: 25, claimed: 120000, path: [['submitted', 22, null], ['under_review', 20, null], ['needs_info', 18, '请补充交警事故认定书复印件']] },
      { member: 1, plan: 'critical_illness', incident: 60, claimed: 3000000, approved: 3000000, path: [['submitted', 55, null], ['under_review', 50, null], ['approved', 3, '重大疾病互助金按最高档核定']] },
      // The reason fits whatever the dates: outpatient costs are outside the in-service plan.
      { member: 1, plan: 'basic', incident: 90, claimed: 50000, reject: '门诊费用不属于在职职工互助保障的给付范围', path: [['submitted', 85, null], ['under_review', 80, null], ['rejected', 75, '不符合在职职工互助保障给付条件']] },
      { member: 9, plan: 'hospitalization', incident: 5, claimed: 152300, path: [['submitted', 2, null]] },
    ];
    for (const [n, c] of claims.entries()) {
      const last = c.path[c.path.length - 1];
      const claim = await one<{ id: string }>(
        tx,
        `insert into claims (claim_no, member_id, plan, status, incident_date, submitted_at, amount_claimed_fen, amount_approved_fen, amount_paid_fen, paid_at, reject_reason, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id::text`,
        [`HZ${year}${String(n + 1).padStart(6, '0')}`, memberIds[c.member], c.plan, last[0], incidentDay(c.incident), day(c.path[0][1]), c.claimed, c.approved ?? null, c.paid ?? null, c.paid ? day(last[1]) : null, c.reject ?? null, day(last[1])],
      );
      for (const [status, ago, note] of c.path) await tx.query('insert into claim_events (claim_id, status, at, note) values ($1, $2, $3, $4)', [claim.id, status, day(ago), note]);
    }
    await seedCard(tx);
    await seedStations(tx, orgs);
    await seedAid(tx, { createdBy: users.admin }); // aid programmes (issue #17): scripts/seed-aid.ts
    const problems = await checkDemoData(tx);
    if (problems.length) throw new Error(`演示数据自相矛盾：${problems.join('；')}`);
  });
  return true;
}

/** The plans demo member `i` (of the first 30) holds: everyone basic and critical illness, even ones accident, every third hospitalisation. */
export function demoPlansOf(i: number): string[] {
  return ['basic', 'critical_illness', ...(i % 2 === 0 ? ['accident'] : []), ...(i % 3 === 0 ? ['hospitalization'] : [])];
}

const PAST_TITLES: Record<Category, string> = {
  lecture: '职工大讲堂', competition: '岗位技能比武', tour: '惠工游', camp: '职工子女研学营', recuperation: '一线职工疗休养',
  health_check: '职工健康体检', job_fair: '职工专场招聘会', culture: '职工文艺汇演', training: '工会业务培训', other: '志愿服务日',
};
/** Where the year of past activities took place: every month one in 金水区 (cadre-liu's subtree), the others around the city. */
const PAST_ORGS_JINSHUI = ['金水区总工会', '郑州圆方集团工会', '金水区文化路街道联合工会'];
const PAST_ORGS = ['郑州市总工会', '郑州圆方集团工会', '二七区总工会', '饿了么郑州蓝骑士工会', '金水区文化路街道联合工会', '郑州公交第一客运公司工会'];

/**
 * A year of past activities (three a month, the newest yesterday), each with its sign-ups spread
 * over the sign-up window (most in the first hours), check-ins at the door around the start (with
 * the scans that made them), some no-shows and a cancellation: what the attendance charts draw.
 * Only roster people without a demo login sign up, so the demo logins' own lists stay as before.
 * Counters are written as the sign-up and check-in functions keep them.
 */
async function seedPastActivities(tx: Queryable, o: { orgs: Record<string, { id: string }>; memberIds: string[]; scannerUserId: string; createdBy: string }) {
  const crowd = o.memberIds.slice(DEMO_LOGINS.length);
  const categories = [...CATEGORIES];
  let n = 0;
  for (let monthsAgo = 11; monthsAgo >= 0; monthsAgo--) {
    for (let k = 0; k < 3; k++, n++) {
      // days ago: spread over the month, the newest ones in the last days
      const daysAgo = Math.max(1, monthsAgo * 30 + 15 + [0, 9, -9][k]);
      const category = categories[n % categories.length];
      const starts = Date.parse(at(-daysAgo, 14));
      const opens = starts - 10 * 86400_000;
      const closes = starts - 86400_000;
      const size = 12 + ((n * 7) % 29);
      const attendees = crowd.slice((n * 13) % (crowd.length - size), ((n * 13) % (crowd.length - size)) + size);
      const noShows = 1 + (n % 5);
      const cancelled = n % 4 === 0 ? 1 : 0;
      const checkedIn = size - noShows - cancelled;
      const a = await one<{ id: string }>(
        tx,
        `insert into activities (org_id, title, category, description, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled,
                                 cancel_deadline, audience, confirmed_count, checked_in_count, next_seq, created_by, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, false, $9, 'all', $11, $12, $13, $14, $8) returning id::text`,
        [o.orgs[k === 0 ? PAST_ORGS_JINSHUI[monthsAgo % PAST_ORGS_JINSHUI.length] : PAST_ORGS[n % PAST_ORGS.length]].id, `${PAST_TITLES[category]}（第${n + 1}期）`, category, '往期活动。', JSON.stringify({ name: '郑州市职工之家', address: '河南省郑州市' }),
          new Date(starts).toISOString(), new Date(starts + 3 * 3600_000).toISOString(), new Date(opens).toISOString(), new Date(closes).toISOString(),
          size + 10, size - cancelled, checkedIn, size + 1, o.createdBy],
      );
      // sign-ups: the i-th arrives after (i/size)² of the window's first two days: a rush, then a trickle
      const createdAt = attendees.map((_, i) => new Date(opens + Math.round(((i + 1) / size) ** 2 * 2 * 86400_000)).toISOString());
      // the door: from 30 minutes before the start, one scan a minute or so
      const doorAt = attendees.map((_, i) => new Date(starts - 30 * 60_000 + i * 70_000).toISOString());
      const status = attendees.map((_, i) => (i < checkedIn ? 'checked_in' : i < checkedIn + noShows ? 'confirmed' : 'cancelled'));
      await tx.query(
        `insert into registrations (activity_id, member_id, status, seq, created_at, confirmed_at, cancelled_at, checked_in_at, checked_in_by)
         select $1, v.member_id, v.status, v.seq, v.created_at, v.created_at,
                case when v.status = 'cancelled' then v.created_at + interval '1 day' end,
                case when v.status = 'checked_in' then v.door_at end,
                case when v.status = 'checked_in' then $7::bigint end
           from unnest($2::bigint[], $3::text[], $4::bigint[], $5::timestamptz[], $6::timestamptz[]) as v(member_id, status, seq, created_at, door_at)`,
        [a.id, attendees, status, attendees.map((_, i) => i + 1), createdAt, doorAt, o.scannerUserId],
      );
      await tx.query(
        `insert into checkins (registration_id, activity_id, scanned_by, scanned_at, received_at, mode, result)
         select r.id, r.activity_id, $2, r.checked_in_at, r.checked_in_at, 'online', 'checked_in' from registrations r where r.activity_id = $1 and r.status = 'checked_in'`,
        [a.id, o.scannerUserId],
      );
    }
  }
}

/**
 * What must hold for the demo to make sense; each check lists what breaks it. Run at the end of
 * the seed (which then refuses to commit) and by tests/unit/seed-demo.test.ts.
 */
export async function checkDemoData(db: Queryable): Promise<string[]> {
  const checks: [string, string][] = [
    ['“为期五天”的活动必须持续五天', `select title from activities where description like '%为期五天%' and (ends_at - starts_at) < interval '4 days' or description like '%为期五天%' and (ends_at - starts_at) > interval '5 days'`],
    ['互助金申请只能针对会员在出险日期持有的保障项目', `select claim_no from claims c where not exists (select 1 from coverages v where v.member_id = c.member_id and v.plan = c.plan and c.incident_date between v.starts_on and v.ends_on)`],
    ['出险日期不能晚于申请时间', `select claim_no from claims where incident_date > (submitted_at at time zone 'UTC' + interval '8 hours')::date`],
    ['时间线必须按规则流转', `select c.claim_no from claims c join lateral (select status, lag(status) over (order by at, id) as prev from claim_events e where e.claim_id = c.id) t on true
       where (t.prev is null and t.status <> 'submitted') or (t.prev = 'submitted' and t.status <> 'under_review') or (t.prev = 'under_review' and t.status not in ('needs_info', 'approved', 'rejected'))
          or (t.prev = 'needs_info' and t.status <> 'under_review') or (t.prev = 'approved' and t.status <> 'paid') or t.prev in ('paid', 'rejected')`],
    ['往期活动必须有报名和签到', `select 'none' where (select count(*) from activities where ends_at < now() and checked_in_count > 0) < 12`],
    ['活动计数必须与报名一致', `select a.title from activities a where a.confirmed_count <> (select count(*) from registrations r where r.activity_id = a.id and r.status in ('confirmed', 'checked_in'))
       or a.checked_in_count <> (select count(*) from registrations r where r.activity_id = a.id and r.status = 'checked_in')`],
    ['报名必须在报名时间内', `select a.title from registrations r join activities a on a.id = r.activity_id where r.created_at < a.signup_opens_at or r.created_at > a.signup_closes_at`],
    ['部分会员必须有会员类别', `select 'none' where not exists (select 1 from members where groups <> '{}')`],
  ];
  const problems: string[] = [];
  for (const [rule, sql] of checks) {
    const { rows } = await db.query<Record<string, unknown>>(sql);
    if (rows.length) problems.push(`${rule}（${rows.slice(0, 3).map((r) => Object.values(r)[0]).join('、')}）`);
  }
  return problems;
}

/** The child-care camp fits its season: a summer camp in summer, a winter one in the winter holidays. */
function campFor(startsAt: string): { title: string; description: string } {
  const month = Number(toShanghaiIso(startsAt).slice(5, 7));
  if (month >= 6 && month <= 8) return { title: '职工子女暑期托管班（夏令营）', description: '为双职工家庭提供暑期托管，含课业辅导、体育和手工课程。' };
  if (month === 12 || month <= 2) return { title: '职工子女寒假托管班（冬令营）', description: '为双职工家庭提供寒假托管，含课业辅导、冰雪运动和手工课程。' };
  return { title: '职工子女周末托管班', description: '为双职工家庭提供周末托管，含课业辅导、体育和手工课程。' };
}
