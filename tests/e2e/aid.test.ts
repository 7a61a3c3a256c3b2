// 帮扶助学 (issue #17) in the phone, on the demo's 2026年金秋助学: 张伟 applies with two photos,
// the grassroots cadre 刘洋 returns it for one document, 张伟 replaces that photo and resubmits, 刘洋
// and the city admin approve, the admin starts the notice (anyone sees 张*), records the payment,
// and 张伟 sees 已发放.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

const PROGRAMME = '2026年金秋助学';
// A tiny PNG (the server checks the bytes, not the name): one per document.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201e2a0c4a00000000049454e44ae426082', 'hex');

async function photo(phone: Phone, key: string, name: string) {
  const chooser = phone.page.waitForEvent('filechooser');
  await phone.press(`.aid-doc-pick-${key}`);
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: PNG });
  // the size shows only once this upload has answered
  await phone.see(`.aid-doc[data-key="${key}"] .aid-doc__state--done`, /已上传（\d+ KB）/).waitFor();
}

/**
 * The H5 router keeps one instance per page path: opening the same page with other query
 * parameters by its address would show the instance already in the stack. A reload starts afresh.
 */
async function openFresh(phone: Phone, hashPath: string) {
  await phone.open(hashPath);
  await phone.page.reload();
}

async function openReview(phone: Phone, level: 'grassroots' | 'city') {
  await openFresh(phone, '/packages/office/aid/index');
  await phone.see('.aid-program-chip', PROGRAMME).click();
  await phone.see(`.aid-level-tab[data-level="${level}"]`).click();
}

describe('帮扶助学', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let zhang: Phone;
  let cadre: Phone;
  let admin: Phone;
  let applicationId = '';
  let programId = '';

  beforeAll(async () => {
    browser = await launchChromium();
    [zhang, cadre, admin] = await Promise.all([0, 1, 2].map(() => openPhone(browser, base)));
    await Promise.all([zhang.logInAs('member-zhang'), cadre.logInAs('cadre-liu'), admin.logInAs('admin')]);
  });
  watchPhones(() => [zhang, cadre, admin]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a member checks eligibility, fills the form prefilled from the roster, adds two photos and applies', async () => {
    await zhang.open('/pages/aid/index');
    const card = zhang.see('.aid-program', PROGRAMME);
    programId = (await card.getAttribute('data-id')) ?? '';
    await card.locator('.aid-apply').click();
    await textOf(zhang.see('.aid-check__title')).toBe('✓ 您符合申请条件');
    await textOf(zhang.see('.aid-form')).toContain('张伟');
    await textOf(zhang.see('.aid-form')).toContain('郑州圆方集团工会');

    await zhang.see('.aid-child-name input').fill('张小雨');
    await zhang.see('.aid-school input').fill('郑州大学');
    await photo(zhang, 'admission_letter', '录取通知书.png');
    await photo(zhang, 'hardship_proof', '困难证明.png');
    await zhang.shot('aid-form');
    await zhang.press('.aid-submit');

    await zhang.page.waitForURL(/pages\/aid\/index\?id=\d+/);
    applicationId = /id=(\d+)/.exec(zhang.page.url())?.[1] ?? '';
    await textOf(zhang.see('.aid-head .aid-status')).toBe('待基层工会审核');
    await textOf(zhang.see('.aid-head')).toContain('¥5,000.00');
    expect(applicationId).not.toBe('');
  });

  test('the grassroots cadre returns it naming the wrong document, with the deadline shown', async () => {
    await openReview(cadre, 'grassroots');
    const item = cadre.see(`.aid-review[data-id="${applicationId}"]`);
    await textOf(item).toContain('张伟');
    await textOf(item.locator('.aid-review__due')).toMatch(/\d{4}年\d+月\d+日/);
    await item.locator('.aid-return').click();
    await cadre.see('.aid-return-doc[data-key="hardship_proof"]').click();
    await cadre.see('.aid-reason input').fill('困难证明照片不清楚，请重新拍摄');
    await cadre.press('.aid-confirm-return');
    await expect.poll(() => cadre.see(`.aid-review[data-id="${applicationId}"]`).count(), { timeout: 15_000 }).toBe(0);
  });

  test('the member sees which document is wrong, replaces it and resubmits, keeping the history', async () => {
    await openFresh(zhang, `/pages/aid/index?id=${applicationId}`);
    await textOf(zhang.see('.aid-head .aid-status')).toBe('退回修改');
    await textOf(zhang.see('.aid-returned__doc')).toBe('需重新上传：家庭困难证明');
    await zhang.see('.aid-doc--wrong[data-key="hardship_proof"]').waitFor();
    await zhang.shot('aid-returned');
    await photo(zhang, 'hardship_proof', '困难证明-清晰.png');
    await zhang.press('.aid-resubmit');
    await textOf(zhang.see('.aid-head .aid-status')).toBe('待基层工会审核');
    const statuses = await zhang.see('.timeline-item__status').allTextContents();
    expect(statuses).toEqual(['已提交', '退回修改', '已提交']);
  });

  test('two approvals: the grassroots cadre, then the city admin', async () => {
    await openReview(cadre, 'grassroots');
    await cadre.see(`.aid-review[data-id="${applicationId}"] .aid-approve`).click();
    await cadre.confirmDialog();
    await expect.poll(() => cadre.see(`.aid-review[data-id="${applicationId}"]`).count(), { timeout: 15_000 }).toBe(0);

    await openReview(admin, 'city');
    await admin.see(`.aid-review[data-id="${applicationId}"] .aid-approve`).click();
    await admin.confirmDialog();
    await expect.poll(() => admin.see(`.aid-review[data-id="${applicationId}"]`).count(), { timeout: 15_000 }).toBe(0);

    await openFresh(zhang, `/pages/aid/index?id=${applicationId}`);
    await textOf(zhang.see('.aid-head .aid-status')).toBe('审核通过');
  });

  test('the admin starts the notice; anyone sees the masked name, union and amount', async () => {
    await admin.press('.aid-publicize');
    await admin.confirmDialog();
    await openFresh(zhang, `/pages/aid/index?notice=${programId}`);
    const row = zhang.see('.aid-notice-row', '张*');
    await textOf(row).toContain('郑州圆方集团工会');
    await textOf(row.locator('.aid-notice-row__amount')).toBe('¥5,000.00');
    await textOf(zhang.see('.page-aid')).not.toContain('张伟');
    await textOf(zhang.see('.page-aid')).not.toContain('张小雨');
    await zhang.shot('aid-notice');
  });

  test('the payment is imported and the member sees 已发放', async () => {
    await admin.see('.aid-paid-ids input').fill(applicationId);
    await admin.press('.aid-import-payments');
    await textOf(admin.see('.taro-modal__content')).toContain('登记发放 1 条');
    await admin.confirmDialog();

    await openFresh(zhang, `/pages/aid/index?id=${applicationId}`);
    await textOf(zhang.see('.aid-head .aid-status')).toBe('已发放');
    await textOf(zhang.see('.aid-paid')).toMatch(/^已发放 · \d{4}年/);
    await openFresh(zhang, '/pages/aid/index');
    await textOf(zhang.see('.aid-mine', PROGRAMME).locator('.aid-status')).toBe('已发放');
    await zhang.shot('aid-paid');
  });
});
