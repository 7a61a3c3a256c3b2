// Two notification dispatchers at once (issue #13 finding 6): the minute cron overlapping a run
// that WeChat slows down. On the real PostgreSQL, every message is sent exactly once and spends
// exactly one subscription grant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { createHttpWeChatApi } from '../../functions/_lib/wechat/client.js';
import { dispatchNotifications } from '../../functions/_lib/services/dispatch-notifications.js';

let api: TestApi;
let wx: FakeWeChat;
const env = { WECHAT_TEMPLATE_ACTIVITY_CANCELLED: 'tmpl-cancelled' };
const MESSAGES = 1000;
const USERS = 100;
const GRANTS_EACH = 20;

beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
  wx = await startFakeWeChat({ appid: 'wx-race', secret: 'wx-race-secret' });
});
afterAll(async () => {
  await wx.close();
  await api.close();
});

describe('two dispatchers racing over the outbox', () => {
  it('send each of 1,000 messages exactly once and spend one grant per message', async () => {
    const userIds: string[] = [];
    for (let i = 0; i < USERS; i++) userIds.push((await api.user()).userId);
    await api.db.query(`insert into subscription_grants (user_id, template, remaining) select unnest($1::bigint[]), 'activity_cancelled', $2`, [userIds, GRANTS_EACH]);
    await api.db.query(
      `insert into notification_outbox (user_id, template, data, page)
       select ($1::bigint[])[1 + (n % $2)], 'activity_cancelled', jsonb_build_object('activityTitle', '活动' || n, 'reason', '测试'), 'pages/activity/index?n=' || n
         from generate_series(1, $3) n`,
      [userIds, USERS, MESSAGES],
    );
    // A slow WeChat keeps each message in flight long enough for the other dispatcher to look at it.
    wx.sendDelayMs = 3;
    const wechat = createHttpWeChatApi({ appid: 'wx-race', secret: 'wx-race-secret', apiBase: wx.base });
    const run = () => dispatchNotifications({ db: api.db, wechat, limit: MESSAGES, env });
    const [a, b] = await Promise.all([run(), run()]);
    console.log(`[dispatch-race] dispatcher A sent ${a.sent}, B sent ${b.sent}`);

    const pages = wx.sent.map((m) => m.page);
    expect(pages.length).toBe(MESSAGES);
    expect(new Set(pages).size).toBe(MESSAGES);
    expect(a.sent + b.sent).toBe(MESSAGES);
    expect(await api.count('notification_outbox', `status = 'sent'`)).toBe(MESSAGES);
    const { rows } = await api.db.query<{ spent: number }>(`select sum($1 - remaining)::int as spent from subscription_grants where user_id = any($2::bigint[])`, [GRANTS_EACH, userIds]);
    expect(rows[0].spent).toBe(MESSAGES);
  });
});
