// The door with bad signal (issue #12). The admin runs the door of 基层工会干部业务培训班 (a city
// activity open to all members; no other browser test touches it): a dropped network in online
// mode, 补签 by name for a member without a phone, offline scans that upload by themselves when
// the network returns, and a member's ticket page that turns 已签到 without a reload.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

const TRAINING = '基层工会干部业务培训班';

describe('签到现场：信号不好的门口', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let rider: Phone; // 王强
  let li: Phone; // 李娜
  let zhang: Phone; // 张伟
  let door: Phone; // 市总工会管理员
  const tickets: Record<string, string> = {};

  const verdict = () => door.see('.verdict');
  const enter = async (text: string) => {
    await door.see('.ticket-input input').fill(text);
    await door.press('.checkin-submit');
  };

  /** A member signs up for the training and opens the ticket page; returns the ticket's text. */
  async function signUpAndShowTicket(phone: Phone, openid: string) {
    await phone.logInAs(openid);
    await phone.see('.activity-card', TRAINING).click();
    await phone.press('.signup-button');
    await phone.see('.my-reg__ticket').click();
    await phone.see('.ticket .ticket-qr').waitFor();
    return (await phone.see('.ticket-text').textContent())!.trim();
  }

  beforeAll(async () => {
    browser = await launchChromium();
    [rider, li, zhang, door] = await Promise.all([openPhone(browser, base), openPhone(browser, base), openPhone(browser, base), openPhone(browser, base)]);
  });
  watchPhones(() => [rider, li, zhang, door]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a ticket carries its holder: T2 with the masked name under the signature', async () => {
    tickets.rider = await signUpAndShowTicket(rider, 'rider-wang');
    expect(tickets.rider).toMatch(/^T2\.[0-9a-z]+\.[0-9a-z]+\.[\w-]+\.[\w-]{86}$/);
    expect(tickets.rider.length).toBeLessThanOrEqual(200);
    await textOf(rider.see('.ticket__status')).toBe('报名成功');
  });

  test('online with the network gone: a calm 网络不佳, the code stays, and it goes through once the network is back', async () => {
    await door.logInAs('admin');
    await door.tab('我的');
    await door.see('.entry-cadre').click();
    await door.see('.managed-card', TRAINING).locator('.open-scan').click();
    await textOf(door.see('.scan-head__title')).toBe(TRAINING);

    await door.page.context().setOffline(true);
    await enter(tickets.rider);
    await door.see('.verdict--calm').waitFor();
    await textOf(verdict().locator('.verdict__title')).toBe('网络不佳');
    await expect(door.see('.verdict--bad').count()).resolves.toBe(0);
    await expect(door.see('.ticket-input input').inputValue()).resolves.toBe(tickets.rider);
    await door.shot('20-door-network-calm');

    await door.page.context().setOffline(false);
    await door.press('.checkin-submit');
    await door.see('.verdict--ok').waitFor();
    await textOf(verdict().locator('.verdict__name')).toContain('王强');
    await expect(door.see('.ticket-input input').inputValue()).resolves.toBe('');
  });

  test("the member's open ticket page turns 已签到 by itself, without a reload", async () => {
    await textOf(rider.see('.ticket__status')).toBe('已签到');
    await textOf(rider.see('.ticket__stamp')).toBe('已签到');
  });

  test('补签: a member without a phone is found by name and checked in by hand', async () => {
    await li.logInAs('member-li');
    await li.see('.activity-card', TRAINING).click();
    await li.press('.signup-button');
    await li.see('.my-reg__ticket').waitFor();

    await door.press('.manual-open');
    await door.see('.manual-search-input input').fill('李娜');
    await door.press('.manual-search');
    const row = door.see('.manual-result', '李娜');
    await textOf(row.locator('.manual-result__status')).toBe('未签到');
    await row.locator('.manual-confirm').click();
    await door.confirmDialog();
    await door.see('.verdict--ok').waitFor();
    await textOf(verdict().locator('.verdict__title')).toBe('补签成功');
    await textOf(verdict().locator('.verdict__name')).toContain('李娜');
    await textOf(row.locator('.manual-result__status')).toMatch(/^已签到（/);
    await textOf(door.see('.checked-in-count')).toBe('2');
    await door.shot('21-door-manual');
  });

  test('offline scans upload by themselves when the network returns, and the pending count falls to 0', async () => {
    tickets.zhang = await signUpAndShowTicket(zhang, 'member-zhang');

    await door.see('.offline-switch').click();
    await door.confirmDialog();
    await textOf(door.see('.offline-pack')).toMatch(/离线名单：3 人/);

    await door.page.context().setOffline(true);
    await enter(tickets.zhang);
    await door.see('.verdict--ok').waitFor();
    await textOf(verdict().locator('.verdict__name')).toContain('张伟');
    await textOf(verdict().locator('.verdict__offline')).toBe('离线核验');
    await textOf(door.see('.offline-queue__count')).toBe('待同步 1 条签到');
    await textOf(door.see('.checked-in-count')).toBe('3');
    await textOf(door.see('.registered-count')).toBe('3');
    await door.shot('22-door-offline-pending');

    // Nobody taps 立即同步: the network coming back is enough.
    await door.page.context().setOffline(false);
    await textOf(door.see('.offline-queue__count')).toBe('待同步 0 条签到');
    await textOf(door.see('.offline-queue')).toContain('已全部同步');
    await expect(door.see('.conflicts').count()).resolves.toBe(0);

    // The server has it: the member's page says so too.
    await textOf(zhang.see('.ticket__status')).toBe('已签到');
  });
});
