// At the door: a member shows the ticket, the cadre (刘洋, 金水区总工会, which covers 郑州圆方集团工会)
// enters its text on the H5 scanner. The activity is the seeded 职工合唱团新春排练 (郑州圆方集团工会).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { countOf, openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

const CHOIR = '职工合唱团新春排练';
const COLOURS = { ok: 'rgb(26, 127, 55)', warn: 'rgb(217, 119, 6)', bad: 'rgb(200, 22, 29)' };

describe('扫码签到', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let member: Phone; // 张伟
  let cadre: Phone; // 刘洋
  let ticket = '';

  const verdict = () => cadre.see('.verdict');
  const background = () => verdict().evaluate((el) => getComputedStyle(el).backgroundColor);
  const enter = async (text: string) => {
    await cadre.see('.ticket-input input').fill(text);
    await cadre.press('.checkin-submit');
  };

  beforeAll(async () => {
    browser = await launchChromium();
    [member, cadre] = await Promise.all([openPhone(browser, base), openPhone(browser, base)]);
  });
  watchPhones(() => [member, cadre]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a member signs up for the choir rehearsal and opens the ticket to show at the door', async () => {
    await member.logInAs('member-zhang');
    await member.see('.activity-card', CHOIR).click();
    await member.press('.signup-button');
    await member.see('.my-reg__ticket').click();
    await member.see('.ticket .ticket-qr').waitFor();
    ticket = (await member.see('.ticket-text').textContent())!.trim();
    // T2, ids in base36 (letters once past 9): the masked holder travels under the signature, so an
    // offline door can name a late registrant.
    expect(ticket).toMatch(/^T2\.[0-9a-z]+\.[0-9a-z]+\.[\w-]+\.[\w-]+$/);
  });

  test('the cadre opens 扫码签到 for the activity, enters the ticket and sees 签到成功 in green with the member name', async () => {
    await cadre.logInAs('cadre-liu');
    await cadre.tab('我的');
    await cadre.see('.entry-cadre').click();
    const card = cadre.see('.managed-card', CHOIR);
    await textOf(card.locator('.managed-card__stats')).toContain('报名 1/50');
    await cadre.shot('09-cadre-manage');
    await card.locator('.open-scan').click();

    await textOf(cadre.see('.scan-head__title')).toBe(CHOIR);
    await textOf(verdict().locator('.verdict__title')).toBe('等待扫码');
    await textOf(cadre.see('.registered-count')).toBe('1');

    await enter(ticket);
    await cadre.see('.verdict--ok').waitFor();
    await textOf(verdict().locator('.verdict__title')).toBe('签到成功');
    await textOf(verdict().locator('.verdict__name')).toContain('张伟');
    await expect.poll(background, { timeout: 10_000 }).toBe(COLOURS.ok);
    await textOf(cadre.see('.checked-in-count')).toBe('1');
    await cadre.shot('10-scan-success');
  });

  test('the same ticket a second time shows 已签到 in amber with the first scan time and who scanned it', async () => {
    await enter(ticket);
    await cadre.see('.verdict--warn').waitFor();
    await textOf(verdict().locator('.verdict__title')).toBe('已签到');
    await textOf(verdict().locator('.verdict__name')).toContain('张伟');
    await textOf(verdict().locator('.verdict__detail')).toMatch(/^首次签到：\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}，由 刘洋 扫码$/);
    await expect.poll(background, { timeout: 10_000 }).toBe(COLOURS.warn);
    await textOf(cadre.see('.checked-in-count')).toBe('1');
    await cadre.shot('11-scan-already');
  });

  test('a ticket with a forged signature shows 票据无效 in red and checks nobody in', async () => {
    const [head, signature] = [ticket.slice(0, ticket.lastIndexOf('.') + 1), ticket.slice(ticket.lastIndexOf('.') + 1)];
    const forged = head + (signature[0] === 'A' ? 'B' : 'A') + signature.slice(1);
    await enter(forged);
    await cadre.see('.verdict--bad').waitFor();
    await textOf(verdict().locator('.verdict__title')).toBe('票据无效');
    await countOf(verdict().locator('.verdict__name')).toBe(0);
    await expect.poll(background, { timeout: 10_000 }).toBe(COLOURS.bad);
    await cadre.shot('12-scan-invalid');

    // Not a ticket at all (a shop's QR code, say): the same refusal.
    await enter('https://example.com/not-a-ticket');
    await textOf(verdict().locator('.verdict__title')).toBe('票据无效');
    await textOf(cadre.see('.checked-in-count')).toBe('1');
  });

  test('the roster shows the member as 已签到 and the counts match', async () => {
    await cadre.see('.scan-links .nut-button').click();
    await cadre.see('.roster-row').first().waitFor();
    await textOf(cadre.see('.roster-head .checked-in-count')).toBe('1');
    await textOf(cadre.see('.roster-head .not-yet-count')).toBe('0');
    const row = cadre.see('.roster-row', '张伟');
    await textOf(row.locator('.pill')).toBe('已签到');
    await cadre.shot('13-roster');
  });

  test("the member's ticket page, open all along, now shows 已签到 with the time (no reload)", async () => {
    await textOf(member.see('.ticket__status')).toBe('已签到');
    await textOf(member.see('.ticket__stamp')).toBe('已签到');
    await textOf(member.see('.ticket')).toMatch(/签到时间：\d{4}年/);
  });
});
