// 互助保障 as 张伟 sees it: his coverage this year and his claims, one of them paid after the
// claims officer asked for more papers (seeded by scripts/seed-demo.ts).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

describe('互助保障', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let zhang: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    zhang = await openPhone(browser, base);
  });
  watchPhones(() => [zhang]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a member opens 互助保障 and sees this year’s coverage and his claims with Chinese statuses and amounts in yuan', async () => {
    await zhang.logInAs('member-zhang');
    await zhang.tab('互助保障');
    await zhang.see('.claim-card').first().waitFor();

    const plans = await zhang.see('.coverage-card__name').allTextContents();
    expect(plans).toEqual(expect.arrayContaining(['在职职工互助保障', '重大疾病互助保障', '惠工保住院医疗互助保障']));

    const paid = zhang.see('.claim-card', '惠工保住院医疗互助保障');
    await textOf(paid.locator('.claim-status')).toBe('已打款');
    await textOf(paid).toContain('¥3,860.50');
    await textOf(paid).toContain('¥2,150.00');
    const open = zhang.see('.claim-card', '意外伤害互助保障');
    await textOf(open.locator('.claim-status')).toBe('审核中');
    await textOf(open).toContain('¥800.00');
    await zhang.shot('14-insurance');
  });

  test('opening the paid claim shows its timeline oldest first, with the officer’s notes and the paid amount', async () => {
    await zhang.see('.claim-card', '惠工保住院医疗互助保障').click();
    await zhang.see('.claim-timeline').waitFor();

    await textOf(zhang.see('.claim-head .claim-status')).toBe('已打款');
    const statuses = await zhang.see('.timeline-item__status').allTextContents();
    expect(statuses).toEqual(['已提交', '审核中', '待补充材料', '审核中', '已核定', '已打款']);
    const notes = await zhang.see('.timeline-item__note').allTextContents();
    expect(notes).toContain('请补充住院费用明细清单（加盖医院公章）');
    expect(notes).toContain('已打款至尾号1234的银行卡');
    await textOf(zhang.see('.timeline-item--current .timeline-item__status')).toBe('已打款');

    await textOf(zhang.see('.claim-approved')).toBe('¥2,150.00');
    await textOf(zhang.see('.claim-paid__v')).toMatch(/^¥2,150\.00（\d{4}年/);
    await textOf(zhang.see('.page-claim')).toContain('¥3,860.50');
    await zhang.shot('15-claim-timeline');
  });
});
