// 扫码签到 in the WeChat-like runtime, after Tencent's upload compile: the cadre taps 扫码签到,
// wx.scanCode "sees" a ticket, the page's own logic asks the real API (or judges with the offline
// pack) and shows its verdict. The scanner chunk carries @noble/ed25519, whose `2n ** 256n`
// the upload compile used to turn into a Math.pow that threw at load.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageInstance, WeChatRuntime } from './support/runtime.js';
import { startWorld, type World } from './support/world.js';

let world: World;
let orgId: string;
let activityId: string;
let otherActivityId: string;

beforeAll(async () => {
  world = await startWorld();
  const { rows } = await world.api.db.query<{ id: string }>(
    `select ro.org_id::text as id from roles ro join users u on u.id = ro.user_id where u.openid = 'cadre-liu' and ro.role = 'cadre' limit 1`,
  );
  orgId = rows[0].id;
  activityId = await world.api.activity({ orgId, title: '扫码签到检查', capacity: 20 });
  otherActivityId = await world.api.activity({ orgId, title: '另一场活动', capacity: 20 });
});

afterAll(async () => {
  await world?.close();
});

/** A new member of the cadre's org with a seat at `activity`: their ticket. */
async function ticketFor(activity: string, name: string) {
  const m = await world.api.memberUser({ orgId, name });
  const res = await world.api.post(`/api/activities/${activity}/registrations`, { token: m.token, body: {} });
  expect(res.status).toBe(201);
  expect(res.body.status).toBe('confirmed');
  return { ticket: res.body.ticket as string, registrationId: res.body.id as string, name };
}

/** One tap on 扫码签到 with `code` in front of the camera; the camera closes after the verdict. */
async function scan(rt: WeChatRuntime, page: PageInstance, code: string): Promise<string> {
  const before = rt.calls.filter((c) => c.api === 'scanCode').length;
  rt.scanQueue.push(code);
  await rt.tap(page, 'scan-button');
  // The loop opens the camera again after showing the verdict; the second scanCode finds it closed.
  const until = Date.now() + 15_000;
  while (rt.calls.filter((c) => c.api === 'scanCode').length < before + 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  await rt.settle();
  return rt.text(rt.find(page, 'verdict'));
}

describe('扫码签到 in the WeChat-like runtime', () => {
  let rt: WeChatRuntime;
  let page: PageInstance;

  beforeAll(async () => {
    rt = await world.runtime('noop', 'cadre-liu');
    rt.modalAnswer = () => true;
    page = await rt.openPage('packages/cadre/scan/index', { id: activityId });
    expect(rt.errors).toEqual([]);
  });

  afterAll(async () => {
    await rt.closePage(page);
    rt.dispose();
  });

  it('checks a member in: 签到成功 with the name, and the registration is checked in', async () => {
    const t = await ticketFor(activityId, '王小明');
    const verdict = await scan(rt, page, t.ticket);
    expect(verdict).toContain('签到成功');
    expect(verdict).toContain('王小明');
    expect(await world.api.count('registrations', "id = $1 and status = 'checked_in'", [t.registrationId])).toBe(1);
  });

  it('says a second scan is 已签到, with when and by whom the first scan was', async () => {
    const t = await ticketFor(activityId, '李小红');
    expect(await scan(rt, page, t.ticket)).toContain('签到成功');
    const verdict = await scan(rt, page, t.ticket);
    expect(verdict).toContain('已签到');
    expect(verdict).toContain('李小红');
    expect(verdict).toMatch(/首次签到：\d{4}-\d{2}-\d{2} \d{2}:\d{2}|首次签到：.*\d{2}:\d{2}/);
    expect(verdict).toContain('刘洋');
  });

  it('refuses a forged ticket: 票据无效, and nobody is checked in', async () => {
    const t = await ticketFor(activityId, '赵小刚');
    const sig = t.ticket.slice(t.ticket.lastIndexOf('.') + 1);
    const forged = t.ticket.slice(0, t.ticket.lastIndexOf('.') + 1) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1);
    const verdict = await scan(rt, page, forged);
    expect(verdict).toContain('票据无效');
    expect(await world.api.count('registrations', "id = $1 and status = 'confirmed'", [t.registrationId])).toBe(1);
  });

  it('refuses the ticket of another activity: 非本场活动', async () => {
    const t = await ticketFor(otherActivityId, '钱小芳');
    const verdict = await scan(rt, page, t.ticket);
    expect(verdict).toContain('非本场活动');
    expect(await world.api.count('registrations', "id = $1 and status = 'confirmed'", [t.registrationId])).toBe(1);
  });

  it('decides with the offline pack when the door has no signal: its Ed25519 check runs in the compiled scanner', async () => {
    const listed = await ticketFor(activityId, '孙小兵');
    // 离线核验 on: the page asks (modal) and downloads the pack.
    await rt.tap(page, 'offline-switch');
    expect(rt.pageText(page)).toContain('离线名单');
    rt.setOnline(false);
    try {
      const ok = await scan(rt, page, listed.ticket);
      expect(ok).toContain('签到成功');
      expect(ok).toContain('孙小兵');
      expect(ok).toContain('离线核验');
      const again = await scan(rt, page, listed.ticket);
      expect(again).toContain('已签到');
      const sig = listed.ticket.slice(listed.ticket.lastIndexOf('.') + 1);
      const forged = await scan(rt, page, listed.ticket.slice(0, listed.ticket.lastIndexOf('.') + 1) + (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
      expect(forged).toContain('票据无效');
      expect(forged).toContain('离线核验');
    } finally {
      rt.setOnline(true);
    }
    // Decided on the phone: the server has not seen it yet.
    expect(await world.api.count('registrations', "id = $1 and status = 'confirmed'", [listed.registrationId])).toBe(1);
    expect(rt.errors).toEqual([]);
    expect(rt.violations).toEqual([]);
  });

  it('ran the whole door without an exception, a refused dialog or `new Function`', () => {
    expect({ errors: rt.errors, violations: rt.violations, functionBodies: rt.functionBodies }).toEqual({ errors: [], violations: [], functionBodies: [] });
  });
});
