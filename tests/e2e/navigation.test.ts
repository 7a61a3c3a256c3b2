// Where a person lands (issue #14, item 5): back on the activity after binding from it, on the
// shared page after logging in, and at the first mistake of a form that refused to submit.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoIdNumber } from '../../scripts/seed-demo.js';
import { launchChromium } from './support/browser.js';
import { logInFresh, tokenFor } from './support/login.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

const CHOIR = '职工合唱团新春排练';
// A roster member no demo login is bound to (scripts/seed-demo.ts: roster person 8 + 5).
const UNBOUND = { name: '杨超', idNumber: demoIdNumber(25) };

describe('navigation', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let binder: Phone;
  let visitor: Phone;
  let cadre: Phone;
  let choirId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    [binder, visitor, cadre] = await Promise.all([0, 1, 2].map(() => openPhone(browser, base)));
    const list = (await (await fetch(`${base}/api/activities?limit=50`, { headers: { Authorization: `Bearer ${(await tokenFor(base, 'member-li')).token}` } })).json()) as { items: { id: string; title: string }[] };
    choirId = list.items.find((a) => a.title === CHOIR)!.id;
  });
  watchPhones(() => [binder, visitor, cadre]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a person who binds from an activity’s sign-up lands back on that activity', async () => {
    await logInFresh(binder, base, 'nav-binder');
    await binder.open(`/pages/activity/index?id=${choirId}`);
    await textOf(binder.see('.activity-head__title')).toBe(CHOIR);
    await binder.press('.signup-button');
    await binder.confirmDialog();
    await binder.see('.bind-form').waitFor();
    await binder.see('.bind-name input').fill(UNBOUND.name);
    await binder.see('.bind-id-number input').fill(UNBOUND.idNumber);
    await binder.see('.bind-consent__box').click();
    await binder.press('.bind-button');
    await binder.page.waitForURL(new RegExp(`#/pages/activity/index\\?id=${choirId}`), { timeout: 15_000 });
    await textOf(binder.see('.activity-head__title')).toBe(CHOIR);
    await binder.shot('nav-back-on-activity-after-binding');
  });

  test('a shared activity link opened while logged out shows that activity after login', async () => {
    await visitor.open(`/pages/activity/index?id=${choirId}`);
    await visitor.page.waitForURL(/#\/pages\/login\/index\?redirect=/, { timeout: 15_000 });
    await visitor.see('.demo-user[data-openid="member-li"]').click();
    await visitor.page.waitForURL(new RegExp(`#/pages/activity/index\\?id=${choirId}`), { timeout: 15_000 });
    await textOf(visitor.see('.activity-head__title')).toBe(CHOIR);
  });

  test('a refused form brings its first mistake into view', async () => {
    await cadre.logInAs('cadre-liu');
    await cadre.open('/packages/cadre/activity-form/index');
    await cadre.see('.submit-activity').waitFor();
    await cadre.see('.submit-activity').scrollIntoViewIfNeeded();
    await cadre.press('.submit-activity');
    const first = cadre.see('.field-error').first();
    await first.waitFor();
    await expect
      .poll(async () => {
        const box = await first.boundingBox();
        return !!box && box.y >= 0 && box.y + box.height <= 844;
      }, { timeout: 10_000 })
      .toBe(true);
  });
});

