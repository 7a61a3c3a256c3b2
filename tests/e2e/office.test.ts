// The union office in the phone (issue #14), driven for each role of the demo: the admin
// (市总工会管理员), the cadre 刘洋 (金水区总工会) and the claims officer 陈静. Needs the office
// endpoints (members, orgs, claims lookups, spreadsheet imports, service keys, statistics).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { demoIdNumber } from '../../scripts/seed-demo.js';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';
import { launchChromium } from './support/browser.js';
import { layoutProblems } from './support/layout.js';
import { tokenFor } from './support/login.js';
import { countOf, openPhone, textOf, watchPhones, type Phone } from './support/phone.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
// Far from the demo roster's ID numbers (demoIdNumber 0–7, 20–211) and its roster file's (600–).
const NEW_MEMBER = { name: '郑新会', idNumber: demoIdNumber(700), phone: '13912345678', householdNo: '410105070001' };
const BAD_ID = (() => {
  const good = demoIdNumber(701);
  const wrong = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'X'].find((c) => c !== idNumberCheckChar(good.slice(0, 17)))!;
  return good.slice(0, 17) + wrong;
})();

async function rosterXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('会员名册');
  ws.addRow(['姓名', '身份证号', '手机号', '户号']);
  ws.addRow([NEW_MEMBER.name, NEW_MEMBER.idNumber, NEW_MEMBER.phone, NEW_MEMBER.householdNo]);
  ws.addRow(['钱错号', BAD_ID, '13912345679', null]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function openOffice(phone: Phone) {
  await phone.tab('我的');
  await phone.see('.entry-office').click();
  await phone.see('.office-entry').first().waitFor();
}

async function sections(phone: Phone): Promise<string[]> {
  return phone.see('.office-entry').evaluateAll((els) => els.map((e) => e.getAttribute('data-section') ?? ''));
}

async function enter(phone: Phone, section: string) {
  await phone.open('/packages/office/index/index');
  await phone.see(`.office-entry[data-section="${section}"]`).click();
}

async function chooseOrg(phone: Phone, picker: string, name: string) {
  await phone.see(`${picker} .org-picker__field`).click();
  await phone.see(`${picker} .org-option`, new RegExp(`^${name}$`)).click();
}

/** The file dialog of the H5 import page answered with a file, as a person picks one. */
async function pickFile(phone: Phone, name: string, mimeType: string, buffer: Buffer) {
  const chooser = phone.page.waitForEvent('filechooser');
  await phone.press('.pick-file');
  await (await chooser).setFiles({ name, mimeType, buffer });
  await textOf(phone.see('.picked-file__name')).toBe(name);
}

/** Whether a chart's canvas has anything drawn on it. */
async function chartDrawn(phone: Phone, chart: string): Promise<boolean> {
  return phone.see(`${chart} canvas`).evaluate((c: HTMLCanvasElement) => {
    const ctx = c.getContext('2d');
    if (!ctx || !c.width || !c.height) return false;
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) return true;
    return false;
  });
}

describe('工会办公', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let admin: Phone;
  let cadre: Phone;
  let officer: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    [admin, cadre, officer] = await Promise.all([0, 1, 2].map(() => openPhone(browser, base)));
    await Promise.all([admin.logInAs('admin'), cadre.logInAs('cadre-liu'), officer.logInAs('officer-chen')]);
  });
  watchPhones(() => [admin, cadre, officer]);
  afterAll(async () => {
    await browser?.close();
  });

  test('each role reaches the office from 我的 and sees only what it may do; a member sees no entry', async () => {
    await openOffice(admin);
    expect(await sections(admin)).toEqual(['join', 'transfers', 'import_members', 'import_coverage', 'import_claims', 'members', 'claims', 'orgs', 'stats', 'keys', 'aid', 'station_reports', 'import_stations', 'station_reliability', 'calendar']);
    await openOffice(cadre);
    expect(await sections(cadre)).toEqual(['join', 'transfers', 'import_members', 'members', 'stats', 'aid', 'station_reports', 'import_stations', 'station_reliability']);
    await openOffice(officer);
    expect(await sections(officer)).toEqual(['import_coverage', 'import_claims', 'claims']);
    await admin.shot('office-admin-home');

    const member = await openPhone(browser, base);
    await member.logInAs('member-zhang');
    await member.tab('我的');
    await member.see('.member-card').waitFor();
    expect(await member.see('.entry-office').count()).toBe(0);
    await member.close();
  });

  test('the admin imports a roster spreadsheet into a union and sees the new member and the refused row with its row number, never the ID number', async () => {
    await enter(admin, 'import_members');
    await chooseOrg(admin, '.import-org', '金水区文化路街道联合工会');
    await pickFile(admin, '会员名册.xlsx', XLSX, await rosterXlsx());
    await admin.press('.start-import');
    await admin.see('.import-result').waitFor({ timeout: 60_000 });
    await textOf(admin.see('.import-created')).toBe('1');
    await textOf(admin.see('.import-rejected-count')).toBe('1');
    const rejected = admin.see('.rejected-row');
    await textOf(rejected.locator('.rejected-row__where')).toMatch(/^第 3 行/);
    expect(await rejected.textContent()).toMatch(/[\u4e00-\u9fff]/);
    expect(await admin.see('.page-office-import').textContent()).not.toContain(BAD_ID.slice(6, 14));
    await admin.shot('office-import-result');
  });

  test('the import page saves the template spreadsheet', async () => {
    const download = admin.page.waitForEvent('download');
    await admin.press('.download-template');
    expect((await download).suggestedFilename()).toMatch(/\.xlsx$/);
  });

  test('the admin finds the new member, sees the imported 户号 and changes it, sets a member group, grants and removes a role', async () => {
    await enter(admin, 'members');
    await admin.see('.member-search input').fill(NEW_MEMBER.name);
    await admin.press('.member-search-go');
    await admin.see('.member-row', NEW_MEMBER.name).click();
    await admin.see('.member-detail').waitFor();
    const detail = (await admin.see('.member-detail').textContent()) ?? '';
    expect(detail).toContain('金水区文化路街道联合工会');
    expect(detail).toContain('未绑定');
    expect(detail).not.toContain(NEW_MEMBER.idNumber);
    expect(detail).toMatch(/\*{4,}/);
    await textOf(admin.see('.member-household-no')).toBe(NEW_MEMBER.householdNo);

    await admin.see('.household-input input').fill('410105070002');
    await admin.press('.save-household');
    await textOf(admin.see('.member-household-no')).toBe('410105070002');
    await admin.see('.save-household').waitFor({ state: 'detached' });

    await admin.see('.group-chip[data-group="model_worker"]').click();
    await admin.press('.save-groups');
    await admin.see('.save-groups').waitFor({ state: 'detached' });
    await expect.poll(() => admin.see('.group-chip[data-group="model_worker"]').getAttribute('class')).toContain('chip--on');

    await admin.see('.role-choice[data-role="claims_officer"]').click();
    await admin.press('.grant-role');
    await admin.see('.role-row[data-role="claims_officer"]').waitFor();
    await admin.shot('office-member-roles');
    await admin.see('.role-row[data-role="claims_officer"] .revoke-role').click();
    await admin.confirmDialog();
    await countOf(admin.see('.role-row[data-role="claims_officer"]')).toBe(0);
  });

  test('the admin adds a union under 金水区总工会, renames it, and reads member counts per union', async () => {
    await enter(admin, 'orgs');
    const jinshui = admin.see('.org-row', /^金水区总工会/).first();
    await textOf(jinshui.locator('.org-row__counts').first()).toMatch(/^本级 \d+ 人 · 含下级 \d+ 人$/);
    await jinshui.locator('.add-child-org').first().click();
    await admin.see('.org-name-input input').fill('金水区测试街道联合工会');
    await admin.press('.save-org');
    const added = admin.see('.org-row', '金水区测试街道联合工会');
    await added.waitFor();
    await added.locator('.rename-org').click();
    await admin.see('.org-name-input input').fill('金水区花园路街道联合工会');
    await admin.press('.save-org');
    await admin.see('.org-row', '金水区花园路街道联合工会').waitFor();
    await admin.shot('office-orgs');
  });

  test('the admin creates a service key, sees it once, the key works, and stops working once revoked', async () => {
    await enter(admin, 'keys');
    await admin.see('.key-name input').fill('互助保障系统');
    await admin.see('.key-role[data-role="claims_officer"]').click();
    await admin.press('.create-key');
    const key = ((await admin.see('.new-key__value').textContent()) ?? '').trim();
    expect(key.length).toBeGreaterThan(20);
    const row = admin.see('.api-key-row', '互助保障系统');
    await textOf(row.locator('.api-key-status')).toBe('使用中');
    expect(await row.textContent()).not.toContain(key);
    await admin.shot('office-key-created');

    const lookup = () => fetch(`${base}/api/admin/claims?limit=1`, { headers: { Authorization: `Bearer ${key}` } });
    expect((await lookup()).status).toBe(200);

    await admin.press('.hide-key');
    expect(await admin.see('.new-key__value').count()).toBe(0);
    await row.locator('.revoke-key').click();
    await admin.confirmDialog();
    await textOf(row.locator('.api-key-status')).toBe('已停用');
    const refused = await lookup();
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('KEY_REVOKED');
  });

  test('the admin’s attendance page draws its charts on the device', async () => {
    await enter(admin, 'stats');
    await admin.see('.stat-total').first().waitFor();
    await expect.poll(() => admin.see('.stat-total').count()).toBe(4);
    if (await admin.see('.chart-by-category').count()) await expect.poll(() => chartDrawn(admin, '.chart-by-category')).toBe(true);
    await expect.poll(() => chartDrawn(admin, '.chart-by-month')).toBe(true);
    await admin.shot('office-stats-admin');
  });

  test('the cadre finds members of his subtree only, cannot grant roles, and sees his union’s attendance with an activity’s curves', async () => {
    await enter(cadre, 'members');
    await cadre.see('.member-search input').fill('王强');
    await cadre.press('.member-search-go');
    await cadre.see('.state-empty').waitFor();
    await cadre.see('.member-search input').fill('张伟');
    await cadre.press('.member-search-go');
    await cadre.see('.member-row', '张伟').click();
    await cadre.see('.member-detail').waitFor();
    await textOf(cadre.see('.member-binding')).toContain('已绑定');
    expect(await cadre.see('.grant-role').count()).toBe(0);

    await enter(cadre, 'stats');
    await textOf(cadre.see('.stats-org .org-picker__value')).toBe('金水区总工会');
    await cadre.see('.stat-total').first().waitFor();
    await expect.poll(() => chartDrawn(cadre, '.chart-by-month')).toBe(true);
    await cadre.shot('office-stats-cadre');
    // Sign-ups and check-ins of one of his activities (this month or the one before).
    if ((await cadre.see('.stats-activity').count()) === 0) await cadre.press('.month-prev');
    await cadre.see('.stats-activity').first().click();
    await cadre.see('.page-office-activity-stats .card').first().waitFor();
    if (await cadre.see('.chart-signups').count()) await expect.poll(() => chartDrawn(cadre, '.chart-signups')).toBe(true);
    await cadre.shot('office-activity-stats');
  });

  test('the claims officer imports a coverage CSV and finds a claim by number and by member, opening the officer view', async () => {
    const zhangId = demoIdNumber(0);
    await enter(officer, 'import_coverage');
    const csv = `身份证号,保障项目,年度,开始日期,结束日期\n${zhangId},意外伤害互助保障,2026,2026-01-01,2026-12-31\n${zhangId},不存在的项目,2026,2026-01-01,2026-12-31\n`;
    await pickFile(officer, '保障名单.csv', 'text/csv', Buffer.from(csv, 'utf8'));
    await officer.press('.start-import');
    await officer.see('.import-result').waitFor({ timeout: 60_000 });
    await textOf(officer.see('.import-rejected-count')).toBe('1');
    await textOf(officer.see('.rejected-row__where')).toMatch(/^第 3 行/);
    expect(await officer.see('.import-result').textContent()).not.toContain(zhangId);

    const claims = (await (await fetch(`${base}/api/me/claims`, { headers: { Authorization: `Bearer ${(await tokenFor(base, 'member-zhang')).token}` } })).json()) as { items: { claimNo: string }[] };
    const claimNo = claims.items[0].claimNo;
    await enter(officer, 'claims');
    await officer.see('.claim-no-search input').fill(claimNo);
    await officer.press('.claim-search-go');
    await officer.see('.officer-claim-row', claimNo).click();
    await officer.see('.officer-claim-member').waitFor();
    await textOf(officer.see('.officer-claim-member')).toContain('张伟');
    expect(await officer.see('.officer-claim-member').textContent()).not.toContain(zhangId);
    await officer.see('.audit-notice').waitFor();
    await officer.see('.claim-timeline .timeline-item').first().waitFor();
    await officer.shot('office-officer-claim');

    await enter(officer, 'claims');
    await officer.see('.claims-mode[data-mode="member"]').click();
    await officer.see('.member-search input').fill('张伟');
    await officer.press('.member-search-go');
    await officer.see('.member-row', '张伟').click();
    await countOf(officer.see('.officer-claim-row')).toBe(claims.items.length);
  });

  test('the office pages read well in 大字模式', async () => {
    await admin.open('/pages/mine/index');
    await admin.see('.large-text-switch').click();
    await admin.see('.page.large-text').first().waitFor();
    const found: Record<string, string[]> = {};
    for (const section of ['import_members', 'members', 'claims', 'orgs', 'stats', 'keys', 'aid']) {
      await enter(admin, section);
      await admin.page.waitForFunction(() => !Array.from(document.querySelectorAll<HTMLElement>('.state-loading')).some((e) => e.offsetParent !== null), undefined, { timeout: 20_000 });
      await admin.settle();
      const problems = await layoutProblems(admin.page);
      if (problems.length) found[section] = problems;
      await admin.shot(`office-large-${section}`);
    }
    expect(found).toEqual({});
  });
});
