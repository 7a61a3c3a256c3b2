// Members on their phones: bind, sign up, land on the waitlist, cancel, get promoted. The seeded
// tour "黄河文化一日游" has 2 seats and a waitlist; the tests below run in order on it.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { countOf, openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

const TOUR = '黄河文化一日游';

describe('报名、候补与递补', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let zhou: Phone; // newcomer, binds as 周敏
  let zhang: Phone;
  let li: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    [zhou, zhang, li] = await Promise.all([openPhone(browser, base), openPhone(browser, base), openPhone(browser, base)]);
  });
  watchPhones(() => [zhou, zhang, li]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a newcomer picks the demo login, accepts the privacy notice, binds as 周敏 with her ID number and roster phone and sees her masked member card', async () => {
    await zhou.open('/pages/login/index');
    await zhou.see('.demo-user').first().waitFor();
    await textOf(zhou.see('.section-title')).toBe('选择一位演示用户登录');
    await zhou.shot('01-login');

    await zhou.logInAs('newcomer');
    await zhou.shot('02-activities');
    await zhou.tab('我的');
    await textOf(zhou.see('.unbound-card__title')).toBe('尚未实名绑定');
    await zhou.press('.bind-entry');

    // Nothing is sent before the privacy notice is accepted.
    await zhou.see('.bind-name input').fill('周敏');
    await zhou.see('.bind-id-number input').fill('410105199203150021');
    await zhou.press('.bind-button');
    await textOf(zhou.see('.bind-error')).toMatch(/隐私保护指引/);
    await zhou.see('.bind-consent__box').click();

    // A wrong checksum is refused on the phone, before anything is sent.
    await zhou.press('.bind-button');
    await textOf(zhou.see('.field-error').first()).toMatch(/身份证/);

    // The roster phone stands in for WeChat's getPhoneNumber in the browser demo.
    await zhou.see('.bind-id-number input').fill('410105199203150020');
    await zhou.see('.bind-phone input').fill('13800055433');
    await zhou.press('.bind-button');
    await zhou.see('.member-card').waitFor();
    await textOf(zhou.see('.member-card__name')).toBe('周敏');
    const card = await zhou.see('.member-card').innerText();
    expect(card).toContain('410***********0020');
    expect(card).not.toContain('410105199203150020');
    await zhou.shot('03-mine');
  });

  test('the bound member signs up for the tour and sees 报名成功 with the ticket QR, also on the ticket page', async () => {
    await zhou.tab('活动');
    await zhou.see('.activity-card', TOUR).click();
    await textOf(zhou.see('.signup-button')).toBe('报名');
    await textOf(zhou.see('.seats-detail')).toContain('剩余 2');
    await zhou.press('.signup-button');

    await zhou.see('.my-reg .ticket-qr').waitFor();
    await textOf(zhou.see('.my-reg__title')).toBe('报名成功');
    await textOf(zhou.see('.signup-button')).toBe('已报名');
    await textOf(zhou.see('.seats-detail')).toContain('已报 1，剩余 1');
    await zhou.shot('04-activity-signed-up');

    await zhou.see('.my-reg__ticket').click();
    await zhou.see('.ticket .ticket-qr').waitFor();
    await textOf(zhou.see('.ticket__status')).toBe('报名成功');
    await textOf(zhou.see('.ticket-text')).toMatch(/^T2\./);
    await zhou.shot('05-ticket');
    await zhou.page.goBack();
    await zhou.see('.cancel-button').waitFor();
  });

  test('when the seats are gone, the next member lands on the waitlist and sees her place', async () => {
    await zhang.logInAs('member-zhang');
    await zhang.see('.activity-card', TOUR).click();
    await zhang.press('.signup-button');
    await zhang.see('.my-reg .ticket-qr').waitFor();

    await li.logInAs('member-li');
    const card = li.see('.activity-card', TOUR);
    await textOf(card.locator('.seats-left')).toBe('名额已满 · 可候补');
    await card.click();
    await textOf(li.see('.signup-button')).toBe('候补');
    await li.press('.signup-button');

    await li.see('.my-reg--waitlisted').waitFor();
    await textOf(li.see('.my-reg__title')).toBe('已登记候补');
    await textOf(li.see('.waitlist-position')).toMatch(/候补第\s*1\s*位/);
    await countOf(li.see('.ticket-qr')).toBe(0);
    await li.shot('06-waitlisted');
  });

  test('when the first member cancels, the waitlisted member is promoted and sees 报名成功 with her ticket', async () => {
    await zhou.press('.cancel-button');
    await textOf(zhou.see('.taro-modal__title')).toBe('取消报名');
    await zhou.confirmDialog();
    await countOf(zhou.see('.my-reg')).toBe(0);
    await textOf(zhou.see('.signup-button')).toBe('候补');

    // Back on the list and into the activity again, 李娜 finds her seat.
    await li.page.goBack();
    const card = li.see('.activity-card', TOUR);
    await textOf(card.locator('.my-registration-badge')).toBe('已报名');
    await card.click();
    await li.see('.my-reg .ticket-qr').waitFor();
    await textOf(li.see('.my-reg__title')).toBe('报名成功');
    await textOf(li.see('.cancel-button')).toBe('取消报名');
    await li.shot('07-promoted');

    await li.page.goBack();
    await li.tab('我的');
    await li.see('.entry-my-registrations').click();
    const row = li.see('.registration-card', TOUR);
    await textOf(row).toContain('已报名');
    await li.shot('08-my-registrations');
  });
});
