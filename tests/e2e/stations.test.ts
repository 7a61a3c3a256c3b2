// Love stations in the phone (issue #18): two riders standing at 金水区's centre (the browser's
// geolocation, in WGS-84 as a browser gives it), the list nearest first, the toilet filter, two
// members reporting the same station closed, and the cadre of its union resolving it.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { countOf, openPhone, textOf, watchPhones, type Phone } from './support/phone.js';
import { DEMO_POINT } from '../../scripts/seed-stations.js';
import { gcj02ToWgs84 } from '../../shared/domain/geo.js';

/** The phone stands at the demo point: the browser reports its WGS-84 position, the app converts it. */
async function standAtDemoPoint(phone: Phone) {
  const w = gcj02ToWgs84(DEMO_POINT.lat, DEMO_POINT.lng);
  const context = phone.page.context();
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ latitude: w.lat, longitude: w.lng, accuracy: 10 });
}

const names = (phone: Phone) => phone.see('.station-card .station-card__name').allTextContents();
const card = (phone: Phone, name: string) => phone.see('.station-card', name);

async function reportClosed(phone: Phone, name: string) {
  await card(phone, name).locator('.station-report').click();
  await phone.see('.taro-actionsheet__cell', '没开门').click();
  // the optional photo step: this report goes without one
  await textOf(phone.see('.taro-modal__title')).toBe('添加照片');
  await phone.see('.taro-model__cancel', '不加照片').click();
}

// A tiny PNG (the server checks the bytes, not the name).
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a0c4a00000000049454e44ae426082', 'hex');

describe('爱心驿站', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let zhang: Phone;
  let li: Phone;
  let cadre: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    [zhang, li, cadre] = await Promise.all([0, 1, 2].map(() => openPhone(browser, base)));
    await Promise.all([zhang.logInAs('member-zhang'), li.logInAs('member-li'), cadre.logInAs('cadre-liu')]);
    await Promise.all([standAtDemoPoint(zhang), standAtDemoPoint(li)]);
  });
  watchPhones(() => [zhang, li, cadre]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a rider sees the nearest stations first, filters by toilet, two riders report one closed, and the union reopens it', async () => {
    await zhang.open('/pages/stations/index');
    await countOf(zhang.see('.station-card')).toBeGreaterThan(5);
    expect((await names(zhang)).slice(0, 2)).toEqual(['农业路爱心驿站', '文化路环卫驿站']);
    await textOf(card(zhang, '农业路爱心驿站').locator('.station-card__distance')).toMatch(/^\d+ 米$/);
    await zhang.shot('stations-list');

    await zhang.see('.station-filter--toilet').click();
    await textOf(zhang.see('.station-card .station-card__name').first()).toBe('文化路环卫驿站');
    const cards = zhang.see('.station-card');
    const n = await cards.count();
    for (let i = 0; i < n; i++) expect(await cards.nth(i).locator('.station-service--toilet').count()).toBe(1);

    const station = '文化路环卫驿站';
    await reportClosed(zhang, station);
    // one member's report alone does not mark it
    await zhang.page.waitForTimeout(500);
    await countOf(card(zhang, station).locator('.station-status')).toBe(0);

    await li.open('/pages/stations/index');
    await card(li, station).waitFor();
    await reportClosed(li, station);
    await textOf(card(li, station).locator('.station-status')).toBe('有人反映未开放');
    await li.shot('stations-reported-closed');

    await cadre.open('/packages/office/station-reports/index');
    const report = cadre.see('.station-report', station).filter({ hasText: '没开门' }).first();
    await report.waitFor();
    await textOf(report.locator('.station-report__status')).toBe('驿站状态：有人反映未开放');
    await report.locator('.station-report__input textarea').fill('已联系站点，恢复开放');
    await report.locator('.station-report__resolve').click();
    await countOf(cadre.see('.station-report', station).filter({ hasText: '没开门' })).toBe(1);

    await li.page.reload();
    await card(li, station).waitFor();
    await countOf(card(li, station).locator('.station-status')).toBe(0);
    await textOf(card(li, station).locator('.station-open')).toMatch(/^营业中/);
  });

  test('a rider reports a dirty station with a photo, and the union’s cadre opens it with 查看照片', async () => {
    const station = '文化路环卫驿站';
    await zhang.open('/pages/stations/index');
    await zhang.page.reload();
    await card(zhang, station).locator('.station-report').click();
    await zhang.see('.taro-actionsheet__cell', '卫生差').click();
    await textOf(zhang.see('.taro-modal__title')).toBe('添加照片');
    const chooser = zhang.page.waitForEvent('filechooser');
    // the photo goes through a resumable upload session; its last chunk answers 201 with the upload
    const uploaded = zhang.page.waitForResponse((r) => /\/api\/uploads\/sessions\/[0-9a-f-]{36}$/.test(r.url()) && r.request().method() === 'PUT' && r.status() !== 200);
    const reported = zhang.page.waitForResponse((r) => /\/api\/stations\/\d+\/reports$/.test(r.url()) && r.request().method() === 'POST');
    await zhang.confirmDialog();
    await (await chooser).setFiles({ name: '现场.png', mimeType: 'image/png', buffer: PNG });
    const upload = await uploaded;
    expect(upload.status()).toBe(201);
    const uploadId = (await upload.json()).id as string;
    const report = await reported;
    expect(report.status()).toBe(201);
    expect(report.request().postDataJSON()).toEqual({ kind: 'dirty', uploadId });

    await cadre.open('/packages/office/station-reports/index');
    await cadre.page.reload();
    const item = cadre.see('.station-report', station).filter({ hasText: '卫生差' }).first();
    await textOf(item.locator('.station-report__photo')).toBe('查看照片');
    // reports without a photo offer none
    await countOf(cadre.see('.station-report').filter({ hasText: '没开门' }).locator('.station-report__photo')).toBe(0);
    const read = cadre.page.waitForResponse((r) => r.url().endsWith(`/api/uploads/${uploadId}`));
    const popup = cadre.page.context().waitForEvent('page');
    await item.locator('.station-report__photo').click();
    expect((await read).status()).toBe(200);
    await (await popup).close();
    await cadre.shot('station-report-photo');
  });

  test('a rider who refuses the location chooses a district and still gets a list', async () => {
    const refuser = await openPhone(browser, base);
    try {
      await refuser.logInAs('rider-wang');
      await refuser.page.context().clearPermissions();
      await refuser.open('/pages/stations/index');
      await refuser.see('.district-choice', '二七区').click();
      await countOf(refuser.see('.station-card')).toBeGreaterThan(0);
      await textOf(refuser.see('.stations-where__label')).toContain('二七区');
    } finally {
      await refuser.close();
    }
  });
});
