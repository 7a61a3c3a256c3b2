import { isServiceableTime } from './time.js';

export const CATEGORIES = ['lecture', 'competition', 'tour', 'camp', 'recuperation', 'health_check', 'job_fair', 'culture', 'training', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  lecture: '讲座宣讲',
  competition: '技能竞赛',
  tour: '惠工游',
  camp: '夏令营',
  recuperation: '疗休养',
  health_check: '健康体检',
  job_fair: '招聘会',
  culture: '文体活动',
  training: '培训班',
  other: '其他',
};

export type ActivityTimes = {
  startsAt: string;
  endsAt: string;
  signupOpensAt: string;
  signupClosesAt: string;
  cancelDeadline?: string | null;
};

/** signupOpensAt < signupClosesAt ≤ startsAt < endsAt, cancelDeadline ≤ startsAt. Returns the broken rules. */
export function checkActivityTimes(t: ActivityTimes): { path: string; message: string }[] {
  const ms = (s: string) => new Date(s).getTime();
  const problems: { path: string; message: string }[] = [];
  for (const path of ['signupOpensAt', 'signupClosesAt', 'startsAt', 'endsAt', 'cancelDeadline'] as const) {
    const value = t[path];
    if (value && !isServiceableTime(value)) problems.push({ path, message: '时间须在1900年至2100年之间，请检查年份' });
  }
  if (!(ms(t.signupOpensAt) < ms(t.signupClosesAt))) problems.push({ path: 'signupClosesAt', message: '报名截止时间必须晚于报名开始时间' });
  if (!(ms(t.signupClosesAt) <= ms(t.startsAt))) problems.push({ path: 'signupClosesAt', message: '报名截止时间不能晚于活动开始时间' });
  if (!(ms(t.startsAt) < ms(t.endsAt))) problems.push({ path: 'endsAt', message: '活动结束时间必须晚于开始时间' });
  if (t.cancelDeadline && !(ms(t.cancelDeadline) <= ms(t.startsAt))) problems.push({ path: 'cancelDeadline', message: '取消报名截止时间不能晚于活动开始时间' });
  return problems;
}

export type SignupPhase = 'not_open' | 'open' | 'closed' | 'cancelled';

export function signupPhase(a: { status: string; signupOpensAt: string; signupClosesAt: string }, now: Date = new Date()): SignupPhase {
  if (a.status === 'cancelled') return 'cancelled';
  const t = now.getTime();
  if (t < new Date(a.signupOpensAt).getTime()) return 'not_open';
  if (t >= new Date(a.signupClosesAt).getTime()) return 'closed';
  return 'open';
}

export const REGISTRATION_STATUS_LABELS = {
  confirmed: '报名成功',
  waitlisted: '候补中',
  cancelled: '已取消',
  checked_in: '已签到',
  applied: '待抽签',
  not_selected: '未中签',
} as const;
