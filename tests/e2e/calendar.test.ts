// 节假日设置 in the browser (issue #15): in December the demo admin is reminded that next year's
// 调休 days are missing, opens the page, enters a range of 休 days and a 调休 working Sunday by
// tapping the month view, and the reminder goes. The phone's clock is held at 1 December 2026
// (the reminder's month); the server's calendar is the seeded one (012: 2027 statutory days only).
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { layoutProblems } from './support/layout.js';
import { openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

describe('节假日设置', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let admin: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    admin = await openPhone(browser, base);
    await admin.page.clock.setFixedTime(new Date('2026-12-01T10:00:00+08:00'));
    await admin.logInAs('admin');
  });
  watchPhones(() => [admin]);
  afterAll(async () => {
    await browser?.close();
  });

  test('the admin is reminded of the missing 2027 调休 days, enters a range of 休 days and a 班 day, the reminder goes, and a day entered by mistake is removed', async () => {
    // the office home, in December: the reminder, and the page among the admin's sections
    await admin.open('/packages/office/index/index');
    await textOf(admin.see('.calendar-warning')).toContain('2027年的调休安排尚未录入');
    await admin.see('.office-entry[data-section="calendar"]').click();

    // the page opens on next year, with the same reminder
    await textOf(admin.see('.calendar-year.chip--on')).toBe('2027年');
    await textOf(admin.see('.calendar-warning')).toContain('2027年的调休安排尚未录入');
    // the seeded statutory days are listed by holiday
    await textOf(admin.see('.calendar-group[data-name="春节"] .calendar-group__runs')).toBe('2月5日—2月8日（4天）');
    await admin.shot('calendar-before');

    // a range of 休 days, tapped in the month view: 2月9日 to 2月11日, 春节
    await admin.see('.calendar-view[data-view="month"]').click();
    await textOf(admin.see('.calendar-month__label')).toBe('2027年1月');
    await admin.press('.calendar-month-next');
    await textOf(admin.see('.calendar-month__label')).toBe('2027年2月');
    await admin.see('.calendar-cell[data-day="2027-02-09"]').click();
    await admin.see('.calendar-cell[data-day="2027-02-11"]').click();
    await textOf(admin.see('.calendar-from')).toBe('2月9日 周二');
    await textOf(admin.see('.calendar-to')).toBe('2月11日 周四');
    await admin.see('.calendar-name-chip[data-name="春节"]').click();
    await admin.press('.calendar-save');
    await textOf(admin.see('.calendar-cell[data-day="2027-02-10"] .calendar-cell__mark')).toBe('休');
    // 休 days alone do not make the year complete
    await textOf(admin.see('.calendar-warning')).toContain('2027年的调休安排尚未录入');

    // a 调休 working Sunday: 2月14日, 春节调休上班
    await admin.see('.calendar-kind[data-kind="work"]').click();
    await admin.see('.calendar-cell[data-day="2027-02-14"]').click();
    await admin.see('.calendar-name-chip[data-name="春节"]').click();
    expect(await admin.see('.calendar-name').locator('input').inputValue()).toBe('春节调休上班');
    await admin.press('.calendar-save');
    await textOf(admin.see('.calendar-cell[data-day="2027-02-14"] .calendar-cell__mark')).toBe('班');
    await expect.poll(() => admin.see('.calendar-warning').count(), { timeout: 15_000 }).toBe(0);
    await admin.shot('calendar-month-after');

    // the list shows both, grouped by name
    await admin.see('.calendar-view[data-view="list"]').click();
    await textOf(admin.see('.calendar-group[data-name="春节"] .calendar-group__runs')).toBe('2月5日—2月11日（7天）');
    await textOf(admin.see('.calendar-group[data-name="春节调休上班"] .calendar-day')).toContain('2月14日 周日');

    // a day entered by mistake is removed: the ordinary week again
    await admin.see('.calendar-day[data-day="2027-02-11"] .calendar-remove').click();
    await admin.confirmDialog();
    await textOf(admin.see('.calendar-group[data-name="春节"] .calendar-group__runs')).toBe('2月5日—2月10日（6天）');
    await admin.shot('calendar-list-after');

    // and the office home no longer reminds
    await admin.page.goBack();
    await admin.see('.office-entry').first().waitFor();
    await expect.poll(() => admin.see('.calendar-warning').count(), { timeout: 15_000 }).toBe(0);
  });

  test('节假日设置 reads well in 大字模式, as a list and as a month', async () => {
    await admin.open('/pages/mine/index');
    await admin.see('.large-text-switch').click();
    await admin.see('.page.large-text').first().waitFor();
    await admin.open('/packages/office/calendar/index');
    await admin.see('.calendar-group').first().waitFor();
    await admin.settle();
    const found: Record<string, string[]> = {};
    const list = await layoutProblems(admin.page);
    if (list.length) found.list = list;
    await admin.shot('calendar-large-list');
    await admin.see('.calendar-view[data-view="month"]').click();
    await admin.see('.calendar-cell').first().waitFor();
    await admin.settle();
    const month = await layoutProblems(admin.page);
    if (month.length) found.month = month;
    await admin.shot('calendar-large-month');
    expect(found).toEqual({});
  });
});
