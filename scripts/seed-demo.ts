// Demo data for `npm start` on an empty database: a Zhengzhou union tree, ~50 members, cadres,
// activities of every category, coverage and claims. All names and ID numbers are made up
// (the ID numbers pass the GB 11643 checksum but belong to nobody).
import type { Db, Queryable } from '../functions/_lib/db/index.js';
import { getConfig } from '../functions/_lib/config.js';
import { hashIdNumber, hashPhone } from '../functions/_lib/id-hash.js';
import { idNumberCheckChar, maskIdNumber } from '../shared/domain/id-number.js';
import { maskPhone } from '../shared/domain/mask.js';
import { CATEGORIES, type Category } from '../shared/domain/activities.js';

export const DEMO_LOGINS = [
  { openid: 'member-zhang', label: '张伟 · 会员（郑州圆方集团工会）', role: 'member' },
  { openid: 'member-li', label: '李娜 · 会员（郑州圆方集团工会）', role: 'member' },
  { openid: 'rider-wang', label: '王强 · 外卖骑手（饿了么郑州蓝骑士工会）', role: 'member' },
  { openid: 'cadre-liu', label: '刘洋 · 工会干部（金水区总工会）', role: 'cadre' },
  { openid: 'cadre-rider', label: '赵磊 · 工会干部（新就业形态劳动者工会联合会）', role: 'cadre' },
  { openid: 'officer-chen', label: '陈静 · 互助保障经办人', role: 'claims_officer' },
  { openid: 'admin', label: '市总工会管理员', role: 'admin' },
  { openid: 'newcomer', label: '新用户（未实名绑定：姓名 周敏，身份证号 410105199203150020，手机 13800055433）', role: 'unbound' },
] as const;

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
    const grassroots = TREE.flatMap(([, leaves]) => leaves);

    // Members: the named demo people first, then a roster of 44 more.
    const named: [string, string][] = [
      ['张伟', '郑州圆方集团工会'], ['李娜', '郑州圆方集团工会'], ['王强', '饿了么郑州蓝骑士工会'], ['刘洋', '金水区总工会'],
      ['赵磊', '郑州市新就业形态劳动者工会联合会'], ['陈静', '郑州市总工会'], ['孙丽', '郑州市总工会'], ['周敏', '金水区文化路街道联合工会'],
    ];
    const people: { name: string; org: string; idNumber: string }[] = named.map(([name, org], i) => ({ name, org, idNumber: i === 7 ? '410105199203150020' : demoIdNumber(i) }));
    for (let i = 0; people.length < 52; i++) {
      people.push({ name: SURNAMES[i % SURNAMES.length] + GIVEN[(i * 3) % GIVEN.length], org: grassroots[i % grassroots.length], idNumber: demoIdNumber(i + 20) });
    }
    const memberIds: string[] = [];
    for (const [i, p] of people.entries()) {
      const phone = `13${String(800000000 + i * 7919).padStart(9, '0')}`;
      const m = await one<{ id: string }>(
        tx,
        `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, phone_hash) values ($1, $2, $3, $4, $5, $6, $7) returning id::text`,
        [orgs[p.org].id, `ZZ${String(i + 1).padStart(8, '0')}`, p.name, hashIdNumber(p.idNumber, key), maskIdNumber(p.idNumber), maskPhone(phone), hashPhone(phone, key)],
      );
      memberIds.push(m.id);
    }
    await tx.query(`select setval('member_no_seq', 100)`);

    const users: Record<string, string> = {};
    const logins: [string, number | null][] = [['member-zhang', 0], ['member-li', 1], ['rider-wang', 2], ['cadre-liu', 3], ['cadre-rider', 4], ['officer-chen', 5], ['admin', 6], ['newcomer', null]];
    for (const [openid, memberIndex] of logins) {
      // The demo's bound people proved their roster phone, so their roles act (acting_roles).
      const u = await one<{ id: string }>(tx, 'insert into users (openid, member_id, verification) values ($1, $2, $3) returning id::text', [
        openid,
        memberIndex === null ? null : memberIds[memberIndex],
        memberIndex === null ? null : 'phone',
      ]);
      users[openid] = u.id;
    }
    const grant = (openid: string, role: string, org: string | null) => tx.query('insert into roles (user_id, role, org_id) values ($1, $2, $3)', [users[openid], role, org ? orgs[org].id : null]);
    await grant('cadre-liu', 'cadre', '金水区总工会');
    await grant('cadre-rider', 'cadre', '郑州市新就业形态劳动者工会联合会');
    await grant('officer-chen', 'claims_officer', null);
    await grant('admin', 'admin', null);

    // Activities: every category; windows open now, opening later, closed; one tiny with a waitlist.
    const plans: { title: string; category: Category; org: string; capacity: number; waitlist: boolean; audience: 'org' | 'all'; opens: number; closes: number; starts: number; hours?: number; place: string; description: string }[] = [
      { title: '劳模工匠进基层宣讲会', category: 'lecture', org: '郑州市总工会', capacity: 200, waitlist: true, audience: 'all', opens: -2, closes: 5, starts: 6, place: '郑州市职工之家报告厅', description: '邀请郑州大工匠、全国劳动模范讲述成长故事，现场交流技能提升经验。' },
      { title: '外卖骑手职业技能竞赛（电动车安全驾驶）', category: 'competition', org: '郑州市新就业形态劳动者工会联合会', capacity: 60, waitlist: true, audience: 'org', opens: -1, closes: 4, starts: 5, place: '郑州市职工技能实训基地', description: '面向新就业形态劳动者的安全驾驶与配送技能比武，优胜者推荐参评“郑州市技术标兵”。' },
      { title: '“郑州职工看郑州”惠工游·黄河文化一日游', category: 'tour', org: '郑州市总工会', capacity: 2, waitlist: true, audience: 'all', opens: -1, closes: 3, starts: 4, place: '郑州黄河国家地质公园', description: '工会补贴的城市文旅活动，含往返大巴与讲解。名额有限，先到先得，额满可候补。' },
      { title: '职工子女暑期托管班（夏令营）', category: 'camp', org: '金水区总工会', capacity: 40, waitlist: true, audience: 'org', opens: 1, closes: 10, starts: 20, place: '金水区职工文体中心', description: '为双职工家庭提供暑期托管，含课业辅导、体育和手工课程。' },
      { title: '劳模疗休养（嵩山）', category: 'recuperation', org: '郑州市总工会', capacity: 30, waitlist: false, audience: 'all', opens: -3, closes: -1, starts: 3, place: '登封嵩山职工疗休养基地', description: '为期五天的劳模和一线职工疗休养。' },
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
        [orgs[p.org].id, p.title, p.category, p.description, JSON.stringify({ name: p.place, address: '河南省郑州市' }), at(p.starts, 9), at(p.starts, 9 + (p.hours ?? 4)), at(p.opens, 8), at(p.closes, 20), p.capacity, p.waitlist, at(p.starts - 1, 20), p.audience, users.admin],
      );
    }
    if (plans.map((p) => p.category).sort().join() !== [...CATEGORIES].sort().join()) throw new Error('demo activities must cover every category');

    // Mutual insurance: coverage this year for the first 30 members; claims in every status.
    const year = new Date().getFullYear();
    for (const [i, memberId] of memberIds.slice(0, 30).entries()) {
      const plansFor = ['basic', 'critical_illness', ...(i % 2 ? ['accident'] : []), ...(i % 3 === 0 ? ['hospitalization'] : [])];
      for (const plan of plansFor) {
        await tx.query('insert into coverages (member_id, plan, year, starts_on, ends_on) values ($1, $2, $3, $4, $5)', [memberId, plan, year, `${year}-01-01`, `${year}-12-31`]);
      }
    }
    const day = (d: number) => new Date(Date.now() - d * 86400_000).toISOString();
    const claims: { member: number; plan: string; incident: number; claimed: number; path: [string, number, string | null][]; approved?: number; paid?: number; reject?: string }[] = [
      { member: 0, plan: 'hospitalization', incident: 40, claimed: 386050, approved: 215000, paid: 215000, path: [['submitted', 35, null], ['under_review', 33, null], ['needs_info', 30, '请补充住院费用明细清单（加盖医院公章）'], ['under_review', 26, '材料已补齐'], ['approved', 20, '按惠工保住院医疗互助保障规定核定'], ['paid', 15, '已打款至尾号1234的银行卡']] },
      { member: 0, plan: 'accident', incident: 10, claimed: 80000, path: [['submitted', 8, null], ['under_review', 6, null]] },
      { member: 2, plan: 'accident', incident: 25, claimed: 120000, path: [['submitted', 22, null], ['under_review', 20, null], ['needs_info', 18, '请补充交警事故认定书复印件']] },
      { member: 1, plan: 'critical_illness', incident: 60, claimed: 3000000, approved: 3000000, path: [['submitted', 55, null], ['under_review', 50, null], ['approved', 3, '重大疾病互助金按最高档核定']] },
      { member: 1, plan: 'basic', incident: 90, claimed: 50000, reject: '申请时间超出保障期限（事故发生于参保生效日之前）', path: [['submitted', 85, null], ['under_review', 80, null], ['rejected', 75, '不符合在职职工互助保障给付条件']] },
      { member: 9, plan: 'hospitalization', incident: 5, claimed: 152300, path: [['submitted', 2, null]] },
    ];
    for (const [n, c] of claims.entries()) {
      const last = c.path[c.path.length - 1];
      const claim = await one<{ id: string }>(
        tx,
        `insert into claims (claim_no, member_id, plan, status, incident_date, submitted_at, amount_claimed_fen, amount_approved_fen, amount_paid_fen, paid_at, reject_reason, updated_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) returning id::text`,
        [`HZ${year}${String(n + 1).padStart(6, '0')}`, memberIds[c.member], c.plan, last[0], day(c.incident).slice(0, 10), day(c.path[0][1]), c.claimed, c.approved ?? null, c.paid ?? null, c.paid ? day(last[1]) : null, c.reject ?? null, day(last[1])],
      );
      for (const [status, ago, note] of c.path) await tx.query('insert into claim_events (claim_id, status, at, note) values ($1, $2, $3, $4)', [claim.id, status, day(ago), note]);
    }
  });
  return true;
}
