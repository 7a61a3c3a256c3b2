// Notifications reach a member only for templates they accepted in wx.requestSubscribeMessage, and
// WeChat shows that dialog only when called inside a tap handler: askForNotices must be called
// synchronously in the handler, before its first await. Each "允许" grants one message; the
// answer (refusals too) is recorded with POST /api/me/subscriptions.
import Taro from '@tarojs/taro';
import { request } from './api';
import { ZSubscriptionList, type TSubscriptionList } from './contract';
import { IS_WEAPP } from './platform';

export type NoticeKind = 'waitlist_promoted' | 'activity_cancelled' | 'claim_status_changed' | 'lottery_result';

export const NOTICE_LABELS: Record<NoticeKind, string> = {
  waitlist_promoted: '候补成功通知',
  activity_cancelled: '活动取消通知',
  claim_status_changed: '互助金进度通知',
  lottery_result: '抽签结果通知',
};

/** What a sign-up tap asks for: a promotion from the waitlist, and the activity being called off. */
export const SIGN_UP_NOTICES: NoticeKind[] = ['waitlist_promoted', 'activity_cancelled'];
export const CLAIM_NOTICES: NoticeKind[] = ['claim_status_changed'];
/** A lottery application asks for the draw's result too (issue #16). */
export const LOTTERY_NOTICES: NoticeKind[] = ['lottery_result', 'waitlist_promoted', 'activity_cancelled'];

/** WeChat takes at most 3 template ids per call. */
const MAX_PER_CALL = 3;

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
