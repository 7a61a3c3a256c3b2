import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { createHttpWeChatApi } from '../../functions/_lib/wechat/client.js';
import { dispatchNotifications } from '../../functions/_lib/services/dispatch-notifications.js';

let api: TestApi;
let wx: FakeWeChat;
const env = { WECHAT_TEMPLATE_WAITLIST_PROMOTED: 'tmpl-promoted', WECHAT_TEMPLATE_ACTIVITY_CANCELLED: 'tmpl-cancelled' };

beforeAll(async () => {
  api = await startTestApi();
  wx = await startFakeWeChat({ appid: 'wx-app', secret: 'wx-secret' });
});
afterAll(async () => {
  await wx.close();
  await api.close();
});

const wechat = () => createHttpWeChatApi({ appid: 'wx-app', secret: 'wx-secret', apiBase: wx.base });

async function promotion() {
  const orgId = await api.org();
  const activityId = await api.activity({ orgId, capacity: 1, title: '黄河文化一日游' });
  const holder = await api.memberUser({ orgId });
  const waiter = await api.memberUser({ orgId });
  const seat = await api.post(`/api/activities/${activityId}/registrations`, { token: holder.token });
  await api.post(`/api/activities/${activityId}/registrations`, { token: waiter.token });
  return { activityId, holder, waiter, seat };
}

async function drain() {
  // Earlier tests' messages must not count against this one's expectations.
  await api.db.query(`update notification_outbox set status = 'skipped' where status = 'pending'`);
}

describe('subscription messages', () => {
  it('sends a promoted member one message, spending the one subscription they granted', async () => {
    await drain();
    const { activityId, holder, waiter, seat } = await promotion();
    const granted = await api.post('/api/me/subscriptions', { token: waiter.token, body: { accepted: ['waitlist_promoted'] } });
    expect(granted.body.items).toContainEqual({ template: 'waitlist_promoted', templateId: null, remaining: 1, refusedAt: null });
    await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: holder.token });
    const before = wx.sent.length;
    const counts = await dispatchNotifications({ db: api.db, wechat: wechat(), env });
    expect(counts).toMatchObject({ sent: 1 });
    const msg = wx.sent[before];
    const { rows } = await api.db.query<{ openid: string }>('select openid from users where id = $1', [waiter.userId]);
    expect(msg).toMatchObject({ touser: rows[0].openid, template_id: 'tmpl-promoted', page: `pages/activity/index?id=${activityId}` });
    expect(msg.data.thing1.value).toBe('黄河文化一日游');
    expect(await api.count('subscription_grants', 'user_id = $1 and remaining = 0', [waiter.userId])).toBe(1);
    expect(await api.count('notification_outbox', `member_id = $1 and status = 'sent'`, [waiter.memberId])).toBe(1);
  });

  it('skips a message when the member has no subscription left, and never sends it twice', async () => {
    await drain();
    const { holder, waiter, seat } = await promotion();
    await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: holder.token });
    const before = wx.sent.length;
    const counts = await dispatchNotifications({ db: api.db, wechat: wechat(), env });
    expect(counts).toMatchObject({ sent: 0, skipped: 1 });
    expect(wx.sent.length).toBe(before);
    expect(await api.count('notification_outbox', `member_id = $1 and status = 'skipped' and last_error = 'no_subscription'`, [waiter.memberId])).toBe(1);
    expect(await dispatchNotifications({ db: api.db, wechat: wechat(), env })).toMatchObject({ sent: 0, skipped: 0 });
  });

  it('counts one grant per tap: two taps allow two messages', async () => {
    const { waiter } = await promotion();
    await api.post('/api/me/subscriptions', { token: waiter.token, body: { accepted: ['activity_cancelled'] } });
    const again = await api.post('/api/me/subscriptions', { token: waiter.token, body: { accepted: ['activity_cancelled'] } });
    expect(again.body.items).toContainEqual({ template: 'activity_cancelled', templateId: null, remaining: 2, refusedAt: null });
  });

  it('marks a message WeChat refuses (43101) as skipped', async () => {
    await drain();
    const { holder, waiter, seat } = await promotion();
    await api.post('/api/me/subscriptions', { token: waiter.token, body: { accepted: ['waitlist_promoted'] } });
    const { rows } = await api.db.query<{ openid: string }>('select openid from users where id = $1', [waiter.userId]);
    wx.refusing.add(rows[0].openid);
    await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: holder.token });
    expect(await dispatchNotifications({ db: api.db, wechat: wechat(), env })).toMatchObject({ skipped: 1 });
    expect(await api.count('notification_outbox', `member_id = $1 and last_error = 'wechat_43101'`, [waiter.memberId])).toBe(1);
  });

  it('keeps a message pending with its grant when WeChat cannot be reached', async () => {
    await drain();
    const { holder, waiter, seat } = await promotion();
    await api.post('/api/me/subscriptions', { token: waiter.token, body: { accepted: ['waitlist_promoted'] } });
    await api.post(`/api/registrations/${seat.body.id}/cancel`, { token: holder.token });
    const down = createHttpWeChatApi({ appid: 'wx-app', secret: 'wx-secret', apiBase: 'http://127.0.0.1:9' });
    expect(await dispatchNotifications({ db: api.db, wechat: down, env })).toMatchObject({ retry: 1 });
    expect(await api.count('notification_outbox', `member_id = $1 and status = 'pending'`, [waiter.memberId])).toBe(1);
    expect(await api.count('subscription_grants', 'user_id = $1 and remaining = 1', [waiter.userId])).toBe(1);
    expect(await dispatchNotifications({ db: api.db, wechat: wechat(), env })).toMatchObject({ sent: 1 });
  });

  it('refuses an unknown template name', async () => {
    const { waiter } = await promotion();
    const res = await api.post('/api/me/subscriptions', { token: waiter.token, body: { accepted: ['spam'] } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('hides the dispatch endpoint behind CRON_SECRET', async () => {
    process.env.CRON_SECRET = 'cron-secret-for-test';
    try {
      expect((await api.get('/api/internal/dispatch-notifications')).status).toBe(404);
      const ok = await api.get('/api/internal/dispatch-notifications', { headers: { authorization: 'Bearer cron-secret-for-test' } });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ sent: expect.any(Number) });
    } finally {
      delete process.env.CRON_SECRET;
    }
  });
});
