// 入会 in the phone (issue #15): a rider with no workplace union joins through the gig channel, the
// cadre of 饿了么郑州蓝骑士工会 (马骁, seeded by scripts/seed-join.ts) approves, and the rider signs up
// for an activity at once; a rejection with a reason the worker reads, and a new application.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { logInFresh } from './support/login.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';

/** A checksummed ID number no demo person has. */
function idNumber(seq: number): string {
  const first17 = `41010519950${(process.pid % 9) + 1}${String(10 + seq).padStart(2, '0')}${String(300 + seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

describe('入会：在线申请、审核、报名', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let rider: Phone;
  let cadre: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    [rider, cadre] = await Promise.all([openPhone(browser, base), openPhone(browser, base)]);
  });
  watchPhones(() => [rider, cadre]);
  afterAll(async () => {
    await browser?.close();
  });

  async function applyAsRider(phone: Phone, name: string, id: string) {
    await phone.see('.join-channel-gig').click();
    await phone.see('.join-name input').fill(name);
    await phone.see('.join-id-number input').fill(id);
    await phone.see('.join-platforms .join-chip', '饿了么').click();
    await phone.see('.join-districts .join-chip', '金水区').click();
    await phone.see('.join-phone input').fill('13800099881');
    await phone.press('.join-button');
  }

  async function openQueue() {
    await cadre.open('/packages/office/join/index');
    await cadre.see('.join-tab-queue').waitFor();
  }

  test('a rider applies through the gig channel, is routed to the 饿了么 union and sees where it went and by when', async () => {
    await logInFresh(rider, base, `e2e-rider-${process.pid}`);
    await rider.open('/pages/join/index');
    await rider.see('.join-form').waitFor();
    // nothing is sent before the privacy notice is accepted
    await applyAsRider(rider, '吴新骑', idNumber(1));
    await textOf(rider.see('.join-error')).toMatch(/隐私保护指引/);
    await rider.see('.join-consent__box').click();
    await rider.press('.join-button');
    await textOf(rider.see('.join-status__title')).toBe('入会申请审核中');
    await textOf(rider.see('.join-status')).toContain('饿了么郑州蓝骑士工会');
    await textOf(rider.see('.join-due')).toMatch(/^审核期限：\d{4}年\d{1,2}月\d{1,2}日前$/);
    await rider.shot('30-join-submitted');
  });

  test('the union’s cadre sees it in 入会审核 with the ID number masked and approves it', async () => {
    await cadre.logInAs('cadre-eleme');
    await openQueue();
    const card = cadre.see('.join-app', '吴新骑');
    await card.waitFor();
    await textOf(card).toMatch(/身份证 \d{3}\*+\d{3}[\dX]/);
    expect(await card.textContent()).not.toContain(idNumber(1));
    await textOf(card).toContain('新就业形态 · 饿了么 · 金水区');
    await cadre.shot('31-join-queue');
    await card.locator('.join-approve').click();
    await cadre.confirmDialog();
    await expect.poll(() => cadre.see('.join-app', '吴新骑').count(), { timeout: 15_000 }).toBe(0);
  });

  test('the rider is a member at once, has 入会即送 accident cover, and signs up for an activity', async () => {
    await rider.open('/pages/join/index');
    await textOf(rider.see('.join-status__title')).toBe('入会申请已通过');
    await rider.shot('32-join-approved');
    // the join page is no tab page: the tab bar shows on the tab pages themselves
    await rider.open('/pages/insurance/index');
    await textOf(rider.see('.coverage-card__name', '意外伤害互助保障')).toBe('意外伤害互助保障');
    await rider.tab('活动');
    await rider.see('.activity-card').first().waitFor();
    await rider.see('.activity-card', '户外劳动者免费健康体检').click();
    await textOf(rider.see('.signup-button')).toBe('报名');
    await rider.press('.signup-button');
    await textOf(rider.see('.my-reg__title')).toBe('报名成功');
  });

  test('the new member starts a 会籍转移 to another union from the same page', async () => {
    await rider.open('/pages/join/index');
    await rider.press('.join-transfer-start');
    await rider.see('.join-transfer-filter input').fill('美团');
    await rider.see('.join-transfer-org', '美团郑州骑手工会').click();
    await rider.confirmDialog();
    await textOf(rider.see('.join-transfer-status')).toBe('转入美团郑州骑手工会：等待新工会接收');
  });

  test('a rejection with a reason reaches the worker, who applies again', async () => {
    const second = await openPhone(browser, base);
    try {
      await logInFresh(second, base, `e2e-rider2-${process.pid}`);
      await second.open('/pages/join/index');
      await second.see('.join-form').waitFor();
      await second.see('.join-consent__box').click();
      await applyAsRider(second, '郑再申', idNumber(2));
      await textOf(second.see('.join-status__title')).toBe('入会申请审核中');

      await openQueue();
      const card = cadre.see('.join-app', '郑再申');
      await card.locator('.join-reject').click();
      await cadre.see('.join-reject-input textarea').fill('身份证号与姓名不一致，请核对后重新申请');
      await cadre.see('.join-reject-send').click();
      await expect.poll(() => cadre.see('.join-app', '郑再申').count(), { timeout: 15_000 }).toBe(0);

      await second.open('/pages/join/index');
      await textOf(second.see('.join-status__title')).toBe('入会申请未通过');
      await textOf(second.see('.join-reject-reason')).toBe('未通过原因：身份证号与姓名不一致，请核对后重新申请');
      await second.shot('33-join-rejected');
      await second.press('.join-again');
      await second.see('.join-consent__box').click();
      await applyAsRider(second, '郑再申', idNumber(2));
      await textOf(second.see('.join-status__title')).toBe('入会申请审核中');
      await openQueue();
      await cadre.see('.join-app', '郑再申').waitFor();
    } finally {
      await second.close();
    }
  });
});
