// Notifications reach a member only for templates they accepted in wx.requestSubscribeMessage, and
// WeChat shows that dialog only when called inside a tap handler: askForNotices must be called
// synchronously in the handler, before its first await. Each "允许" grants one message; the
// answer (refusals too) is recorded with POST /api/me/subscriptions.
import Taro from '@tarojs/taro';
import { request } from './api';
import { ZSubscriptionList, type TSubscriptionList } from './contract';
import { IS_WEAPP } from './platform';

export type NoticeKind =
  | 'waitlist_promoted'
  | 'activity_cancelled'
  | 'claim_status_changed'
  | 'lottery_result'
  | 'aid_status_changed'
  | 'join_application'
  | 'membership_transfer';

/** Every notice the member can turn on, in 我的's order (also the order 开启通知 asks in, 3 per tap). */
export const NOTICE_LABELS: Record<NoticeKind, string> = {
  waitlist_promoted: '候补成功通知',
  activity_cancelled: '活动取消通知',
  lottery_result: '抽签结果通知',
  claim_status_changed: '互助金进度通知',
  aid_status_changed: '帮扶申请进度通知',
  join_application: '入会审核结果通知',
  membership_transfer: '会籍转移通知',
};

/** What a sign-up tap asks for: a promotion from the waitlist, and the activity being called off. */
export const SIGN_UP_NOTICES: NoticeKind[] = ['waitlist_promoted', 'activity_cancelled'];
export const CLAIM_NOTICES: NoticeKind[] = ['claim_status_changed'];
/** A lottery application asks for the draw's result too (issue #16). */
export const LOTTERY_NOTICES: NoticeKind[] = ['lottery_result', 'waitlist_promoted', 'activity_cancelled'];
/** 提交入会申请 asks for the review's result (issue #15). */
export const JOIN_NOTICES: NoticeKind[] = ['join_application'];
/** Starting a 会籍转移 asks for its progress (accepted, objected, completed). */
export const TRANSFER_NOTICES: NoticeKind[] = ['membership_transfer'];
/** Submitting or resubmitting an aid application asks for its progress (issue #17). */
export const AID_NOTICES: NoticeKind[] = ['aid_status_changed'];

/** WeChat takes at most 3 template ids per call. */
export const MAX_PER_CALL = 3;

export type NoticeAnswer =
  | { asked: false; reason: 'not_weapp' | 'not_configured' }
  | { asked: true; accepted: NoticeKind[]; rejected: NoticeKind[]; recorded: boolean }
  | { asked: true; failed: true };

export type NoticeDeps = {
  weapp: boolean;
  templateIds: Partial<Record<NoticeKind, string>>;
  requestSubscribe: (tmplIds: string[]) => Promise<Record<string, unknown>>;
  record: (answer: { accepted: NoticeKind[]; rejected: NoticeKind[] }) => Promise<unknown>;
};

const buildTemplates: Partial<Record<NoticeKind, string>> = typeof WECHAT_TEMPLATES !== 'undefined' ? WECHAT_TEMPLATES : {};

export const subscriptionApi = {
  list: () => request({ path: '/me/subscriptions', schema: ZSubscriptionList }),
  record: (answer: { accepted: NoticeKind[]; rejected: NoticeKind[] }) => request({ method: 'POST', path: '/me/subscriptions', body: answer, schema: ZSubscriptionList }),
};

export const defaultNoticeDeps: NoticeDeps = {
  weapp: IS_WEAPP,
  templateIds: buildTemplates,
  requestSubscribe: (tmplIds) => Taro.requestSubscribeMessage({ tmplIds } as Parameters<typeof Taro.requestSubscribeMessage>[0]) as unknown as Promise<Record<string, unknown>>,
  record: subscriptionApi.record,
};

/**
 * Ask for the notices of `kinds`. Call it synchronously inside a tap handler, before any await:
 * the WeChat dialog is opened in this very call. Never throws; in H5 (no such dialog) or without
 * configured templates it asks nothing.
 */
export function askForNotices(kinds: NoticeKind[], deps: NoticeDeps = defaultNoticeDeps): Promise<NoticeAnswer> {
  if (!deps.weapp) return Promise.resolve({ asked: false, reason: 'not_weapp' });
  const byId = new Map<string, NoticeKind>();
  for (const k of kinds) {
    const id = deps.templateIds[k];
    if (id && byId.size < MAX_PER_CALL) byId.set(id, k);
  }
  if (!byId.size) return Promise.resolve({ asked: false, reason: 'not_configured' });
  let opened: Promise<Record<string, unknown>>;
  try {
    opened = deps.requestSubscribe([...byId.keys()]);
  } catch {
    return Promise.resolve({ asked: true, failed: true });
  }
  return opened.then(
    async (res) => {
      const accepted: NoticeKind[] = [];
      const rejected: NoticeKind[] = [];
      // 'ban' (template banned) and 'filter' (title filtered) are the console's doing, not the member's.
      for (const [id, kind] of byId) {
        if (res[id] === 'accept') accepted.push(kind);
        else if (res[id] === 'reject') rejected.push(kind);
      }
      if (!accepted.length && !rejected.length) return { asked: true as const, accepted, rejected, recorded: false };
      try {
        await deps.record({ accepted, rejected });
        return { asked: true as const, accepted, rejected, recorded: true };
      } catch {
        return { asked: true as const, accepted, rejected, recorded: false };
      }
    },
    // The member switched subscription messages off in settings (errCode 20004), or an old base library.
    () => ({ asked: true as const, failed: true as const }),
  );
}

export type NoticeState = 'on' | 'refused' | 'off';

/** How 我的 shows one notice: on while a grant is unspent; refused if the last answer was no. */
export function noticeState(item: TSubscriptionList['items'][number]): NoticeState {
  if (item.remaining > 0) return 'on';
  return item.refusedAt ? 'refused' : 'off';
}

/**
 * What 我的's 开启通知 asks for in one tap: WeChat takes at most 3 template ids per dialog, so the
 * tap asks for the first 3 configured kinds (in NOTICE_LABELS order) that are not on yet, and the
 * next tap for the following ones. Refused kinds are asked again (the tap is the member's own).
 * When every kind is on, a tap adds a message to the 3 with the fewest left.
 */
export function nextNoticesToAsk(
  items: { template: string; remaining: number }[],
  templateIds: Partial<Record<NoticeKind, string>> = buildTemplates,
): NoticeKind[] {
  const left = new Map(items.map((i) => [i.template, i.remaining]));
  const kinds = (Object.keys(NOTICE_LABELS) as NoticeKind[]).filter((k) => templateIds[k]);
  const off = kinds.filter((k) => !(left.get(k)! > 0));
  const on = kinds.filter((k) => left.get(k)! > 0).sort((a, b) => left.get(a)! - left.get(b)!);
  return [...off, ...on].slice(0, MAX_PER_CALL);
}
