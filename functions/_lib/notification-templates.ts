// What each logical notification looks like as a WeChat subscription message. WeChat limits a
// `thing` value to 20 characters and a `time` value to a date-time; keys follow the templates
// chosen in the mini-program console (WECHAT_TEMPLATE_<NAME> holds each template's id).
import { formatDateTime } from '../../shared/domain/time.js';
import type { NotificationTemplate } from './services/enqueue-notifications.js';

export const TEMPLATE_NAMES: NotificationTemplate[] = ['waitlist_promoted', 'activity_cancelled', 'claim_status_changed', 'registration_confirmed', 'lottery_result', 'aid_status_changed', 'join_application', 'membership_transfer'];

const thing = (s: unknown) => {
  const text = String(s ?? '');
  return { value: text.length > 20 ? `${text.slice(0, 19)}…` : text };
};

export function templateIdOf(template: string, env: Record<string, string | undefined> = process.env): string | null {
  return env[`WECHAT_TEMPLATE_${template.toUpperCase()}`] || null;
}

export function messageData(template: string, data: Record<string, unknown>): Record<string, { value: string }> {
  switch (template) {
    case 'waitlist_promoted':
    case 'registration_confirmed':
      return { thing1: thing(data.activityTitle), time2: { value: data.startsAt ? formatDateTime(String(data.startsAt)) : '' }, thing3: thing(data.location), thing4: thing('候补成功，已为您确认名额') };
    case 'activity_cancelled':
      return { thing1: thing(data.activityTitle), thing2: thing(data.reason), thing3: thing('您的报名已自动取消') };
    case 'claim_status_changed':
      return { character_string1: { value: String(data.claimNo ?? '').slice(0, 32) }, thing2: thing(data.planName), phrase3: { value: String(data.statusLabel ?? '').slice(0, 5) } };
    case 'lottery_result':
      // the draw's outcome for this member: 中签 / 候补第 N 位 / 未中签 (issue #16)
      return { thing1: thing(data.activityTitle), time2: { value: data.startsAt ? formatDateTime(String(data.startsAt)) : '' }, thing3: thing(data.location), thing4: thing(data.outcomeText) };
    case 'aid_status_changed':
      return { thing1: thing(data.programTitle), phrase2: { value: String(data.statusLabel ?? '').slice(0, 5) } };
    // 入会 (issue #15): the union, the decision, and the reason or next step
    case 'join_application':
      return { thing1: thing(data.orgName), phrase2: { value: String(data.statusLabel ?? '').slice(0, 5) }, thing3: thing(data.note) };
    case 'membership_transfer':
      return { thing1: thing(data.orgName), phrase2: { value: String(data.statusLabel ?? '').slice(0, 5) }, thing3: thing(data.note) };
    default:
      return {};
  }
}
