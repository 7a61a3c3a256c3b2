// The activity list (活动 tab) and the words each card shows.
import { api } from '../services/api';
import type { TActivity, TActivityWithMine, TCategoryFilter, TRegistration } from '../services/contract';
import { signupPhase } from '../../../shared/domain/activities.js';
import { formatShortDateTime } from '../../../shared/domain/time.js';
import { usePagedList } from './paged-list';

export type Tone = 'primary' | 'success' | 'warning' | 'danger' | 'default';

/** Where the sign-up window stands, in words for a card. */
export function signupStateText(a: Pick<TActivity, 'status' | 'signupOpensAt' | 'signupClosesAt'>, now: Date): { text: string; tone: Tone } {
  switch (signupPhase(a, now)) {
    case 'cancelled':
      return { text: '活动已取消', tone: 'default' };
    case 'not_open':
      return { text: `${formatShortDateTime(a.signupOpensAt)} 开始报名`, tone: 'warning' };
    case 'closed':
      return { text: '报名已截止', tone: 'default' };
    case 'open':
      return { text: '报名中', tone: 'success' };
  }
}

export function seatsText(a: Pick<TActivity, 'seatsLeft' | 'capacity' | 'waitlistEnabled' | 'waitlistCount'> & Partial<Pick<TActivity, 'allocation' | 'applicantCount' | 'drawnAt'>>): string {
  // a lottery has no race for seats: say how many applied for how many places
  if (a.allocation === 'lottery') return `抽签 · ${a.capacity} 个名额 · 已报名 ${a.applicantCount ?? 0} 人${a.drawnAt ? ' · 已开奖' : ''}`;
  if (a.seatsLeft > 0) return `剩余 ${a.seatsLeft} / ${a.capacity} 个名额`;
  if (a.waitlistEnabled) return a.waitlistCount > 0 ? `名额已满 · 已有 ${a.waitlistCount} 人候补` : '名额已满 · 可候补';
  return '名额已满';
}

/** "我的报名" badge on a card, or null when the member has none (or cancelled it). */
export function myRegistrationBadge(reg: Pick<TRegistration, 'status' | 'waitlistPosition'> | null): { text: string; tone: Tone } | null {
  if (!reg) return null;
  switch (reg.status) {
    case 'confirmed':
      return { text: '已报名', tone: 'primary' };
    case 'checked_in':
      return { text: '已签到', tone: 'success' };
    case 'waitlisted':
      return { text: reg.waitlistPosition ? `候补第 ${reg.waitlistPosition} 位` : '候补中', tone: 'warning' };
    case 'applied':
      return { text: '待抽签', tone: 'primary' };
    case 'not_selected':
      return { text: '未中签', tone: 'default' };
    case 'cancelled':
      return null;
  }
}

export function useActivities(category: TCategoryFilter | undefined) {
  return usePagedList<TActivityWithMine>((cursor) => api.activities({ category, cursor, limit: 20 }), [category]);
}

/** The home tab's search: every word typed appears in the title (spaces separate words). */
export function matchesTitle(title: string, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const t = title.toLowerCase();
  return words.every((w) => t.includes(w));
}
