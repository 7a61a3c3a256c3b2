// The activity page: its sign-up button, signing up (one Idempotency-Key per tap) and cancelling.
import { useCallback, useRef, useState } from 'react';
import { api } from '../services/api';
import type { TActivityWithMine, TRegistration } from '../services/contract';
import { randomId } from '../services/storage';
import { rememberRegistration } from '../services/ticket-cache';
import { askForNotices, LOTTERY_NOTICES, SIGN_UP_NOTICES, type NoticeAnswer, type NoticeKind } from '../services/subscriptions';
import { signupPhase } from '../../../shared/domain/activities.js';
import { formatDateTime } from '../../../shared/domain/time.js';
import { toUiError, useResource, type UiError } from './resource';

export type SignUpButton = {
  label: '未开始' | '报名' | '候补' | '已报名' | '已签到' | '候补中' | '已截止' | '已取消' | '名额已满' | '报名抽签' | '待抽签' | '未中签';
  /** What tapping does. */
  action: 'sign_up' | 'none';
  disabled: boolean;
  tone: 'primary' | 'warning' | 'muted';
  hint: string | null;
};

export function signUpButton(a: TActivityWithMine, now: Date): SignUpButton {
  const reg = a.myRegistration;
  if (a.status === 'cancelled') return { label: '已取消', action: 'none', disabled: true, tone: 'muted', hint: a.cancelReason ? `取消原因：${a.cancelReason}` : null };
  if (reg?.status === 'checked_in') return { label: '已签到', action: 'none', disabled: true, tone: 'muted', hint: null };
  if (reg?.status === 'confirmed') return { label: '已报名', action: 'none', disabled: true, tone: 'muted', hint: null };
  if (reg?.status === 'waitlisted')
    return { label: '候补中', action: 'none', disabled: true, tone: 'muted', hint: reg.waitlistPosition ? `您是候补第 ${reg.waitlistPosition} 位，有人取消时按顺序递补` : null };
  if (a.allocation === 'lottery') return lotteryButton(a, now);
  switch (signupPhase(a, now)) {
    case 'not_open':
      return { label: '未开始', action: 'none', disabled: true, tone: 'muted', hint: `${formatDateTime(a.signupOpensAt)} 开始报名` };
    case 'closed':
      return { label: '已截止', action: 'none', disabled: true, tone: 'muted', hint: null };
    case 'cancelled':
      return { label: '已取消', action: 'none', disabled: true, tone: 'muted', hint: null };
    case 'open':
      if (a.seatsLeft > 0) return { label: '报名', action: 'sign_up', disabled: false, tone: 'primary', hint: `报名截止：${formatDateTime(a.signupClosesAt)}` };
      if (a.waitlistEnabled) return { label: '候补', action: 'sign_up', disabled: false, tone: 'warning', hint: '名额已满，可登记候补，有人取消时按顺序递补' };
      return { label: '名额已满', action: 'none', disabled: true, tone: 'muted', hint: null };
  }
}

/** What a lottery member reads before and after the draw: "已报名，等待抽签，{time} 开奖". */
export function lotteryWaitText(a: Pick<TActivityWithMine, 'signupClosesAt'>): string {
  return `已报名，等待抽签，${formatDateTime(a.signupClosesAt)} 开奖`;
}

function lotteryButton(a: TActivityWithMine, now: Date): SignUpButton {
  const reg = a.myRegistration;
  if (reg?.status === 'applied') return { label: '待抽签', action: 'none', disabled: true, tone: 'muted', hint: lotteryWaitText(a) };
  if (reg?.status === 'not_selected') return { label: '未中签', action: 'none', disabled: true, tone: 'muted', hint: '很遗憾，本次未中签，抽签结果已公示' };
  switch (signupPhase(a, now)) {
    case 'not_open':
      return { label: '未开始', action: 'none', disabled: true, tone: 'muted', hint: `${formatDateTime(a.signupOpensAt)} 开始报名` };
    case 'closed':
      return { label: '已截止', action: 'none', disabled: true, tone: 'muted', hint: a.drawnAt ? '已开奖，可查看抽签公示' : `报名已截止，${formatDateTime(a.signupClosesAt)} 开奖` };
    case 'cancelled':
      return { label: '已取消', action: 'none', disabled: true, tone: 'muted', hint: null };
    case 'open':
      // No rush: the order of applications does not matter, only the draw.
      return { label: '报名抽签', action: 'sign_up', disabled: false, tone: 'primary', hint: `报名先后不影响结果，${formatDateTime(a.signupClosesAt)} 截止后抽签` };
  }
}

/** Can the member still cancel? (the server decides; this only hides a button that would fail) */
export function canCancel(a: TActivityWithMine, now: Date): boolean {
  const reg = a.myRegistration;
  if (reg?.status === 'applied') return a.status !== 'cancelled' && !a.drawnAt;
  if (!reg || (reg.status !== 'confirmed' && reg.status !== 'waitlisted')) return false;
  if (a.status === 'cancelled') return false;
  const deadline = a.cancelDeadline ?? a.startsAt;
  return now.getTime() < new Date(deadline).getTime();
}

/** The activity as it stands after the member's registration changed, before the next reload. */
export function withRegistration(a: TActivityWithMine, reg: TRegistration): TActivityWithMine {
  const before = a.myRegistration?.status;
  let { confirmedCount, waitlistCount, seatsLeft, applicantCount } = a;
  if (before !== reg.status && applicantCount !== null) {
    if (reg.status === 'applied') applicantCount += 1;
    if (before === 'applied' && reg.status === 'cancelled') applicantCount = Math.max(0, applicantCount - 1);
  }
  if (before !== reg.status) {
    if (before === 'confirmed') {
      confirmedCount -= 1;
      seatsLeft += 1;
    }
    if (before === 'waitlisted') waitlistCount -= 1;
    if (reg.status === 'confirmed') {
      confirmedCount += 1;
      seatsLeft = Math.max(0, seatsLeft - 1);
    }
    if (reg.status === 'waitlisted') waitlistCount += 1;
  }
  return { ...a, confirmedCount, waitlistCount, seatsLeft, applicantCount, myRegistration: reg.status === 'cancelled' ? null : reg };
}

export type SignUpDeps = {
  signUp: (activityId: string, key: string) => Promise<TRegistration>;
  remember: (reg: TRegistration, a: TActivityWithMine) => void;
  newKey: () => string;
  /** Opens WeChat's subscription dialog; must run before the first await of the tap. */
  askNotices: (kinds: NoticeKind[]) => Promise<NoticeAnswer>;
};

const defaultDeps: SignUpDeps = { signUp: api.signUp, remember: rememberRegistration, newKey: () => 'su-' + randomId(20), askNotices: (kinds) => askForNotices(kinds) };

export type Outcome = { ok: true; activity: TActivityWithMine } | { ok: false; error: UiError };

/**
 * One tap: one key (its own retries reuse it), the new registration remembered for offline.
 * The notification dialog opens first, in the tap itself (WeChat allows it nowhere else); the
 * sign-up does not wait for the member's answer — in a rush seats go in arrival order — and
 * goes ahead whatever it is.
 */
export async function signUpOnce(a: TActivityWithMine, deps: SignUpDeps = defaultDeps): Promise<Outcome> {
  void deps.askNotices(a.allocation === 'lottery' ? LOTTERY_NOTICES : SIGN_UP_NOTICES).catch(() => undefined);
  try {
    const reg = await deps.signUp(a.id, deps.newKey());
    const next = withRegistration(a, reg);
    deps.remember(reg, next);
    return { ok: true, activity: next };
  } catch (err) {
    return { ok: false, error: toUiError(err) };
  }
}

export async function cancelOnce(a: TActivityWithMine, cancel = api.cancelRegistration, remember = rememberRegistration): Promise<Outcome> {
  const reg = a.myRegistration;
  if (!reg) return { ok: true, activity: a };
  try {
    const cancelled = await cancel(reg.id);
    remember(cancelled, a);
    return { ok: true, activity: withRegistration(a, cancelled) };
  } catch (err) {
    return { ok: false, error: toUiError(err) };
  }
}

export function useActivityDetail(id: string) {
  const res = useResource(async () => {
    const a = await api.activity(id);
    if (a.myRegistration) rememberRegistration(a.myRegistration, a);
    return a;
  }, [id]);
  const [busy, setBusy] = useState<'sign_up' | 'cancel' | null>(null);
  const busyRef = useRef(false);

  const run = useCallback(
    async (kind: 'sign_up' | 'cancel'): Promise<Outcome | null> => {
      // A second tap while the first is on its way is ignored, not sent.
      if (busyRef.current || !res.data) return null;
      busyRef.current = true;
      setBusy(kind);
      try {
        const out = kind === 'sign_up' ? await signUpOnce(res.data) : await cancelOnce(res.data);
        if (out.ok) res.setData(out.activity);
        return out;
      } finally {
        busyRef.current = false;
        setBusy(null);
      }
    },
    [res.data, res.setData],
  );

  return { ...res, busy, signUp: () => run('sign_up'), cancel: () => run('cancel') };
}
