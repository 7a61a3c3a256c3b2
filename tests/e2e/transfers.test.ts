// 会籍转移 on the phones (issue #15): a member of 郑州圆方集团工会 changes jobs and asks, from 我的,
// to move to a rider union; 赵磊 (cadre of the 新就业形态 federation, over 美团 and 饿了么) accepts it
// in the office; 刘洋 (cadre of 金水区总工会, over 圆方) sees it leaving, with the deadline for
// objections; and a second member whose move 刘洋 objects to reads 有异议 and the reason.
// The two members are imported and bound here, on openids of their own: no other file touches them.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { layoutProblems } from './support/layout.js';
import { logInFresh, tokenFor } from './support/login.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';
import { formatDate, formatDateTime } from '../../shared/domain/time.js';

const tag = `${process.pid % 10000}`.padStart(4, '0');
const MOVER = { name: `转岗甲${tag}`, openid: `transfer-e2e-${tag}-a` };
const OBJECTED = { name: `转岗乙${tag}`, openid: `transfer-e2e-${tag}-b` };
const OBJECTION = '该会员尚有未结清的互助金借款，请结清后再办理转移';

/** A checksummed ID number no demo person has (the demo roster has nobody born in 1990). */
function idNumber(i: number): string {
  const first17 = `41010319900${i + 1}15${tag.slice(-3)}`;
  return first17 + idNumberCheckChar(first17);
}

describe('会籍转移：会员申请，新工会接收，原工会看到异议期或提出异议', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let mover: Phone;
  let objected: Phone;
  let receiving: Phone; // 赵磊, cadre-rider
  let leaving: Phone; // 刘洋, cadre-liu
  let adminToken: string;

  const call = async (method: string, path: string, token: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    browser = await launchChromium();
    [mover, objected, receiving, leaving] = await Promise.all([0, 1, 2, 3].map(() => openPhone(browser, base)));
    adminToken = (await tokenFor(base, 'admin')).token;
    const orgs = await call('GET', '/api/orgs', adminToken);
    const yuanfang = orgs.body.items.find((o: { name: string }) => o.name === '郑州圆方集团工会');
    const people = [MOVER, OBJECTED].map((p, i) => ({ name: p.name, idNumber: idNumber(i), phone: `137${tag}${String(i).padStart(4, '0')}` }));
    const imported = await call('POST', '/api/admin/members/import', adminToken, { orgId: yuanfang.id, members: people });
    expect(imported.body.rejected).toEqual([]);
    for (const [i, p] of [MOVER, OBJECTED].entries()) {
      const { token } = await tokenFor(base, p.openid);
      const bound = await call('POST', '/api/me/bind', token, { name: people[i].name, idNumber: people[i].idNumber, phoneCode: `dev-phone:${people[i].phone}` });
      expect(bound.status).toBe(200);
    }
    await Promise.all([logInFresh(mover, base, MOVER.openid), logInFresh(objected, base, OBJECTED.openid), receiving.logInAs('cadre-rider'), leaving.logInAs('cadre-liu')]);
  }, 120_000);
  watchPhones(() => [mover, objected, receiving, leaving]);
  afterAll(async () => {
    await browser?.close();
  });

  /** From 我的 → 会籍转移, one search and one tap on the new union. */
  async function requestTransfer(phone: Phone, search: string, union: string) {
    await phone.open('/pages/mine/index');
    await phone.see('.entry-transfer').click();
    await phone.press('.join-transfer-start');
    await phone.see('.join-transfer-filter input').fill(search);
    await phone.see('.join-transfer-org', union).click();
    await phone.confirmDialog();
    await textOf(phone.see('.join-transfer-status')).toBe(`转入${union}：等待新工会接收`);
  }

  /** Through the office home's 会籍转移 entry, as a cadre finds it. */
  async function openTransfers(phone: Phone) {
    await phone.open('/packages/office/index/index');
    await phone.see('.office-entry[data-section="transfers"]').click();
    // a page opened earlier may still be in the page stack, visible while this one slides in:
    // the newest is the last; once the slide is over only it is visible
    await phone.see('.transfers').last().waitFor();
    await phone.settle();
    await expect.poll(() => phone.see('.transfers').count(), { timeout: 10_000 }).toBe(1);
  }

  async function acceptAsReceivingCadre(name: string) {
    await openTransfers(receiving);
    const card = receiving.see('.transfers-incoming .transfer-card', name);
    await textOf(card.locator('.transfer-card__status')).toBe('待接收');
    await card.locator('.transfer-accept').click();
    await receiving.confirmDialog();
    // still incoming for 赵磊, now waiting out the old union's objection period, with nothing to press
    await textOf(receiving.see('.transfers-incoming .transfer-card', name).locator('.transfer-card__status')).toBe('已接收');
    await textOf(receiving.see('.transfers-incoming .transfer-card', name).locator('.transfer-card__waiting')).toBe('原工会异议期内，期满无异议即完成转移');
    expect(await receiving.see('.transfers-incoming .transfer-card', name).locator('.transfer-accept, .transfer-object').count()).toBe(0);
  }

  test('a member who changed jobs asks from 我的 to move to 美团郑州骑手工会', async () => {
    await requestTransfer(mover, '美团', '美团郑州骑手工会');
    await mover.shot('40-transfer-requested');
  });

  test('the receiving union’s cadre finds it under 转入本工会 in the office and accepts it', async () => {
    await acceptAsReceivingCadre(MOVER.name);
    await receiving.shot('41-transfer-accepted');
  });

  test('the old union’s cadre sees the member leaving, to which union, and the objection deadline in Zhengzhou time', async () => {
    const listed = await call('GET', '/api/admin/membership-transfers', adminToken);
    const t = listed.body.items.find((x: { memberName: string }) => x.memberName === MOVER.name);
    expect(t.status).toBe('accepted');
    // the end of the fifth working day, in Zhengzhou
    expect(t.objectionDueAt).toMatch(/T23:59:59\+08:00$/);

    await openTransfers(leaving);
    const card = leaving.see('.transfers-outgoing .transfer-card', MOVER.name);
    await textOf(card.locator('.transfer-card__status')).toBe('已接收');
    await textOf(card.locator('.transfer-card__route')).toBe('郑州圆方集团工会 → 美团郑州骑手工会');
    await textOf(card.locator('.transfer-card__due')).toBe(`异议截止 ${formatDateTime(t.objectionDueAt)}`);
    await textOf(card.locator('.transfer-card__due')).toMatch(/^异议截止 \d{4}年\d{1,2}月\d{1,2}日 23:59$/);
    await textOf(card.locator('.transfer-object')).toBe('提出异议');
    expect(await card.locator('.transfer-accept').count()).toBe(0);
    await leaving.shot('42-transfer-outgoing');

    // and the member reads that the new union said yes and when the move completes
    await mover.open('/pages/join/index');
    await textOf(mover.see('.join-transfer-status')).toBe(`转入美团郑州骑手工会：新工会已接收，原工会异议期内（${formatDate(t.objectionDueAt.slice(0, 10))}后完成）`);
  });

  test('the old union objects with a reason, and the member reads 有异议 and the reason', async () => {
    await requestTransfer(objected, '饿了么', '饿了么郑州蓝骑士工会');
    await acceptAsReceivingCadre(OBJECTED.name);

    await openTransfers(leaving);
    const card = leaving.see('.transfers-outgoing .transfer-card', OBJECTED.name);
    await card.locator('.transfer-object').click();
    await card.locator('.transfer-object-input textarea').fill(OBJECTION);
    await card.locator('.transfer-object-send').click();
    const done = leaving.see('.transfers-recent .transfer-card', OBJECTED.name);
    await textOf(done.locator('.transfer-card__status')).toBe('有异议');
    await textOf(done.locator('.transfer-card__reason')).toBe(`异议原因：${OBJECTION}`);
    expect(await leaving.see('.transfers-outgoing .transfer-card', OBJECTED.name).count()).toBe(0);
    await leaving.shot('43-transfer-objected-office');

    // the receiving union sees the outcome too
    await openTransfers(receiving);
    await textOf(receiving.see('.transfers-recent .transfer-card', OBJECTED.name).locator('.transfer-card__status')).toBe('有异议');

    await objected.open('/pages/mine/index');
    await objected.see('.entry-transfer').click();
    await textOf(objected.see('.join-transfer-status')).toBe('转入饿了么郑州蓝骑士工会：原工会有异议，未能转入');
    await textOf(objected.see('.join-transfer-reason')).toBe(`异议原因：${OBJECTION}`);
    // the member may ask again (to the same union or another)
    await objected.see('.join-transfer-start').waitFor();
    await objected.shot('44-transfer-objected-member');
  });

  test('the 会籍转移 tab reads well in both text sizes', async () => {
    for (const large of [false, true]) {
      await leaving.open('/pages/mine/index');
      const toggle = leaving.see('.large-text-switch');
      await toggle.waitFor();
      const checked = await toggle.evaluate((el) => el.classList.contains('nut-switch-open') || el.getAttribute('aria-checked') === 'true');
      if (checked !== large) await toggle.click();
      await expect.poll(() => leaving.page.evaluate(() => !!document.querySelector('.page.large-text')), { timeout: 10_000 }).toBe(large);
      await openTransfers(leaving);
      // the page opened in the first round is still in the page stack, and visible while the new
      // one slides in: the newest is the last; wait for the slide to end before measuring
      await leaving.see('.transfers-recent .transfer-card', OBJECTED.name).last().waitFor();
      await leaving.settle();
      await expect.poll(() => leaving.see('.transfers-recent .transfer-card', OBJECTED.name).count(), { timeout: 10_000 }).toBe(1);
      expect(await layoutProblems(leaving.page)).toEqual([]);
      await leaving.shot(`45-transfers-${large ? 'large' : 'normal'}`);
    }
  });
});
