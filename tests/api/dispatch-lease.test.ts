// The dispatcher's lease (issue #13 finding 6): a message another dispatcher is sending is left
// alone while its lease runs, and taken again only once the lease has run out.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { startFakeWeChat, type FakeWeChat } from '../support/fake-wechat.js';
import { createHttpWeChatApi } from '../../functions/_lib/wechat/client.js';
import { dispatchNotifications } from '../../functions/_lib/services/dispatch-notifications.js';

let api: TestApi;
let wx: FakeWeChat;
const env = { WECHAT_TEMPLATE_ACTIVITY_CANCELLED: 'tmpl-cancelled' };

beforeAll(async () => {
  api = await startTestApi();
  wx = await startFakeWeChat({ appid: 'wx-lease', secret: 'wx-lease-secret' });
});
afterAll(async () => {
  await wx.close();
  await api.close();
});

async function message(status: string, leaseSql: string) {
  const { userId } = await api.user();
  await api.db.query(`insert into subscription_grants (user_id, template, remaining) values ($1, 'activity_cancelled', 1)`, [userId]);
  const { rows } = await api.db.query<{ id: string }>(
    `insert into notification_outbox (user_id, template, data, status, attempts, lease_until)
     values ($1, 'activity_cancelled', '{"activityTitle":"讲座","reason":"天气"}', $2, 1, ${leaseSql}) returning id::text`,
    [userId, status],
  );
  return rows[0].id;
}

describe('the dispatcher lease', () => {
  it('leaves a message under a live lease alone and sends one whose lease ran out, once', async () => {
    const live = await message('sending', `now() + interval '1 minute'`);
    const expired = await message('sending', `now() - interval '1 second'`);
    const wechat = createHttpWeChatApi({ appid: 'wx-lease', secret: 'wx-lease-secret', apiBase: wx.base });
    const counts = await dispatchNotifications({ db: api.db, wechat, env });
    expect(counts.sent).toBe(1);
    const { rows } = await api.db.query<{ id: string; status: string; attempts: number }>('select id::text, status, attempts from notification_outbox where id = any($1::bigint[]) order by id', [[live, expired]]);
    expect(rows).toEqual([
      { id: live, status: 'sending', attempts: 1 },
      { id: expired, status: 'sent', attempts: 2 },
    ]);
    expect((await dispatchNotifications({ db: api.db, wechat, env })).sent).toBe(0);
    expect(wx.sent.length).toBe(1);
  });
});
