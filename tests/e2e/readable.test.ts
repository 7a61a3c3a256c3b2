// 适老化: every page, in the normal text size and in 大字模式, at 390×844, with no text that
// overflows its box, is cut off, runs over other text, splits a number or date over two lines or
// leaves the screen (tests/e2e/support/layout.ts says how each is found).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { layoutProblems } from './support/layout.js';
import { logInFresh } from './support/login.js';
import { openPhone, watchPhones, type Phone } from './support/phone.js';

/** Opens a page, waits until it has loaded, and answers what is broken on it. */
async function problemsOn(phone: Phone, hashPath: string, ready: string) {
  await phone.open(hashPath);
  await phone.see(ready).first().waitFor({ timeout: 20_000 });
  await phone.page.waitForFunction(() => !Array.from(document.querySelectorAll<HTMLElement>('.state-loading')).some((e) => e.offsetParent !== null), undefined, { timeout: 20_000 });
  await phone.settle();
  return layoutProblems(phone.page);
}

async function setLargeText(phone: Phone, on: boolean) {
  await phone.open('/pages/mine/index');
  const toggle = phone.see('.large-text-switch');
  await toggle.waitFor();
  const checked = await toggle.evaluate((el) => el.classList.contains('nut-switch-open') || el.getAttribute('aria-checked') === 'true');
  if (checked !== on) await toggle.click();
  await expect.poll(() => phone.page.evaluate(() => !!document.querySelector('.page.large-text')), { timeout: 10_000 }).toBe(on);
}

type Visit = { name: string; path: string | (() => Promise<string>); ready: string };

describe('every page reads well in both text sizes', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let member: Phone; // 张伟
  let newcomer: Phone; // someone not bound to the roster
  let cadre: Phone; // 刘洋
  let anonymous: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    [member, newcomer, cadre, anonymous] = await Promise.all([0, 1, 2, 3].map(() => openPhone(browser, base)));
    await member.logInAs('member-zhang');
    await logInFresh(newcomer, base, 'readable-unbound');
    await cadre.logInAs('cadre-liu');
  });
  watchPhones(() => [member, newcomer, cadre, anonymous]);
  afterAll(async () => {
    await browser?.close();
  });

  const firstId = (phone: Phone, listPath: string, selector: string) => async () => {
    await phone.open(listPath);
    const el = phone.see(selector).first();
    await el.waitFor();
    return (await el.getAttribute('data-id'))!;
  };

  const memberPages: Visit[] = [
    { name: '活动（首页）', path: '/pages/activities/index', ready: '.activity-card' },
    { name: '活动详情', path: async () => `/pages/activity/index?id=${await firstId(member, '/pages/activities/index', '.activity-card')()}`, ready: '.activity-head' },
    { name: '我的报名', path: '/pages/my-registrations/index', ready: '.registration-card, .state-empty' },
    { name: '互助保障', path: '/pages/insurance/index', ready: '.claim-card' },
    { name: '理赔详情', path: async () => `/pages/claim/index?id=${await firstId(member, '/pages/insurance/index', '.claim-card')()}`, ready: '.claim-timeline' },
    { name: '我的', path: '/pages/mine/index', ready: '.member-card' },
    { name: '申请互助金', path: '/pages/claim-apply/index', ready: '.claim-apply-submit' },
  ];
  const newcomerPages: Visit[] = [
    { name: '互助保障（未绑定）', path: '/pages/insurance/index', ready: '.state-error' },
    { name: '我的报名（未绑定）', path: '/pages/my-registrations/index', ready: '.state-error, .state-empty' },
    { name: '实名绑定', path: '/pages/bind/index', ready: '.bind-form' },
    { name: '我的（未绑定）', path: '/pages/mine/index', ready: '.unbound-card' },
  ];
  const cadrePages: Visit[] = [
    { name: '工会干部', path: '/packages/cadre/manage/index', ready: '.managed-card' },
    { name: '报名名单', path: async () => `/packages/cadre/roster/index?id=${await firstId(cadre, '/packages/cadre/manage/index', '.managed-card')()}`, ready: '.roster-head' },
    { name: '发布活动', path: '/packages/cadre/activity-form/index', ready: '.submit-activity' },
  ];

  for (const large of [false, true]) {
    const size = large ? '大字模式' : '标准字号';
    test(`a member’s pages in ${size}`, async () => {
      await setLargeText(member, large);
      const found: Record<string, unknown[]> = {};
      for (const v of memberPages) {
        const problems = await problemsOn(member, typeof v.path === 'string' ? v.path : await v.path(), v.ready);
        if (problems.length) found[v.name] = problems;
        await member.shot(`readable-member-${large ? 'large' : 'normal'}-${v.name}`);
      }
      expect(found).toEqual({});
    });

    test(`an unbound person’s pages in ${size}, without 重试 beside 请先完成实名绑定`, async () => {
      await setLargeText(newcomer, large);
      const found: Record<string, unknown[]> = {};
      for (const v of newcomerPages) {
        const problems = await problemsOn(newcomer, typeof v.path === 'string' ? v.path : await v.path(), v.ready);
        if (problems.length) found[v.name] = problems;
        await newcomer.shot(`readable-newcomer-${large ? 'large' : 'normal'}-${v.name}`);
      }
      expect(found).toEqual({});
      await newcomer.open('/pages/insurance/index');
      await newcomer.see('.state-error').waitFor();
      expect(await newcomer.see('.state-error').textContent()).toContain('实名绑定');
      expect(await newcomer.see('.state-retry').count()).toBe(0);
    });

    test(`a cadre’s pages in ${size}`, async () => {
      await setLargeText(cadre, large);
      const found: Record<string, unknown[]> = {};
      for (const v of cadrePages) {
        const problems = await problemsOn(cadre, typeof v.path === 'string' ? v.path : await v.path(), v.ready);
        if (problems.length) found[v.name] = problems;
        await cadre.shot(`readable-cadre-${large ? 'large' : 'normal'}-${v.name}`);
      }
      expect(found).toEqual({});
    });
  }

  test('the check itself finds each defect the issue lists, drawn into a page', async () => {
    await anonymous.open('/pages/login/index');
    await anonymous.see('.demo-user').first().waitFor();
    await anonymous.page.evaluate(() => {
      const page = Array.from(document.querySelectorAll<HTMLElement>('.taro_page')).filter((p) => getComputedStyle(p).display !== 'none').pop()!;
      const fixture = document.createElement('div');
      fixture.className = 'layout-fixture';
      fixture.innerHTML = [
        // a button whose text is taller than its fixed height, cut off at the top
        '<div class="clip-button" style="height:20px;overflow:hidden;display:flex;align-items:center;font-size:30px">报名</div>',
        // a date broken inside a number by break-all in a narrow right-aligned value
        '<div style="display:flex;width:150px"><span style="flex-shrink:0;margin-right:12px">活动时间</span><span class="split-date" style="word-break:break-all;text-align:right;font-size:19px">12月1日 周二 09:00 至 12月4日 周五 17:00</span></div>',
        // two texts drawn over each other (a glyph over a title)
        '<div style="position:relative;height:40px"><span class="glyph" style="position:absolute;top:0;left:0;font-size:30px">空</span><span class="title" style="position:absolute;top:5px;left:5px">暂无活动</span></div>',
        // a label that does not fit its box
        '<div class="too-wide" style="width:60px;white-space:nowrap;font-size:19px">郑州圆方集团工会</div>',
      ].join('');
      page.prepend(fixture);
    });
    const problems = (await layoutProblems(anonymous.page)).join('\n');
    await anonymous.page.evaluate(() => document.querySelector('.layout-fixture')?.remove());
    expect(problems).toContain('clipped: div.clip-button');
    expect(problems).toMatch(/split: span\.split-date “(\d+|\d+月\d+日|周.)”/);
    expect(problems).toContain('overlap: span.glyph × span.title');
    expect(problems).toContain('overflow: div.too-wide');
  });

  test('the login page reads well', async () => {
    expect(await problemsOn(anonymous, '/pages/login/index', '.demo-user')).toEqual([]);
  });

  test('in 大字模式 the tab labels grow with the rest of the text', async () => {
    await setLargeText(member, true);
    await member.tab('活动');
    const size = await member.page.locator('.weui-tabbar__label').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(14);
    expect(await layoutProblems(member.page)).toEqual([]);
  });
});
