// The lottery's draw rule (api.md "v1.1 precisions", Lottery), in one place: the server draws
// with it and scripts/verify-draw.ts recomputes a published result with it. Pure: no clock, no
// randomness, no I/O; SHA-256 from @noble/hashes so it runs anywhere (Node, a browser, WeChat).
import { sha256 } from '@noble/hashes/sha2.js';

export const LOTTERY_ALGORITHM = 'sha256-seed-registration-v1';

export const MEMBER_GROUPS = ['hardship', 'model_worker', 'gig_worker', 'frontline'] as const;
export type MemberGroup = (typeof MEMBER_GROUPS)[number];
export const MEMBER_GROUP_LABELS: Record<MemberGroup, string> = {
  hardship: '困难职工',
  model_worker: '劳模',
  gig_worker: '新就业形态',
  frontline: '一线职工',
};

export type DrawOutcome = 'confirmed' | 'waitlisted' | 'not_selected';
export const DRAW_OUTCOME_LABELS: Record<DrawOutcome, string> = { confirmed: '中签', waitlisted: '候补', not_selected: '未中签' };

/** What the public result (公示) tells a reader about how to check it, in plain Chinese. */
export const LOTTERY_EXPLANATION =
  '抽签前，系统随机生成一个由64位小写十六进制字符组成的种子（seed），只公布它的SHA-256摘要（seedHash），报名期间任何人都能看到这个摘要；开奖时公布种子本身。' +
  '核对方法：一、计算种子文本的SHA-256，应与事先公布的摘要一致；' +
  '二、对每位报名者，计算“种子 + 英文冒号 + 报名编号”这段文字的SHA-256（小写十六进制），得到该报名的签号；' +
  '三、把所有签号从小到大排列，就是抽签顺序，排第1的序号为1，依此类推；' +
  '四、先把“名额 × 优先比例 ÷ 100（向下取整）”个优先名额，按抽签顺序给属于优先类别的报名者，优先名额用不完的退回普通名额；' +
  '五、剩余名额按抽签顺序给尚未中签的所有报名者；' +
  '六、其余报名者按抽签顺序依次候补（第1位、第2位……），未开放候补的活动则为未中签。' +
  '顺序只取决于种子和报名编号，与报名先后无关；种子在报名截止前已经固定，任何人事后都无法改变结果而不被发现。';

/** The rule's inputs besides the applicants. */
export type DrawRules = { capacity: number; priorityShare: number; priorityGroups: readonly string[]; waitlistEnabled: boolean };
export type Applicant = { registrationId: string; groups: readonly string[] };
export type DrawnEntry = {
  rank: number;
  registrationId: string;
  key: string;
  groups: string[];
  /** in a priority group of this activity */
  priority: boolean;
  outcome: DrawOutcome;
  /** 1, 2, … among the waitlisted, in draw order; null otherwise */
  waitlistPosition: number | null;
};

const HEX = '0123456789abcdef';

/** UTF-8 bytes without TextEncoder (absent in WeChat's runtime). */
function utf8(text: string): Uint8Array {
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else {
      out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
  }
  return Uint8Array.from(out);
}

/** Lowercase hex SHA-256 of a text's UTF-8 bytes. */
export function sha256Hex(text: string): string {
  const digest = sha256(utf8(text));
  let s = '';
  for (const b of digest) s += HEX[b >> 4] + HEX[b & 15];
  return s;
}

export const SEED_PATTERN = /^[0-9a-f]{64}$/;

/** seedHash: the lowercase hex SHA-256 of the seed's text, published before the first sign-up. */
export function seedHashOf(seed: string): string {
  return sha256Hex(seed);
}

/**
 * A SHA-256 (text → lowercase hex of its UTF-8 bytes). `sha256Hex` is the portable one (plain JS,
 * runs in the mini-program); the server passes node:crypto's, the same function 30× faster, for a
 * draw of 50,000 applicants. The rule does not change with it (tests/unit/lottery.test.ts).
 */
export type Sha256Hex = (text: string) => string;

/** An applicant's key: lowercase hex SHA-256 of `seed + ":" + registrationId`. */
export function drawKey(seed: string, registrationId: string, hash: Sha256Hex = sha256Hex): string {
  return hash(`${seed}:${registrationId}`);
}

/** True when an applicant belongs to one of the activity's priority groups. */
export function isPriority(groups: readonly string[], priorityGroups: readonly string[]): boolean {
  return groups.some((g) => priorityGroups.includes(g));
}

/** Seats drawn first among priority applicants: floor(capacity × priorityShare / 100). */
export function prioritySeats(capacity: number, priorityShare: number): number {
  return Math.floor((capacity * priorityShare) / 100);
}

/**
 * The whole draw: order by key ascending (ties, which SHA-256 makes practically impossible, by
 * registration id), then the priority seats to priority applicants in draw order, then every
 * remaining seat to those not yet placed in draw order, the rest waitlisted in draw order (or
 * not selected). Entries come back in draw order, rank 1 first.
 */
export function runDraw(seed: string, rules: DrawRules, applicants: readonly Applicant[], hash: Sha256Hex = sha256Hex): DrawnEntry[] {
  if (!SEED_PATTERN.test(seed)) throw new Error('seed must be 64 lowercase hex characters');
  const keyed = applicants.map((a) => ({ registrationId: a.registrationId, groups: [...a.groups], key: drawKey(seed, a.registrationId, hash) }));
  keyed.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.registrationId < y.registrationId ? -1 : x.registrationId > y.registrationId ? 1 : 0));

  const placed = new Array<boolean>(keyed.length).fill(false);
  let seatsLeft = Math.max(0, rules.capacity);
  let priorityLeft = Math.min(seatsLeft, Math.max(0, prioritySeats(rules.capacity, rules.priorityShare)));
  const priority = keyed.map((k) => isPriority(k.groups, rules.priorityGroups));
  for (let i = 0; i < keyed.length && priorityLeft > 0; i++) {
    if (!priority[i]) continue;
    placed[i] = true;
    priorityLeft--;
    seatsLeft--;
  }
  // Unused priority seats are simply still in seatsLeft: they go back to the general draw.
  for (let i = 0; i < keyed.length && seatsLeft > 0; i++) {
    if (placed[i]) continue;
    placed[i] = true;
    seatsLeft--;
  }
  let waitlisted = 0;
  return keyed.map((k, i) => {
    const outcome: DrawOutcome = placed[i] ? 'confirmed' : rules.waitlistEnabled ? 'waitlisted' : 'not_selected';
    return {
      rank: i + 1,
      registrationId: k.registrationId,
      key: k.key,
      groups: k.groups,
      priority: priority[i],
      outcome,
      waitlistPosition: outcome === 'waitlisted' ? ++waitlisted : null,
    };
  });
}

/** A published result as GET /api/activities/:id/draw answers it (only what the check needs). */
export type PublishedDraw = {
  seedHash: string;
  seed: string;
  algorithm: string;
  capacity: number;
  priorityShare: number;
  priorityGroups: string[];
  waitlistEnabled: boolean;
  entries: { rank: number; registrationId: string; groups: string[]; outcome: string }[];
};

export type DrawCheck = { ok: boolean; problems: string[]; recomputed: DrawnEntry[] };

/**
 * Recomputes a published result from its own data alone: the seed matches the hash published
 * beforehand, and the order and every outcome follow from the seed and the registration ids.
 */
export function verifyPublishedDraw(result: PublishedDraw, hash: Sha256Hex = sha256Hex): DrawCheck {
  const problems: string[] = [];
  if (result.algorithm !== LOTTERY_ALGORITHM) problems.push(`算法不是 ${LOTTERY_ALGORITHM}：${result.algorithm}`);
  if (!SEED_PATTERN.test(result.seed)) {
    problems.push('种子不是64位小写十六进制字符');
    return { ok: false, problems, recomputed: [] };
  }
  if (hash(result.seed) !== result.seedHash) problems.push('种子的SHA-256与事先公布的摘要不一致');
  const recomputed = runDraw(
    result.seed,
    { capacity: result.capacity, priorityShare: result.priorityShare, priorityGroups: result.priorityGroups, waitlistEnabled: result.waitlistEnabled },
    result.entries.map((e) => ({ registrationId: e.registrationId, groups: e.groups })),
    hash,
  );
  const published = [...result.entries].sort((a, b) => a.rank - b.rank);
  if (published.length !== recomputed.length) problems.push(`名单人数不一致：公布 ${published.length}，重算 ${recomputed.length}`);
  for (let i = 0; i < Math.min(published.length, recomputed.length); i++) {
    const p = published[i];
    const r = recomputed[i];
    if (p.rank !== r.rank || p.registrationId !== r.registrationId) problems.push(`第 ${i + 1} 位不一致：公布为报名 ${p.registrationId}（序号 ${p.rank}），重算为报名 ${r.registrationId}`);
    else if (p.outcome !== r.outcome) problems.push(`序号 ${p.rank}（报名 ${p.registrationId}）的结果不一致：公布 ${p.outcome}，重算 ${r.outcome}`);
    if (problems.length >= 20) break;
  }
  return { ok: problems.length === 0, problems, recomputed };
}
