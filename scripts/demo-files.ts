// The demo's spreadsheets, written by `npm start` into .data/demo-files/ and served (dev login on
// only) at GET /api/demo/files/:name: 陈静 (claims officer) gets a claims file from the mutual-aid
// system, the admin a roster file from a union. They are built from the database as it is at
// start, so every claim row is a move the claim rules allow from the claim's current status, and
// the roster updates people who are on it. Headers are api.md's Chinese ones ("Spreadsheets").
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Queryable } from '../functions/_lib/db/index.js';
import { getConfig } from '../functions/_lib/config.js';
import { hashIdNumber } from '../functions/_lib/id-hash.js';
import { demoFilesDir } from '../functions/_lib/services/office/read-demo-file.js';
import { CLAIM_STATUS_LABELS, PLAN_NAMES, canMoveClaim, type ClaimStatus, type Plan } from '../shared/domain/claims.js';
import { toShanghaiIso } from '../shared/domain/time.js';
import { demoIdNumber, demoPeople, demoPhone, demoPlansOf } from './seed-demo.js';

export const CLAIM_HEADERS = ['申请编号', '身份证号', '保障项目', '状态', '出险日期', '申请时间', '申请金额（元）', '核定金额（元）', '实付金额（元）', '支付时间', '不予给付原因', '备注', '变更时间'] as const;
export const ROSTER_HEADERS = ['姓名', '身份证号', '手机号', '会员编号', '会员类别', '户号'] as const;
/** The demo roster's new couple (郭晓峰 and 马丽娟) share this 户号: one family for aid review. */
export const DEMO_ROSTER_HOUSEHOLD = '410105020417';
/** The union the demo roster file is for (the roster `.xlsx` endpoint takes it as `?orgId=`). */
export const DEMO_ROSTER_UNION = '郑州圆方集团工会';

const GROUP_LABELS: Record<string, string> = { hardship: '困难职工', model_worker: '劳模', gig_worker: '新就业形态', frontline: '一线职工' };

type ClaimRow = {
  claim_no: string;
  member_no: string;
  plan: Plan;
  status: ClaimStatus;
  incident_date: string;
  submitted_at: string | Date;
  amount_claimed_fen: string;
  amount_approved_fen: string | null;
  amount_paid_fen: string | null;
  paid_at: string | Date | null;
  reject_reason: string | null;
  last_at: string | Date;
};

type Cells = Record<(typeof CLAIM_HEADERS)[number], string | number | null>;

const yuan = (fen: string | number | null) => (fen === null ? null : Number(fen) / 100);
const shanghai = (t: string | Date | null) => (t === null ? null : toShanghaiIso(t));

/** The claim's whole state after the next move the rules allow, or null when it has none. */
function nextMove(c: ClaimRow, idNumber: string, at: string): Cells | null {
  const base: Cells = {
    申请编号: c.claim_no, 身份证号: idNumber, 保障项目: PLAN_NAMES[c.plan], 状态: null, 出险日期: c.incident_date, 申请时间: shanghai(c.submitted_at),
    '申请金额（元）': yuan(c.amount_claimed_fen), '核定金额（元）': yuan(c.amount_approved_fen), '实付金额（元）': yuan(c.amount_paid_fen),
    支付时间: shanghai(c.paid_at), 不予给付原因: c.reject_reason, 备注: null, 变更时间: at,
  };
  const move = (status: ClaimStatus, extra: Partial<Cells>): Cells => {
    if (!canMoveClaim(c.status, status)) throw new Error(`demo claim ${c.claim_no}: ${c.status} → ${status} is not allowed`);
    return { ...base, 状态: CLAIM_STATUS_LABELS[status], ...extra };
  };
  const claimed = Number(c.amount_claimed_fen);
  switch (c.status) {
    case 'submitted':
      return move('under_review', { 备注: '材料齐全，进入审核' });
    case 'under_review':
      return move('approved', { '核定金额（元）': yuan(Math.round((claimed * 0.8) / 100) * 100), 备注: '经审核，按规定核定给付金额' });
    case 'needs_info':
      return move('under_review', { 备注: '已收到补充材料' });
    case 'approved':
      return move('paid', { '实付金额（元）': yuan(c.amount_approved_fen), 支付时间: at, 备注: '已打款至会员银行卡' });
    case 'paid':
      // the same state again: the import answers it as unchanged
      return { ...base, 状态: CLAIM_STATUS_LABELS.paid };
    default:
      return null;
  }
}

async function writeSheet(file: string, sheetName: string, headers: readonly string[], rows: Record<string, string | number | null>[]) {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...headers]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(headers.map((h) => r[h] ?? null));
  // ID numbers, phones and times are text: Excel would turn 18 digits into 4.10105E+17
  sheet.columns.forEach((col, i) => {
    col.width = Math.max(10, headers[i].length * 2 + 4, ...rows.map((r) => String(r[headers[i]] ?? '').length + 2));
    col.numFmt = typeof rows[0]?.[headers[i]] === 'number' ? '0.00' : '@';
  });
  await workbook.xlsx.writeFile(file);
}

/** Writes both files; returns their paths and the union the roster is for. */
export async function writeDemoFiles(options: { db: Queryable; dir?: string; now?: Date }): Promise<{ claims: string; roster: string; rosterOrg: { id: string; name: string } }> {
  const { db } = options;
  const dir = options.dir ?? demoFilesDir();
  await mkdir(dir, { recursive: true });
  const now = options.now ?? new Date();
  const people = demoPeople();
  const byMemberNo = new Map(people.map((p) => [p.memberNo, p]));

  // 陈静's claims: the next allowed move of each demo claim, then two new claims under plans held.
  const { rows: claims } = await db.query<ClaimRow>(
    `select c.claim_no, m.member_no, c.plan, c.status, c.incident_date, c.submitted_at, c.amount_claimed_fen::text, c.amount_approved_fen::text,
            c.amount_paid_fen::text, c.paid_at, c.reject_reason, (select max(e.at) from claim_events e where e.claim_id = c.id) as last_at
       from claims c join members m on m.id = c.member_id
      order by c.claim_no`,
  );
  const claimRows: Cells[] = [];
  for (const c of claims) {
    const person = byMemberNo.get(c.member_no);
    if (!person) continue;
    // a move is recorded after the claim's latest event, never in the future
    const at = toShanghaiIso(new Date(Math.max(now.getTime() - 5 * 60_000, new Date(c.last_at).getTime() + 60_000)));
    const row = nextMove(c, person.idNumber, at);
    if (row) claimRows.push(row);
  }
  const year = toShanghaiIso(now).slice(0, 4);
  const taken = new Set(claims.map((c) => c.claim_no));
  let serial = claims.length;
  const freshNo = () => {
    let no: string;
    do no = `HZ${year}${String(++serial).padStart(6, '0')}`;
    while (taken.has(no));
    return no;
  };
  const daysAgo = (d: number) => new Date(now.getTime() - d * 86400_000);
  for (const [i, plan, incident, submitted, fen] of [[10, 'accident', 3, 1, 68000], [12, 'hospitalization', 7, 2, 245080]] as const) {
    if (!demoPlansOf(i).includes(plan)) throw new Error(`demo person ${i} does not hold ${plan}`);
    const submittedAt = toShanghaiIso(daysAgo(submitted));
    claimRows.push({
      申请编号: freshNo(), 身份证号: people[i].idNumber, 保障项目: PLAN_NAMES[plan], 状态: CLAIM_STATUS_LABELS.submitted,
      出险日期: toShanghaiIso(daysAgo(incident)).slice(0, 10), 申请时间: submittedAt, '申请金额（元）': yuan(fen), '核定金额（元）': null,
      '实付金额（元）': null, 支付时间: null, 不予给付原因: null, 备注: '会员线下提交，材料齐全', 变更时间: submittedAt,
    });
  }
  const claimsFile = path.join(dir, 'claims-demo.xlsx');
  await writeSheet(claimsFile, '互助金申请', CLAIM_HEADERS, claimRows);

  // The admin's roster for one union: five new people (a couple among them, one 户号), and three of
  // its members with a new phone and group (their 户号 cells empty: the roster's stays).
  const { rows: orgRows } = await db.query<{ id: string }>('select id::text from orgs where name = $1 order by id limit 1', [DEMO_ROSTER_UNION]);
  if (!orgRows[0]) throw new Error(`demo union ${DEMO_ROSTER_UNION} is missing`);
  const key = getConfig().idHashKey;
  const { rows: onRoster } = await db.query<{ id_hash: string; groups: string[] }>('select id_hash, groups from members where id_hash = any($1::text[])', [people.map((p) => hashIdNumber(p.idNumber, key))]);
  const groupsOf = new Map(onRoster.map((r) => [r.id_hash, r.groups]));
  const updated = people
    .map((p, i) => ({ p, i }))
    .filter(({ p, i }) => i >= 8 && p.org === DEMO_ROSTER_UNION && groupsOf.get(hashIdNumber(p.idNumber, key))?.length === 0)
    .slice(0, 3)
    .map(({ p, i }) => ({ 姓名: p.name, 身份证号: p.idNumber, 手机号: demoPhone(i + 5000), 会员编号: p.memberNo, 会员类别: GROUP_LABELS[i % 2 ? 'model_worker' : 'frontline'], 户号: null }));
  const NEW_NAMES = ['郭晓峰', '马丽娟', '罗建国', '林小雨', '何志远'];
  const fresh = NEW_NAMES.map((name, k) => ({ 姓名: name, 身份证号: demoIdNumber(600 + k), 手机号: demoPhone(600 + k), 会员编号: null, 会员类别: k === 1 ? GROUP_LABELS.hardship : null, 户号: k < 2 ? DEMO_ROSTER_HOUSEHOLD : null }));
  const rosterFile = path.join(dir, 'roster-demo.xlsx');
  await writeSheet(rosterFile, '会员名册', ROSTER_HEADERS, [...fresh, ...updated]);
  return { claims: claimsFile, roster: rosterFile, rosterOrg: { id: orgRows[0].id, name: DEMO_ROSTER_UNION } };
}
