// 互助金申请 in the browser (issue #17): 李娜 applies with a photo of the document her plan asks for,
// the claims officer 陈静 asks for a missing one, 李娜 adds it, the officer moves it on; 李娜 sees one
// timeline. (李娜, not 张伟: the 互助保障 test reads 张伟's seeded claims on the same server.)
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
  let li: Phone;
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
    [li, chen] = await Promise.all([openPhone(browser, base), openPhone(browser, base)]);
    await Promise.all([li.logInAs('member-li'), chen.logInAs('officer-chen')]);
  });
  watchPhones(() => [li, chen]);
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
    await li.tab('互助保障');
    await li.press('.claim-apply-button');
    await li.see('.plan-choice', '重大疾病互助保障').click();
    await li.see('.field-incident').click();
    await li.see('.weui-picker__action', '确定').click();
    await li.see('.field-amount input').fill('1234.56');
    await li.see('.field-description textarea').fill('确诊后住院治疗');
    await attach(li, 'diagnosis', photo('diagnosis.jpg'));
    await attach(li, 'other', photo('other.jpg'));
    await li.shot('claim-apply-form');
    await li.press('.claim-apply-submit');
    await li.page.waitForURL(/pages\/claim\/index\?id=/);
    claimPath = new URL(li.page.url()).hash.slice(1);
    await textOf(li.see('.claim-head .claim-status')).toBe('已提交');
    await textOf(li.see('.page-claim')).toContain('¥1,234.56');
    expect(await li.see('.claim-document').allTextContents()).toEqual([expect.stringContaining('诊断证明'), expect.stringContaining('其他材料')]);
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
    await li.open(claimPath);
    await textOf(li.see('.claim-missing')).toBe('请补充住院费用清单');
    await attach(li, 'expense_list', photo('expenses.jpg'));
    await li.press('.claim-add-documents');
    await textOf(li.see('.claim-head .claim-status')).toBe('审核中');
    expect(await li.see('.claim-document').count()).toBe(3);
  });

  test('the officer approves it and the member sees one timeline from 已提交 to 已核定', async () => {
    const id = /id=(\d+)/.exec(claimPath)?.[1];
    await chen.open(`/packages/office/claim/index?id=${id}`);
    await textOf(chen.see('.claim-head .claim-status')).toBe('审核中');
    await chen.see('.officer-claim-amount input').fill('1000');
    await chen.press('.officer-claim-approve');
    await chen.confirmDialog();
    await textOf(chen.see('.claim-head .claim-status')).toBe('已核定');

    await li.open(claimPath);
    await textOf(li.see('.claim-head .claim-status')).toBe('已核定');
    await textOf(li.see('.claim-approved')).toBe('¥1,000.00');
    const statuses = await li.see('.timeline-item__status').allTextContents();
    expect(statuses).toEqual(['已提交', '审核中', '待补充材料', '审核中', '已核定']);
    const notes = await li.see('.timeline-item__note').allTextContents();
    expect(notes).toEqual(expect.arrayContaining(['请补充住院费用清单', '会员已补充材料：费用清单']));
    await li.shot('claim-application-timeline');
  });
});
