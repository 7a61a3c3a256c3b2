// Notifications arrive only for templates the member accepted, and WeChat opens that dialog only
// inside a tap: the sign-up tap asks first, synchronously, then signs up whatever the answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type TransportRequest, type TransportResponse } from '../../miniapp/src/services/api';
import { STORAGE_KEYS } from '../../miniapp/src/services/storage';
import { askForNotices, defaultNoticeDeps, nextNoticesToAsk, NOTICE_LABELS, noticeState, type NoticeAnswer, type NoticeDeps, type NoticeKind } from '../../miniapp/src/services/subscriptions';
import { signUpOnce, type SignUpDeps } from '../../miniapp/src/hooks/use-sign-up';
import { api } from '../../miniapp/src/services/api';
import type { TActivityWithMine } from '../../shared/schemas';
import { storage, subscribeReply, taroCalls } from './support/taro-stub';

const TEMPLATES = { waitlist_promoted: 'tpl-promoted', activity_cancelled: 'tpl-cancelled', claim_status_changed: 'tpl-claim' };
const weapp: NoticeDeps = { ...defaultNoticeDeps, weapp: true, templateIds: TEMPLATES };

const activity: TActivityWithMine = {
  id: '8', orgId: '3', orgName: '郑州圆方集团工会', title: '职工合唱团新春排练', category: 'culture', description: '', location: { name: '职工活动室' },
  startsAt: '2026-12-10T09:00:00+08:00', endsAt: '2026-12-10T11:00:00+08:00', signupOpensAt: '2026-12-01T09:00:00+08:00', signupClosesAt: '2026-12-09T18:00:00+08:00',
  capacity: 1, waitlistEnabled: true, audience: 'org', status: 'published', confirmedCount: 1, waitlistCount: 0, checkedInCount: 0, seatsLeft: 0, cancelReason: null, myRegistration: null,
  allocation: 'first_come', priorityGroups: [], priorityShare: 0, drawSeedHash: null, drawnAt: null, applicantCount: null,
};
const waitlisted = { id: '21', activityId: '8', status: 'waitlisted', waitlistPosition: 1, createdAt: '2026-12-02T10:00:00+08:00', checkedInAt: null, ticket: null };
const grants = (over: Record<string, number> = {}) => ({
  items: (['waitlist_promoted', 'activity_cancelled', 'claim_status_changed', 'registration_confirmed'] as const).map((template) => ({ template, templateId: null, remaining: over[template] ?? 0, refusedAt: null })),
});

let sent: TransportRequest[];
beforeEach(() => {
  storage.clear();
  taroCalls.length = 0;
  subscribeReply.answer = {};
  subscribeReply.fail = false;
  storage.set(STORAGE_KEYS.token, 'tok-1');
  sent = [];
  setTransport(async (req): Promise<TransportResponse> => {
    sent.push(req);
    taroCalls.push({ api: 'request', arg: `${req.method} ${req.url}` });
    if (req.url.endsWith('/registrations')) return { statusCode: 201, data: waitlisted, header: {} };
    if (req.url.endsWith('/me/subscriptions')) return { statusCode: 200, data: grants(), header: {} };
    throw new Error(`unexpected ${req.url}`);
  });
});
afterEach(() => setTransport(null));

/** The page's sign-up tap with the real request client, in the WeChat build; keeps the notice answer. */
function tap(deps: NoticeDeps = weapp) {
  let notices: Promise<NoticeAnswer> = Promise.resolve({ asked: false, reason: 'not_weapp' });
  const signUpDeps: SignUpDeps = {
    signUp: api.signUp,
    remember: () => {},
    newKey: () => 'su-test',
    askNotices: (kinds: NoticeKind[]) => (notices = askForNotices(kinds, deps)),
  };
  const outcome = signUpOnce(activity, signUpDeps);
  // Nothing has been awaited yet: this is still the tap handler's synchronous part.
  const askedSynchronously = taroCalls.some((c) => c.api === 'requestSubscribeMessage');
  return { outcome, notices: () => notices, askedSynchronously };
}

const subscriptionPosts = () => sent.filter((r) => r.method === 'POST' && r.url.endsWith('/me/subscriptions'));

describe('asking for notices at the sign-up tap', () => {
  it('opens the dialog for waitlist promotion and cancellation inside the tap, before the sign-up request', async () => {
    subscribeReply.answer = { 'tpl-promoted': 'accept', 'tpl-cancelled': 'accept' };
    const t = tap();
    expect(t.askedSynchronously).toBe(true);
    await t.outcome;
    const order = taroCalls.map((c) => c.api);
    expect(order.indexOf('requestSubscribeMessage')).toBeLessThan(order.indexOf('request'));
    expect(taroCalls.find((c) => c.api === 'requestSubscribeMessage')?.arg).toEqual({ tmplIds: ['tpl-promoted', 'tpl-cancelled'] });
    expect(sent[0]).toMatchObject({ method: 'POST', url: '/api/activities/8/registrations' });
  });

  it('records the grant with POST /me/subscriptions', async () => {
    subscribeReply.answer = { 'tpl-promoted': 'accept', 'tpl-cancelled': 'accept' };
    const t = tap();
    await t.outcome;
    expect(await t.notices()).toEqual({ asked: true, accepted: ['waitlist_promoted', 'activity_cancelled'], rejected: [], recorded: true });
    expect(subscriptionPosts().map((r) => r.data)).toEqual([{ accepted: ['waitlist_promoted', 'activity_cancelled'], rejected: [] }]);
  });

  it('records a refusal as a refusal, and the sign-up still goes through', async () => {
    subscribeReply.answer = { 'tpl-promoted': 'reject', 'tpl-cancelled': 'accept' };
    const t = tap();
    const out = await t.outcome;
    expect(out).toMatchObject({ ok: true, activity: { myRegistration: { status: 'waitlisted', waitlistPosition: 1 } } });
    await t.notices();
    expect(subscriptionPosts().map((r) => r.data)).toEqual([{ accepted: ['activity_cancelled'], rejected: ['waitlist_promoted'] }]);
  });

  it('signs up even when the dialog fails (notices switched off in WeChat settings) and records nothing', async () => {
    subscribeReply.fail = true;
    const t = tap();
    expect(await t.outcome).toMatchObject({ ok: true });
    expect(await t.notices()).toEqual({ asked: true, failed: true });
    expect(subscriptionPosts()).toEqual([]);
  });

  it('asks nothing in the H5 build or without configured templates, and signs up', async () => {
    for (const deps of [{ ...weapp, weapp: false }, { ...weapp, templateIds: {} }]) {
      taroCalls.length = 0;
      sent = [];
      const t = tap(deps);
      expect(await t.outcome).toMatchObject({ ok: true });
      expect(taroCalls.map((c) => c.api)).not.toContain('requestSubscribeMessage');
      expect(subscriptionPosts()).toEqual([]);
    }
  });

  it('asks for the claim notice alone when a claim is opened', async () => {
    subscribeReply.answer = { 'tpl-claim': 'accept' };
    const answer = await askForNotices(['claim_status_changed'], weapp);
    expect(taroCalls.find((c) => c.api === 'requestSubscribeMessage')?.arg).toEqual({ tmplIds: ['tpl-claim'] });
    expect(answer).toMatchObject({ accepted: ['claim_status_changed'], recorded: true });
  });
});

describe('which notices are on (我的)', () => {
  it('is on while a grant is unspent, refused after a no, and off otherwise', () => {
    expect(noticeState({ template: 'waitlist_promoted', templateId: 'x', remaining: 2, refusedAt: null })).toBe('on');
    expect(noticeState({ template: 'waitlist_promoted', templateId: 'x', remaining: 0, refusedAt: '2026-12-01T09:00:00+08:00' })).toBe('refused');
    expect(noticeState({ template: 'waitlist_promoted', templateId: 'x', remaining: 0, refusedAt: null })).toBe('off');
  });
});

describe('开启通知 in 我的, with every notice kind configured', () => {
  const ALL = Object.fromEntries((Object.keys(NOTICE_LABELS) as NoticeKind[]).map((k) => [k, `tpl-${k}`])) as Record<NoticeKind, string>;
  const state = (on: Partial<Record<NoticeKind, number>>) => (Object.keys(NOTICE_LABELS) as NoticeKind[]).map((template) => ({ template, remaining: on[template] ?? 0 }));

  it('knows the new kinds by their Chinese names', () => {
    expect(NOTICE_LABELS).toMatchObject({ aid_status_changed: '帮扶申请进度通知', join_application: '入会审核结果通知', membership_transfer: '会籍转移通知', lottery_result: '抽签结果通知' });
    expect(Object.keys(NOTICE_LABELS)).toHaveLength(7);
  });

  it('asks for 3 kinds per tap, the next 3 that are not on yet, until all 7 have been asked', () => {
    const first = nextNoticesToAsk(state({}), ALL);
    expect(first).toEqual(['waitlist_promoted', 'activity_cancelled', 'lottery_result']);
    const second = nextNoticesToAsk(state(Object.fromEntries(first.map((k) => [k, 1]))), ALL);
    expect(second).toEqual(['claim_status_changed', 'aid_status_changed', 'join_application']);
    const third = nextNoticesToAsk(state(Object.fromEntries([...first, ...second].map((k) => [k, 1]))), ALL);
    expect(third[0]).toBe('membership_transfer');
    expect(third).toHaveLength(3);
    expect(new Set([...first, ...second, ...third])).toEqual(new Set(Object.keys(NOTICE_LABELS)));
  });

  it('asks again for a refused kind, skips kinds without a template, and tops up the fewest once all are on', () => {
    expect(nextNoticesToAsk(state({ waitlist_promoted: 1, activity_cancelled: 1 }), { waitlist_promoted: 'a', activity_cancelled: 'b', join_application: 'c' })).toEqual(['join_application', 'waitlist_promoted', 'activity_cancelled']);
    const allOn = state({ waitlist_promoted: 3, activity_cancelled: 2, lottery_result: 1, claim_status_changed: 2, aid_status_changed: 5, join_application: 1, membership_transfer: 4 });
    expect(nextNoticesToAsk(allOn, ALL)).toEqual(['lottery_result', 'join_application', 'activity_cancelled']);
    expect(nextNoticesToAsk(state({}), {})).toEqual([]);
  });

  it('never puts more than 3 template ids in one WeChat dialog, even when asked for all 7', async () => {
    subscribeReply.answer = Object.fromEntries(Object.values(ALL).map((id) => [id, 'accept']));
    const answer = await askForNotices(Object.keys(NOTICE_LABELS) as NoticeKind[], { ...weapp, templateIds: ALL });
    const asked = taroCalls.filter((c) => c.api === 'requestSubscribeMessage');
    expect(asked).toHaveLength(1);
    expect((asked[0].arg as { tmplIds: string[] }).tmplIds).toHaveLength(3);
    expect(answer).toMatchObject({ accepted: ['waitlist_promoted', 'activity_cancelled', 'lottery_result'], recorded: true });
  });

  it('asks for the join notice with the join template alone', async () => {
    subscribeReply.answer = { 'tpl-join_application': 'accept' };
    const answer = await askForNotices(['join_application'], { ...weapp, templateIds: ALL });
    expect(taroCalls.find((c) => c.api === 'requestSubscribeMessage')?.arg).toEqual({ tmplIds: ['tpl-join_application'] });
    expect(answer).toMatchObject({ accepted: ['join_application'], recorded: true });
    expect(subscriptionPosts().map((r) => r.data)).toEqual([{ accepted: ['join_application'], rejected: [] }]);
  });
});
