// Taps where WeChat is strict, in the WeChat-like runtime: a dialog over WeChat's limits is
// refused (the cadre's 取消活动 did nothing), and shareFileMessage works only inside the tap.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorld, type World } from './support/world.js';

let world: World;
let orgId: string;

beforeAll(async () => {
  world = await startWorld();
  const { rows } = await world.api.db.query<{ id: string }>(
    `select ro.org_id::text as id from roles ro join users u on u.id = ro.user_id where u.openid = 'cadre-liu' and ro.role = 'cadre' limit 1`,
  );
  orgId = rows[0].id;
});

afterAll(async () => {
  await world?.close();
});

describe('the cadre in WeChat', () => {
  it('cancels an activity: the 取消活动 dialog is one WeChat shows, and the activity is cancelled', async () => {
    const activityId = await world.api.activity({ orgId, title: '将被取消的活动' });
    const rt = await world.runtime('noop', 'cadre-liu');
    try {
      const modals: any[] = [];
      rt.modalAnswer = (o) => {
        modals.push(o);
        return true;
      };
      const page = await rt.openPage('packages/cadre/activity-form/index', { id: activityId });
      await rt.tap(page, 'cancel-reason', 'input', { value: '场地临时维修' });
      await rt.tap(page, 'cancel-activity-button');
      await rt.settle();
      expect(modals.map((m) => m.title)).toEqual(['取消活动']);
      expect(rt.violations).toEqual([]);
      expect(await world.api.count('activities', "id = $1 and status = 'cancelled'", [activityId])).toBe(1);
      expect(rt.errors).toEqual([]);
    } finally {
      rt.dispose();
    }
  });

  it('shares the roster CSV from inside the 导出 tap (the file is ready before it)', async () => {
    const activityId = await world.api.activity({ orgId, title: '名单导出' });
    const m = await world.api.memberUser({ orgId, name: '周小燕' });
    expect((await world.api.post(`/api/activities/${activityId}/registrations`, { token: m.token, body: {} })).status).toBe(201);
    const rt = await world.runtime('noop', 'cadre-liu');
    try {
      const page = await rt.openPage('packages/cadre/roster/index', { id: activityId });
      expect(rt.calls.filter((c) => c.api === 'downloadFile')).toHaveLength(1);
      await rt.tap(page, 'export-csv');
      const shares = rt.calls.filter((c) => c.api === 'shareFileMessage');
      expect(shares).toHaveLength(1);
      expect(shares[0].options.fileName).toMatch(/^签到名单-名单导出-\d{8}\.csv$/);
      expect(rt.violations).toEqual([]);
      // It fell back to the clipboard only if sharing failed: it did not.
      expect(rt.calls.filter((c) => c.api === 'setClipboardData')).toHaveLength(0);
      expect(rt.errors).toEqual([]);
    } finally {
      rt.dispose();
    }
  });

  it('copies the roster to the clipboard when the cadre closes the chat picker', async () => {
    const activityId = await world.api.activity({ orgId, title: '名单复制' });
    const m = await world.api.memberUser({ orgId, name: '吴小丽' });
    expect((await world.api.post(`/api/activities/${activityId}/registrations`, { token: m.token, body: {} })).status).toBe(201);
    const rt = await world.runtime('noop', 'cadre-liu');
    try {
      rt.dismissed.add('shareFileMessage');
      const page = await rt.openPage('packages/cadre/roster/index', { id: activityId });
      await rt.tap(page, 'export-csv');
      await rt.settle();
      const copies = rt.calls.filter((c) => c.api === 'setClipboardData');
      expect(copies).toHaveLength(1);
      expect(copies[0].options.data).toContain('吴小丽');
      expect(rt.calls.filter((c) => c.api === 'showToast').map((c) => c.options.title)).toContain('名单已复制，可粘贴到电脑表格中');
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
    } finally {
      rt.dispose();
    }
  });

  it('the runtime refuses shareFileMessage after an await, as WeChat does (the old export)', async () => {
    const rt = await world.runtime('noop', 'cadre-liu');
    try {
      const wx = (rt as unknown as { ctx: object }).ctx as { wx: { shareFileMessage(o: object): void } };
      await new Promise<void>((resolve) => wx.wx.shareFileMessage({ filePath: 'wxfile://x.csv', fileName: 'x.csv', fail: () => resolve() }));
      expect(rt.violations).toEqual(['shareFileMessage called outside a tap handler']);
    } finally {
      rt.dispose();
    }
  });
});
