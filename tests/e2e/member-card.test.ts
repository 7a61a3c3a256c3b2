// The member card at a venue (issue #15): 张伟 opens 电子会员卡 and shows the code; 刘洋 (a cadre)
// checks it on 核验会员码: a fresh code is valid, a code made three minutes ago (a screenshot) is
// refused. The member's phone runs on Playwright's clock, so "three minutes ago" is the phone's own
// clock turned back, not a code written by the test. Offline, the card still shows (离线) and the
// venue's phone still decides with the key it kept.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

describe('电子会员卡与核验会员码', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let zhang: Phone;
  let venue: Phone;
  const codes: string[] = [];

  const codeOnScreen = async () => (await zhang.see('.card-code-text').textContent())!.trim();
  const check = async (code: string) => {
    await venue.see('.mc-input textarea').fill(code);
    await venue.press('.mc-check');
  };

  beforeAll(async () => {
    browser = await launchChromium();
    [zhang, venue] = await Promise.all([openPhone(browser, base), openPhone(browser, base)]);
    // The member's phone keeps real time until the test turns it back.
    await zhang.page.clock.install();
  });
  watchPhones(() => [zhang, venue]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a member opens 电子会员卡 from 我的 and sees name, number, union, joined date, status and the member code', async () => {
    await zhang.logInAs('member-zhang');
    await zhang.tab('我的');
    await zhang.see('.entry-card').click();
    await textOf(zhang.see('.member-card-full__name')).toBe('张伟');
    await textOf(zhang.see('.member-card-full__org')).toBe('郑州圆方集团工会');
    await textOf(zhang.see('.card-status')).toBe('正常');
    await expect.poll(async () => (await zhang.see('.card-joined').textContent())?.trim()).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await zhang.see('.member-code-qr').waitFor();
    codes.push(await codeOnScreen());
    expect(codes[0]).toMatch(/^MC1\./);
    await zhang.shot('member-card');
  });

  test('a cadre at the venue checks the fresh code: 有效, with the member number masked', async () => {
    await venue.logInAs('cadre-liu');
    await venue.tab('我的');
    await venue.see('.entry-verify-card').click();
    await textOf(venue.see('.mc-verdict__title')).toBe('等待核验');
    await check(codes[0]);
    await textOf(venue.see('.mc-verdict__title')).toBe('有效');
    await expect.poll(async () => (await venue.see('.mc-verdict__name').textContent())?.trim()).toMatch(/^张伟\s+\*+\d{4}$/);
    await textOf(venue.see('.mc-verdict__line', '郑州圆方集团工会')).toBe('郑州圆方集团工会');
    await venue.shot('member-code-valid');
  });

  test('a code made three minutes ago (a screenshot) is refused: 已过期', async () => {
    await zhang.page.clock.setSystemTime(Date.now() - 3 * 60_000);
    // The card redraws the code on its own (it looks every 5 s); the new one is dated three minutes back.
    await expect.poll(codeOnScreen, { timeout: 15_000 }).not.toBe(codes[0]);
    const old = await codeOnScreen();
    await check(old);
    await textOf(venue.see('.mc-verdict__title')).toBe('已过期');
    await venue.shot('member-code-expired');
  });

  test('without network the card still shows, marked 离线, with a fresh code the venue takes', async () => {
    await zhang.page.clock.setSystemTime(Date.now());
    await zhang.page.context().setOffline(true);
    await zhang.page.goBack();
    await zhang.see('.entry-card').click();
    await textOf(zhang.see('.card-offline')).toBe('离线');
    await expect.poll(codeOnScreen, { timeout: 15_000 }).not.toBe('');
    const offlineCode = await codeOnScreen();
    await check(offlineCode);
    await textOf(venue.see('.mc-verdict__title')).toBe('有效');
    await zhang.page.context().setOffline(false);
  });

  test('the venue without network decides on the phone with the key it kept (本机核验), and still refuses an altered code', async () => {
    const fresh = await codeOnScreen();
    await venue.page.context().setOffline(true);
    await check(fresh);
    await textOf(venue.see('.mc-verdict__offline')).toBe('本机核验');
    await textOf(venue.see('.mc-verdict__title')).toBe('有效');
    const i = fresh.length - 10;
    await check(fresh.slice(0, i) + (fresh[i] === 'A' ? 'B' : 'A') + fresh.slice(i + 1));
    await textOf(venue.see('.mc-verdict__title')).toBe('无效');
    await venue.page.context().setOffline(false);
  });
});
