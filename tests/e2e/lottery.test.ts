// A lottery on phones (issue #16): a cadre publishes it on the activity form (抽签, 困难职工 first
// for 40% of the seats) and sees its seed hash, 30 members apply (29 through the API, one on the
// phone), after the close the cadre presses 开始抽签 on 活动管理, a winner's ticket, a loser's
// place, the 公示; and a lottery nobody draws by hand is drawn by the scheduler.
//
// The e2e server runs no local draw timer (tests/e2e/support/app-server.ts: LOCAL_DRAWS=off, no
// CRON_SECRET): the last test calls the cron endpoint itself, as Vercel Cron does, so the
// cadre's 开始抽签 right after the close never races a timer.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Locator } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { countOf, openPhone, textOf, watchPhones, type Phone } from './support/phone.js';
import { logInFresh, tokenFor } from './support/login.js';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';
import { verifyPublishedDraw } from '../../shared/domain/lottery.js';

const tag = `${process.pid % 100000}`;
const openidOf = (i: number) => `lottery-e2e-${tag}-${i}`;
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the date and time a person in Zhengzhou picks. */
function shanghai(ms: number) {
  const d = new Date(ms + 8 * 3600_000);
  return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hh: d.getUTCHours(), mm: d.getUTCMinutes() };
}

/** Taro's H5 picker: the column's item under the indicator, turned to `text` by dragging as a finger would. */
async function turnColumn(phone: Phone, column: Locator, text: string) {
  for (let round = 0; round < 60; round++) {
    const box = (await column.boundingBox())!;
    const centre = box.y + 102 + 17; // the indicator: 102px from the top, one 34px line high
    // the nearest item showing the text (the time columns repeat a few items at each end)
    const offset = await column.evaluate(
      (el, [want, y]) => {
        let best: number | null = null;
        for (const item of Array.from(el.querySelectorAll('.weui-picker__item'))) {
          if (item.textContent?.trim() !== want) continue;
          const r = item.getBoundingClientRect();
          const off = r.top + r.height / 2 - y;
          if (best === null || Math.abs(off) < Math.abs(best)) best = off;
        }
        return best;
      },
      [text, centre] as const,
    );
    if (offset === null) throw new Error(`no ${text} in the picker column`);
    if (Math.abs(offset) < 5) return;
    const stroke = Math.max(-170, Math.min(170, offset));
    const x = box.x + box.width / 2;
    const from = box.y + box.height / 2 + stroke / 2;
    await phone.page.mouse.move(x, from);
    await phone.page.mouse.down();
    await phone.page.mouse.move(x, from - stroke, { steps: 8 });
    await phone.page.mouse.up();
    await phone.page.waitForTimeout(350); // the snap's 0.3 s transition
  }
  throw new Error(`could not turn the picker column to ${text}`);
}

/** Opens one of the form's pickers, turns its columns to `values`, presses 确定. */
async function pick(phone: Phone, field: string, values: string[]) {
  await phone.see(field).click();
  const columns = phone.see('.weui-picker__group');
  await columns.first().waitFor();
  await phone.settle();
  for (const [i, v] of values.entries()) await turnColumn(phone, columns.nth(i), v);
  await phone.see('.weui-picker__action', '确定').click();
  await countOf(phone.see('.weui-picker__group')).toBe(0);
}

async function pickDateTime(phone: Phone, dateField: string, timeField: string, ms: number) {
  const t = shanghai(ms);
  await pick(phone, dateField, [`${t.y}年`, `${pad(t.m)}月`, `${pad(t.d)}日`]);
  await textOf(phone.see(dateField)).toBe(`${t.y}-${pad(t.m)}-${pad(t.d)}`);
  await pick(phone, timeField, [pad(t.hh), pad(t.mm)]);
  await textOf(phone.see(timeField)).toBe(`${pad(t.hh)}:${pad(t.mm)}`);
}

describe('抽签：发布、报名、开奖、公示', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let cadre: Phone;
  let applicant: Phone;
  let winner: Phone;
  let loser: Phone;
  let adminToken: string;
  let orgId: string;
  const title = `疗休养抽签${tag}`;
  let activityId: string;
  let closesAt: number;
  let seedHash: string;
  let drawn: any;
  const tokens: string[] = [];

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };
  const untilClosed = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms - Date.now() + 1000)));

  beforeAll(async () => {
    browser = await launchChromium();
    [cadre, applicant, winner, loser] = await Promise.all([openPhone(browser, base), openPhone(browser, base), openPhone(browser, base), openPhone(browser, base)]);
    adminToken = (await tokenFor(base, 'admin')).token;
    const orgs = await call('GET', '/api/orgs', adminToken);
    orgId = orgs.body.items[0].id as string;
    // 30 roster members, bound by phone on their own openids; every fourth a 困难职工
    const people = Array.from({ length: 30 }, (_, i) => {
      const first17 = `410105198${(i % 10)}0${(i % 9) + 1}1${String(Number(tag) % 100).padStart(2, '0')}${String(i).padStart(2, '0')}`.slice(0, 17);
      return { name: `抽签会员${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i}`, idNumber: first17 + idNumberCheckChar(first17), phone: `139${String(Number(tag) % 10000).padStart(4, '0')}${String(i).padStart(4, '0')}`, groups: i % 4 === 0 ? ['hardship'] : [] };
    });
    const imported = await call('POST', '/api/admin/members/import', adminToken, { orgId, members: people });
    expect(imported.body.rejected).toEqual([]);
    for (const [i, p] of people.entries()) {
      const { token } = await tokenFor(base, openidOf(i));
      const bound = await call('POST', '/api/me/bind', token, { name: p.name, idNumber: p.idNumber, phoneCode: `dev-phone:${p.phone}` });
      expect(bound.status).toBe(200);
      tokens.push(token);
    }
  }, 240_000);
  watchPhones(() => [cadre, applicant, winner, loser]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a cadre publishes a lottery on the form (抽签, 困难职工 first for 40% of 5 seats: 2) and sees its seed hash on the activity', async () => {
    await cadre.logInAs('cadre-liu');
    await cadre.open('/packages/cadre/manage/index');
    await cadre.press('.publish-button');
    await cadre.see('.submit-activity').waitFor();

    await cadre.see('.field-title input').fill(title);
    await pick(cadre, '.field-category', ['疗休养']);
    await textOf(cadre.see('.field-category')).toBe('疗休养');
    await cadre.see('.field-location-name input').fill('郑州市职工疗休养基地');
    await cadre.see('.field-capacity input').fill('5');
    await cadre.see('.field-description textarea').fill('劳模疗休养，名额有限，报名截止后抽签。');
    // Sign-up open from today 00:00 and closing at a whole minute two to three minutes from now:
    // the form's pickers choose any day and minute, so the test waits for a real close.
    const now = Date.now();
    closesAt = Math.ceil((now + 150_000) / 60_000) * 60_000;
    const today = shanghai(now);
    await pickDateTime(cadre, '.field-closesDate', '.field-closesTime', closesAt);
    await pickDateTime(cadre, '.field-opensDate', '.field-opensTime', Date.UTC(today.y, today.m - 1, today.d) - 8 * 3600_000);
    await cadre.see('.audience-all').click();

    await cadre.see('.allocation-lottery').click();
    await textOf(cadre.see('.allocation-lottery')).toBe('抽签');
    await expect.poll(() => cadre.see('.allocation-lottery').getAttribute('class')).toContain('chip--on');
    await cadre.see('.lottery-rules').waitFor();
    expect((await cadre.see('.lottery-rules .chip').allTextContents()).map((t) => t.trim())).toEqual(['困难职工', '劳模', '新就业形态', '一线职工']);
    await cadre.see('.priority-hardship').click();
    await expect.poll(() => cadre.see('.priority-hardship').getAttribute('class')).toContain('chip--on');
    await cadre.see('.field-priority-share input').fill('40');
    await textOf(cadre.see('.lottery-rules .muted', /优先类别/)).toBe('先从优先类别中按抽签顺序抽出 2 个名额，用不完的退回普通名额');
    await cadre.shot('lottery-00-form');

    await cadre.see('.submit-activity').scrollIntoViewIfNeeded();
    await cadre.press('.submit-activity');
    // back on 活动管理, the new card says what it is
    await cadre.page.waitForURL(/#\/packages\/cadre\/manage\/index/, { timeout: 15_000 });
    const card = cadre.see('.managed-card', title);
    await card.waitFor();
    activityId = (await card.getAttribute('data-id'))!;
    await textOf(card.locator('.lottery-stat')).toBe('抽签 · 已报名 0 人');

    const published = await call('GET', `/api/activities/${activityId}`, adminToken);
    expect(published.body).toMatchObject({ category: 'recuperation', allocation: 'lottery', priorityGroups: ['hardship'], priorityShare: 40, capacity: 5, audience: 'all', waitlistEnabled: true });
    expect(new Date(published.body.signupClosesAt).getTime()).toBe(closesAt);
    seedHash = published.body.drawSeedHash;
    expect(seedHash).toMatch(/^[0-9a-f]{64}$/);

    await cadre.open(`/pages/activity/index?id=${activityId}`);
    await textOf(cadre.see('.seed-hash')).toBe(seedHash);
    await cadre.shot('lottery-00-published');
  }, 180_000);

  test('a member applies on the phone and sees 已报名，等待抽签 with the draw time, the applicant count and the seed hash', async () => {
    // 29 apply through the API; the last one on the phone
    for (const token of tokens.slice(0, 29)) expect((await call('POST', `/api/activities/${activityId}/registrations`, token)).body.status).toBe('applied');
    expect(Date.now()).toBeLessThan(closesAt - 10_000);
    await logInFresh(applicant, base, openidOf(29));
    await applicant.open(`/pages/activity/index?id=${activityId}`);
    await textOf(applicant.see('.signup-button')).toBe('报名抽签');
    await textOf(applicant.see('.applicant-count')).toBe('29');
    await textOf(applicant.see('.seed-hash')).toBe(seedHash);
    await applicant.press('.signup-button');
    await applicant.see('.my-reg--applied').waitFor();
    await textOf(applicant.see('.lottery-wait')).toMatch(/^已报名，等待抽签，.+ 开奖$/);
    await textOf(applicant.see('.signup-button')).toBe('待抽签');
    await textOf(applicant.see('.applicant-count')).toBe('30');
    await countOf(applicant.see('.ticket-qr')).toBe(0);
    await applicant.shot('lottery-01-applied');
  }, 120_000);

  test('after the close the cadre presses 开始抽签 on 活动管理: the card says 已开奖 and its 抽签公示 lists all 30', async () => {
    await untilClosed(closesAt);
    await cadre.open('/packages/cadre/manage/index');
    const card = cadre.see(`.managed-card[data-id="${activityId}"]`);
    await card.waitFor();
    await card.scrollIntoViewIfNeeded();
    await textOf(card.locator('.lottery-stat')).toBe('抽签 · 已报名 30 人');
    await countOf(card.locator('.open-draw')).toBe(0);
    await card.locator('.start-draw').click();
    await textOf(cadre.see('.taro-modal__title')).toBe('开始抽签');
    await textOf(cadre.see('.taro-modal__content')).toContain('30 位报名者');
    await cadre.confirmDialog();

    await textOf(card.locator('.lottery-stat')).toBe('抽签 · 已报名 30 人 · 已开奖');
    await textOf(card.locator('.managed-card__stats')).toContain('中签 5/5');
    await countOf(card.locator('.start-draw')).toBe(0);
    await cadre.shot('lottery-02-drawn-by-cadre');
    await card.locator('.open-draw').click();
    await cadre.see('.draw-seed').waitFor();
    await textOf(cadre.see('.draw-total')).toBe('30');
    await countOf(cadre.see('.draw-row[data-rank]')).toBe(30);
    await textOf(cadre.see('.draw-seed-hash')).toBe(seedHash);

    const result = await call('GET', `/api/activities/${activityId}/draw`);
    expect(result.status).toBe(200);
    drawn = result.body;
    expect(drawn.entries).toHaveLength(30);
    expect(drawn.seedHash).toBe(seedHash);
    expect(verifyPublishedDraw(drawn).ok).toBe(true);
    // 8 of the 30 are 困难职工: the 2 priority seats go to them before the draw fills the rest
    const hardshipWinners = drawn.entries.filter((e: any) => e.outcome === 'confirmed' && e.groups.includes('hardship'));
    expect(hardshipWinners.length).toBeGreaterThanOrEqual(2);
  }, 300_000);

  test('then a winner sees 中签 with a ticket, a loser her waitlist place, anyone the 公示', async () => {
    expect(drawn).toBeDefined();
    const mine = await Promise.all(tokens.map((t) => call('GET', `/api/activities/${activityId}`, t)));
    const winnerIndex = mine.findIndex((m) => m.body.myRegistration.status === 'confirmed');
    const loserIndex = mine.findIndex((m) => m.body.myRegistration.status === 'waitlisted' && m.body.myRegistration.waitlistPosition === 3);
    expect(mine.filter((m) => m.body.myRegistration.status === 'confirmed')).toHaveLength(5);

    await logInFresh(winner, base, openidOf(winnerIndex));
    await winner.open(`/pages/activity/index?id=${activityId}`);
    await winner.see('.my-reg .ticket-qr').waitFor();
    await textOf(winner.see('.my-reg__title')).toBe('中签');
    await winner.shot('lottery-03-won');

    await logInFresh(loser, base, openidOf(loserIndex));
    await loser.open(`/pages/activity/index?id=${activityId}`);
    await loser.see('.my-reg--waitlisted').waitFor();
    await textOf(loser.see('.my-reg__title')).toBe('未中签，已进入候补');
    await textOf(loser.see('.waitlist-position')).toMatch(/候补第\s*3\s*位/);
    await countOf(loser.see('.ticket-qr')).toBe(0);
    await loser.shot('lottery-04-waitlisted');

    await loser.press('.draw-result-link');
    await loser.see('.draw-seed').waitFor();
    await textOf(loser.see('.draw-seed')).toBe(drawn.seed);
    await textOf(loser.see('.draw-seed-hash')).toBe(seedHash);
    await textOf(loser.see('.draw-total')).toBe('30');
    await textOf(loser.see('.draw-won')).toBe('5');
    await textOf(loser.see('.draw-explanation__text')).toContain('SHA-256');
    await countOf(loser.see('.draw-row--confirmed')).toBe(5);
    const first = drawn.entries[0];
    const row = loser.see('.draw-row[data-rank="1"]');
    await textOf(row).toContain(first.nameMasked);
    await textOf(row).toContain(first.memberNoMasked);
    expect(await loser.see('.draw-list').innerText()).not.toMatch(/抽签会员/);
    await loser.shot('lottery-05-publicity');
  }, 240_000);

  test('a lottery nobody draws by hand is drawn by the scheduler after its close, and the member sees her outcome', async () => {
    // one seat, no waitlist, two applicants; closing in 20 s
    const iso = (ms: number) => new Date(ms).toISOString();
    const closes = Date.now() + 20_000;
    const small = await call('POST', '/api/activities', adminToken, {
      orgId, title: `书画讲座抽签${tag}`, category: 'lecture', description: '一个名额，报名截止后由系统抽签。', location: { name: '郑州市工人文化宫' },
      signupOpensAt: iso(Date.now() - 3600_000), signupClosesAt: iso(closes), startsAt: iso(Date.now() + 3 * 86400_000), endsAt: iso(Date.now() + 3 * 86400_000 + 7200_000),
      capacity: 1, waitlistEnabled: false, audience: 'all', allocation: 'lottery',
    });
    expect(small.status).toBe(201);
    const id = small.body.id as string;
    for (const token of tokens.slice(0, 2)) expect((await call('POST', `/api/activities/${id}/registrations`, token)).body.status).toBe('applied');

    // before the close the scheduler leaves it alone
    expect((await call('GET', '/api/internal/run-draws')).status).toBe(200);
    expect((await call('GET', `/api/activities/${id}`, adminToken)).body.drawnAt).toBeNull();
    await logInFresh(applicant, base, openidOf(1));
    await applicant.open(`/pages/activity/index?id=${id}`);
    await applicant.see('.my-reg--applied').waitFor();

    await untilClosed(closes);
    // what Vercel Cron calls every minute (no CRON_SECRET on the test server); it draws the
    // oldest closed lotteries first, five a run
    let activity: any;
    for (let run = 0; run < 5; run++) {
      const ran = await call('GET', '/api/internal/run-draws');
      expect(ran.status).toBe(200);
      activity = (await call('GET', `/api/activities/${id}`, tokens[1])).body;
      if (activity.drawnAt || ran.body.drawn === 0) break;
    }
    expect(activity.drawnAt).not.toBeNull();
    const outcome = activity.myRegistration.status;
    expect(['confirmed', 'not_selected']).toContain(outcome);

    await applicant.open(`/pages/activity/index?id=${id}`);
    if (outcome === 'confirmed') {
      await applicant.see('.my-reg .ticket-qr').waitFor();
      await textOf(applicant.see('.my-reg__title')).toBe('中签');
    } else {
      await applicant.see('.my-reg--not-selected').waitFor();
      await textOf(applicant.see('.my-reg__title')).toBe('未中签');
      await countOf(applicant.see('.ticket-qr')).toBe(0);
    }
    const result = await call('GET', `/api/activities/${id}/draw`);
    expect(result.body.entries.map((e: any) => e.outcome).sort()).toEqual(['confirmed', 'not_selected']);
    expect(verifyPublishedDraw(result.body).ok).toBe(true);
    await applicant.shot('lottery-06-drawn-by-scheduler');
  }, 120_000);
});
