// 互助金申请 in the browser (issue #17): 张伟 applies with a photo of each document, the claims
// officer 陈 asks for a missing one, 张伟 adds it, the officer moves it on; 张伟 sees one timeline.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

// A tiny real JPEG (1×1 px), as a phone camera would hand over (much smaller).
const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

describe('互助金申请', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let zhang: Phone;
  let chen: Phone;
  const dir = mkdtempSync(path.join(tmpdir(), 'claim-photos-'));
  const photo = (name: string) => {
    const file = path.join(dir, name);
    writeFileSync(file, Buffer.concat([JPEG, Buffer.from(name)]));
    return file;
  };
  let claimPath = '';

  beforeAll(async () => {
    browser = await launchChromium();
    [zhang, chen] = await Promise.all([openPhone(browser, base), openPhone(browser, base)]);
    await Promise.all([zhang.logInAs('member-zhang'), chen.logInAs('officer-chen')]);
  });
  watchPhones(() => [zhang, chen]);
  afterAll(async () => {
    await browser?.close();
  });

  async function attach(phone: Phone, key: string, file: string) {
    const chooser = phone.page.waitForEvent('filechooser');
    await phone.see(`.doc-row--${key} .doc-row__album`).click();
    await (await chooser).setFiles(file);
    await phone.see(`.doc-row--${key} .doc-file__ok`).first().waitFor();
  }

  test('a member applies with a photo of each document the plan asks for and sees the claim submitted', async () => {
    await zhang.tab('互助保障');
    await zhang.press('.claim-apply-button');
    await zhang.see('.plan-choice', '惠工保住院医疗互助保障').click();
    await zhang.see('.field-incident').click();
    await zhang.see('.weui-picker__action', '确定').click();
    await zhang.see('.field-amount input').fill('1234.56');
    await zhang.see('.field-description textarea').fill('肺炎住院五天');
    await attach(zhang, 'invoice', photo('invoice.jpg'));
    await attach(zhang, 'discharge_summary', photo('summary.jpg'));
    await zhang.shot('claim-apply-form');
    await zhang.press('.claim-apply-submit');
    await zhang.page.waitForURL(/pages\/claim\/index\?id=/);
    claimPath = new URL(zhang.page.url()).hash.slice(1);
    await textOf(zhang.see('.claim-head .claim-status')).toBe('已提交');
    await textOf(zhang.see('.page-claim')).toContain('¥1,234.56');
    expect(await zhang.see('.claim-document').allTextContents()).toEqual([expect.stringContaining('医疗费用发票'), expect.stringContaining('出院小结')]);
  });

  test('the officer accepts it, opens a document, and asks for what is missing', async () => {
    const id = /id=(\d+)/.exec(claimPath)?.[1];
    await chen.open(`/packages/office/claim/index?id=${id}`);
    await chen.see('.officer-claim-documents').waitFor();
    const popup = chen.page.context().waitForEvent('page');
    await chen.see('.officer-claim-document__open').first().click();
    await (await popup).close();
    await chen.press('.officer-claim-accept');
    await chen.confirmDialog();
    await textOf(chen.see('.claim-head .claim-status')).toBe('审核中');
    await chen.see('.officer-claim-note textarea').fill('请补充住院费用清单');
    await chen.press('.officer-claim-needs-info');
    await chen.confirmDialog();
    await textOf(chen.see('.claim-head .claim-status')).toBe('待补充材料');
  });

  test('the member sees what is missing, adds it, and the claim is back under review', async () => {
    await zhang.open(claimPath);
    await textOf(zhang.see('.claim-missing')).toBe('请补充住院费用清单');
    await attach(zhang, 'expense_list', photo('expenses.jpg'));
    await zhang.press('.claim-add-documents');
    await textOf(zhang.see('.claim-head .claim-status')).toBe('审核中');
    expect(await zhang.see('.claim-document').count()).toBe(3);
  });

  test('the officer approves it and the member sees one timeline from 已提交 to 已核定', async () => {
    const id = /id=(\d+)/.exec(claimPath)?.[1];
    await chen.open(`/packages/office/claim/index?id=${id}`);
    await textOf(chen.see('.claim-head .claim-status')).toBe('审核中');
    await chen.see('.officer-claim-amount input').fill('1000');
    await chen.press('.officer-claim-approve');
    await chen.confirmDialog();
    await textOf(chen.see('.claim-head .claim-status')).toBe('已核定');

    await zhang.open(claimPath);
    await textOf(zhang.see('.claim-head .claim-status')).toBe('已核定');
    await textOf(zhang.see('.claim-approved')).toBe('¥1,000.00');
    const statuses = await zhang.see('.timeline-item__status').allTextContents();
    expect(statuses).toEqual(['已提交', '审核中', '待补充材料', '审核中', '已核定']);
    const notes = await zhang.see('.timeline-item__note').allTextContents();
    expect(notes).toEqual(expect.arrayContaining(['请补充住院费用清单', '会员已补充材料：费用清单']));
    await zhang.shot('claim-application-timeline');
  });
});
