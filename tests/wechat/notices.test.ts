// Notifications end to end, in the WeChat-like runtime on the upload-compiled app: the member taps
// 报名 on a full activity → WeChat's subscription dialog opens inside the tap (wx.requestSubscribeMessage
// with the template ids built into the app) → the answer is recorded (POST /api/me/subscriptions) →
// another member cancels, the waitlisted member is promoted → the dispatcher sends exactly one
// subscription message through the fake WeChat API, to that member's openid, with the template id
// the app asked for. A member who says no is recorded as refusing and gets nothing; 我的 shows which
// notices are on.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpWeChatApi } from '../../functions/_lib/wechat/client.js';
import { dispatchNotifications } from '../../functions/_lib/services/dispatch-notifications.js';
import { WECHAT_CHECK_TEMPLATES } from '../../scripts/miniapp-build.js';
import { newIdNumber } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import type { PageInstance, WeChatRuntime } from './support/runtime.js';
import { startWorld, type World } from './support/world.js';

const PROMOTED = WECHAT_CHECK_TEMPLATES.WECHAT_TEMPLATE_WAITLIST_PROMOTED;
const CANCELLED = WECHAT_CHECK_TEMPLATES.WECHAT_TEMPLATE_ACTIVITY_CANCELLED;
const CLAIM = WECHAT_CHECK_TEMPLATES.WECHAT_TEMPLATE_CLAIM_STATUS_CHANGED;
const JOIN = WECHAT_CHECK_TEMPLATES.WECHAT_TEMPLATE_JOIN_APPLICATION;

/** 我的's rows with every notice off, in its order; a test spreads the ones it expects on over it. */
const ALL_OFF = { 候补成功通知: '未开启', 活动取消通知: '未开启', 抽签结果通知: '未开启', 互助金进度通知: '未开启', 帮扶申请进度通知: '未开启', 入会审核结果通知: '未开启', 会籍转移通知: '未开启' };
const ON = '已开启（可接收 1 条）';

let world: World;
let fake: FakeWeChat;
let orgId: string;

beforeAll(async () => {
  world = await startWorld();
  fake = await startFakeWeChat({ appid: 'wx-check', secret: 'wx-check-secret' });
  orgId = await world.api.org({ name: '通知检查工会' });
});

afterAll(async () => {
  await fake?.close();
  await world?.close();
});

/** The dispatcher as the minute cron runs it (templates from the server's environment), against the fake WeChat. */
const dispatch = () => dispatchNotifications({ db: world.api.db, wechat: createHttpWeChatApi({ appid: 'wx-check', secret: 'wx-check-secret', apiBase: fake.base }) });

/** A full activity (one seat, taken by someone else through the API) with a waitlist. */
async function fullActivity(title: string) {
  const activityId = await world.api.activity({ orgId, title, capacity: 1 });
  const holder = await world.member(orgId);
  const seat = await world.api.post(`/api/activities/${activityId}/registrations`, { token: holder.token, body: {} });
  expect(seat.status).toBe(201);
  expect(seat.body.status).toBe('confirmed');
  return { activityId, holder, seatId: seat.body.id as string };
}

/** The member's tap on 报名 in the activity page, in the runtime. */
async function tapSignUp(rt: WeChatRuntime, activityId: string) {
  const page = await rt.openPage('pages/activity/index', { id: activityId });
  expect(rt.find(page, 'signup-button').cl).toContain('signup-button');
  await rt.tap(page, 'signup-button');
  await rt.settle();
  return page;
}

/** What 我的 says about each notice, by its label: 已开启（可接收 1 条）, 已拒绝, 未开启. */
function noticeRows(rt: WeChatRuntime, page: PageInstance): Record<string, string> {
  const rows: Record<string, string> = {};
  for (const row of rt.findAll(page, 'notice-row')) {
    const [label, state] = (row.cn ?? []).map((c: unknown) => rt.text(c));
    rows[label] = state;
  }
  return rows;
}

async function mine(rt: WeChatRuntime) {
  const page = await rt.openPage('pages/mine/index');
  const rows = noticeRows(rt, page);
  await rt.closePage(page);
  return rows;
}

const grants = async (userId: string) => {
  const { rows } = await world.api.db.query<{ template: string; remaining: number; refused: boolean }>(
    'select template, remaining, refused_at is not null as refused from subscription_grants where user_id = $1 order by template',
    [userId],
  );
  return rows;
};

const subscriptionPosts = (rt: WeChatRuntime) => rt.calls.filter((c) => c.api === 'request' && String(c.options.method).toUpperCase() === 'POST' && String(c.options.url).endsWith('/me/subscriptions'));

describe('a subscription message reaches the member who allowed it in the 报名 tap', () => {
  it('waitlisted, allowed, promoted by a cancellation: exactly one message, to that member, with the template the app asked for', async () => {
    const { activityId, holder, seatId } = await fullActivity('候补通知检查');
    const waiter = await world.member(orgId, '候补甲');
    // Whatever the demo data queued goes out first: from here on, every send is this test's.
    await dispatch();

    const rt = await world.runtime('noop', waiter.openid);
    try {
      rt.subscribeAnswer = () => 'accept';
      await tapSignUp(rt, activityId);

      // The dialog opened inside the tap, once, for the templates built into the app.
      const asked = rt.calls.filter((c) => c.api === 'requestSubscribeMessage');
      expect(asked).toHaveLength(1);
      expect([...asked[0].options.tmplIds].sort()).toEqual([CANCELLED, PROMOTED].sort());
      // The answer went to the server, and the sign-up went ahead: a waitlist place.
      expect(subscriptionPosts(rt)).toHaveLength(1);
      expect(await world.api.count('registrations', `activity_id = $1 and member_id = $2 and status = 'waitlisted'`, [activityId, waiter.memberId])).toBe(1);
      expect(await grants(waiter.userId)).toEqual([
        { template: 'activity_cancelled', remaining: 1, refused: false },
        { template: 'waitlist_promoted', remaining: 1, refused: false },
      ]);
      // 我的 shows both notices on, one message each; the claim notice was not asked for.
      expect(await mine(rt)).toEqual({ ...ALL_OFF, 候补成功通知: ON, 活动取消通知: ON });

      // Another member cancels: the waitlisted member is promoted.
      const sentBefore = fake.sent.length;
      const cancel = await world.api.post(`/api/registrations/${seatId}/cancel`, { token: holder.token });
      expect(cancel.status).toBe(200);
      expect(await world.api.count('registrations', `activity_id = $1 and member_id = $2 and status = 'confirmed'`, [activityId, waiter.memberId])).toBe(1);

      expect(await dispatch()).toMatchObject({ sent: 1, failed: 0, retry: 0 });
      const sent = fake.sent.slice(sentBefore);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ touser: waiter.openid, template_id: PROMOTED, page: `pages/activity/index?id=${activityId}` });
      expect(sent[0].data.thing1.value).toBe('候补通知检查');
      // The message opens a page the app has.
      expect(rt.allPages()).toContain(sent[0].page!.split('?')[0]);
      // Sent once: a second run sends nothing more.
      expect(await dispatch()).toMatchObject({ sent: 0 });
      expect(fake.sent.length).toBe(sentBefore + 1);

      // The grant is spent; the cancellation notice is still on.
      expect(await mine(rt)).toEqual({ ...ALL_OFF, 活动取消通知: ON });
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
    } finally {
      rt.dispose();
    }
  });

  it('a member who says no is recorded as refusing, promoted all the same, and sent nothing', async () => {
    const { activityId, holder, seatId } = await fullActivity('拒绝通知检查');
    const waiter = await world.member(orgId, '候补乙');
    await dispatch();

    const rt = await world.runtime('noop', waiter.openid);
    try {
      rt.subscribeAnswer = () => 'reject';
      await tapSignUp(rt, activityId);

      expect(rt.calls.filter((c) => c.api === 'requestSubscribeMessage')).toHaveLength(1);
      expect(subscriptionPosts(rt)).toHaveLength(1);
      expect(await world.api.count('registrations', `activity_id = $1 and member_id = $2 and status = 'waitlisted'`, [activityId, waiter.memberId])).toBe(1);
      expect(await grants(waiter.userId)).toEqual([
        { template: 'activity_cancelled', remaining: 0, refused: true },
        { template: 'waitlist_promoted', remaining: 0, refused: true },
      ]);
      expect(await mine(rt)).toEqual({ ...ALL_OFF, 候补成功通知: '已拒绝', 活动取消通知: '已拒绝' });

      const sentBefore = fake.sent.length;
      expect((await world.api.post(`/api/registrations/${seatId}/cancel`, { token: holder.token })).status).toBe(200);
      expect(await world.api.count('registrations', `activity_id = $1 and member_id = $2 and status = 'confirmed'`, [activityId, waiter.memberId])).toBe(1);

      expect(await dispatch()).toMatchObject({ sent: 0 });
      expect(fake.sent.length).toBe(sentBefore);
      expect(fake.sent.some((m) => m.touser === waiter.openid)).toBe(false);
      expect(await world.api.count('notification_outbox', `member_id = $1 and template = 'waitlist_promoted' and status = 'skipped' and last_error = 'no_subscription'`, [waiter.memberId])).toBe(1);
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
    } finally {
      rt.dispose();
    }
  });

  it('a member who asks on the claim page (进度有变化时通知我) gets one message when the office moves the claim', async () => {
    const m = await world.member(orgId, '申请丁');
    const officer = await world.api.user({ roles: [{ role: 'claims_officer' }] });
    const row = {
      claimNo: `WX-CHECK-${process.pid}`,
      idNumber: m.idNumber,
      plan: 'hospitalization',
      status: 'under_review',
      incidentDate: '2026-03-02',
      submittedAt: '2026-03-10T09:00:00+08:00',
      amountClaimedFen: 500_000,
      at: '2026-03-11T09:00:00+08:00',
    };
    expect((await world.api.post('/api/admin/claims/import', { token: officer.token, body: { rows: [row] } })).status).toBe(200);
    const { rows } = await world.api.db.query<{ id: string }>('select id::text from claims where claim_no = $1', [row.claimNo]);
    const claimId = rows[0].id;
    await dispatch();

    const rt = await world.runtime('noop', m.openid);
    try {
      rt.subscribeAnswer = () => 'accept';
      const page = await rt.openPage('pages/claim/index', { id: claimId });
      await rt.tap(page, 'claim-notify__button');
      await rt.settle();
      const asked = rt.calls.filter((c) => c.api === 'requestSubscribeMessage');
      expect(asked.map((c) => [...c.options.tmplIds])).toEqual([[CLAIM]]);
      expect(await grants(m.userId)).toEqual([{ template: 'claim_status_changed', remaining: 1, refused: false }]);

      const sentBefore = fake.sent.length;
      const moved = await world.api.post('/api/admin/claims/import', { token: officer.token, body: { rows: [{ ...row, status: 'needs_info', note: '请补充住院病历', at: '2026-03-20T09:00:00+08:00' }] } });
      expect(moved.status).toBe(200);
      expect(await dispatch()).toMatchObject({ sent: 1, failed: 0, retry: 0 });
      const sent = fake.sent.slice(sentBefore);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ touser: m.openid, template_id: CLAIM, page: `pages/claim/index?id=${claimId}` });
      expect(sent[0].data.character_string1.value).toBe(row.claimNo);
      expect(rt.allPages()).toContain(sent[0].page!.split('?')[0]);
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
    } finally {
      rt.dispose();
    }
  });

  it('我的 turns the notices on from its own taps: 3 kinds per dialog (the WeChat limit), every kind in 3 taps, and shows them on', async () => {
    const m = await world.member(orgId, '会员丙');
    const rt = await world.runtime('noop', m.openid);
    try {
      rt.subscribeAnswer = () => 'accept';
      const page = await rt.openPage('pages/mine/index');
      expect(noticeRows(rt, page)).toEqual(ALL_OFF);
      await rt.tap(page, 'notices-on');
      await rt.settle();
      const first = rt.calls.filter((c) => c.api === 'requestSubscribeMessage');
      expect(first).toHaveLength(1);
      expect([...first[0].options.tmplIds]).toEqual([PROMOTED, CANCELLED, WECHAT_CHECK_TEMPLATES.WECHAT_TEMPLATE_LOTTERY_RESULT]);
      expect(noticeRows(rt, page)).toEqual({ ...ALL_OFF, 候补成功通知: ON, 活动取消通知: ON, 抽签结果通知: ON });
      await rt.tap(page, 'notices-on');
      await rt.tap(page, 'notices-on');
      await rt.settle();
      const asked = rt.calls.filter((c) => c.api === 'requestSubscribeMessage');
      expect(asked).toHaveLength(3);
      for (const a of asked) expect(a.options.tmplIds.length).toBeLessThanOrEqual(3);
      // Every template built into the app was asked for.
      expect(new Set(asked.flatMap((a) => [...a.options.tmplIds]))).toEqual(new Set(Object.values(WECHAT_CHECK_TEMPLATES)));
      expect(noticeRows(rt, page)).toEqual(Object.fromEntries(Object.keys(ALL_OFF).map((k) => [k, expect.stringMatching(/^已开启（可接收 [12] 条）$/)])));
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
    } finally {
      rt.dispose();
    }
  });

  it('提交入会申请 asks for the review result in the tap; the cadre approves: one message with the join template', async () => {
    const applicant = await world.api.user();
    const { rows } = await world.api.db.query<{ openid: string }>('select openid from users where id = $1', [applicant.userId]);
    const cadre = await world.api.cadre(orgId);
    await dispatch();

    const rt = await world.runtime('noop', rows[0].openid);
    try {
      rt.subscribeAnswer = () => 'accept';
      const page = await rt.openPage('pages/join/index', { orgId });
      await rt.tap(page, 'join-name', 'input', { value: '入会检查' });
      await rt.tap(page, 'join-id-number', 'input', { value: newIdNumber() });
      await rt.tap(page, 'join-employer', 'input', { value: '郑州检查公司' });
      await rt.tap(page, 'join-consent');
      await rt.tap(page, 'join-plain');
      await rt.settle();
      const asked = rt.calls.filter((c) => c.api === 'requestSubscribeMessage');
      expect(asked.map((c) => [...c.options.tmplIds])).toEqual([[JOIN]]);
      expect(await grants(applicant.userId)).toEqual([{ template: 'join_application', remaining: 1, refused: false }]);
      const app = await world.api.db.query<{ id: string }>(`select id::text from join_applications where user_id = $1 and status = 'pending'`, [applicant.userId]);
      expect(app.rows).toHaveLength(1);

      const sentBefore = fake.sent.length;
      const approved = await world.api.post(`/api/admin/join-applications/${app.rows[0].id}/approve`, { token: cadre.token, body: {} });
      expect(approved.status, approved.text).toBe(200);
      expect(await dispatch()).toMatchObject({ sent: 1, failed: 0, retry: 0 });
      const sent = fake.sent.slice(sentBefore);
      expect(sent).toHaveLength(1);
      expect(sent[0]).toMatchObject({ touser: rows[0].openid, template_id: JOIN });
      expect(rt.allPages()).toContain(sent[0].page!.split('?')[0]);
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
    } finally {
      rt.dispose();
    }
  });

  it('the runtime refuses the subscription dialog outside a tap, as WeChat does', async () => {
    const rt = await world.runtime('noop');
    try {
      const wx = (rt as unknown as { ctx: object }).ctx as { wx: { requestSubscribeMessage(o: object): void } };
      await new Promise<void>((resolve) => wx.wx.requestSubscribeMessage({ tmplIds: [PROMOTED], fail: () => resolve() }));
      expect(rt.violations).toEqual(['requestSubscribeMessage called outside a tap handler']);
    } finally {
      rt.dispose();
    }
  });
});
