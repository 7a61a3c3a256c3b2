// A lottery on members' phones (issue #16): published with its seed hash, 30 members apply (29
// through the API, one on the phone), the draw, a winner's ticket, a loser's place, the 公示.
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { countOf, openPhone, textOf, watchPhones, type Phone } from './support/phone.js';
import { logInFresh, tokenFor } from './support/login.js';
import { idNumberCheckChar } from '../../shared/domain/id-number.js';
import { verifyPublishedDraw } from '../../shared/domain/lottery.js';

const WINDOW_MS = 120_000;
const tag = `${process.pid % 100000}`;
const openidOf = (i: number) => `lottery-e2e-${tag}-${i}`;

describe('抽签：报名、开奖、公示', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let applicant: Phone;
  let winner: Phone;
  let loser: Phone;
  let adminToken: string;
  let activityId: string;
  let closesAt: number;
  let seedHash: string;
  const tokens: string[] = [];

  const call = async (method: string, path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    browser = await launchChromium();
    [applicant, winner, loser] = await Promise.all([openPhone(browser, base), openPhone(browser, base), openPhone(browser, base)]);
    adminToken = (await tokenFor(base, 'admin')).token;
    const orgs = await call('GET', '/api/orgs', adminToken);
    const orgId = orgs.body.items[0].id as string;
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
    closesAt = Date.now() + WINDOW_MS;
    const iso = (ms: number) => new Date(ms).toISOString();
    const published = await call('POST', '/api/activities', adminToken, {
      orgId, title: `疗休养抽签${tag}`, category: 'recuperation', description: '劳模疗休养，名额有限，报名截止后抽签。', location: { name: '郑州市职工疗休养基地' },
      signupOpensAt: iso(Date.now() - 3600_000), signupClosesAt: iso(closesAt), startsAt: iso(Date.now() + 3 * 86400_000), endsAt: iso(Date.now() + 4 * 86400_000),
      capacity: 5, waitlistEnabled: true, audience: 'all', allocation: 'lottery', priorityGroups: ['hardship'], priorityShare: 40,
    });
    expect(published.status).toBe(201);
    activityId = published.body.id;
    seedHash = published.body.drawSeedHash;
    expect(seedHash).toMatch(/^[0-9a-f]{64}$/);
    // 29 apply through the API; the last one on the phone below
    for (const token of tokens.slice(0, 29)) expect((await call('POST', `/api/activities/${activityId}/registrations`, token)).body.status).toBe('applied');
  }, 240_000);
  watchPhones(() => [applicant, winner, loser]);
  afterAll(async () => {
    await browser?.close();
  });

  test('a member applies on the phone and sees 已报名，等待抽签 with the draw time, the applicant count and the seed hash', async () => {
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

  test('after the close the draw decides: a winner sees 中签 with a ticket, a loser her waitlist place, anyone the 公示', async () => {
    await new Promise((r) => setTimeout(r, Math.max(0, closesAt - Date.now() + 1000)));
    const drawn = await call('POST', `/api/activities/${activityId}/draw`, adminToken);
    expect(drawn.status).toBe(200);
    expect(drawn.body.entries).toHaveLength(30);
    expect(drawn.body.seedHash).toBe(seedHash);
    expect(verifyPublishedDraw(drawn.body).ok).toBe(true);

    const mine = await Promise.all(tokens.map((t) => call('GET', `/api/activities/${activityId}`, t)));
    const winnerIndex = mine.findIndex((m) => m.body.myRegistration.status === 'confirmed');
    const loserIndex = mine.findIndex((m) => m.body.myRegistration.status === 'waitlisted' && m.body.myRegistration.waitlistPosition === 3);
    expect(mine.filter((m) => m.body.myRegistration.status === 'confirmed')).toHaveLength(5);

    await logInFresh(winner, base, openidOf(winnerIndex));
    await winner.open(`/pages/activity/index?id=${activityId}`);
    await winner.see('.my-reg .ticket-qr').waitFor();
    await textOf(winner.see('.my-reg__title')).toBe('中签');
    await winner.shot('lottery-02-won');

    await logInFresh(loser, base, openidOf(loserIndex));
    await loser.open(`/pages/activity/index?id=${activityId}`);
    await loser.see('.my-reg--waitlisted').waitFor();
    await textOf(loser.see('.my-reg__title')).toBe('未中签，已进入候补');
    await textOf(loser.see('.waitlist-position')).toMatch(/候补第\s*3\s*位/);
    await countOf(loser.see('.ticket-qr')).toBe(0);
    await loser.shot('lottery-03-waitlisted');

    await loser.press('.draw-result-link');
    await loser.see('.draw-seed').waitFor();
    await textOf(loser.see('.draw-seed')).toBe(drawn.body.seed);
    await textOf(loser.see('.draw-seed-hash')).toBe(seedHash);
    await textOf(loser.see('.draw-total')).toBe('30');
    await textOf(loser.see('.draw-won')).toBe('5');
    await textOf(loser.see('.draw-explanation__text')).toContain('SHA-256');
    await countOf(loser.see('.draw-row--confirmed')).toBe(5);
    const first = drawn.body.entries[0];
    const row = loser.see('.draw-row[data-rank="1"]');
    await textOf(row).toContain(first.nameMasked);
    await textOf(row).toContain(first.memberNoMasked);
    expect(await loser.see('.draw-list').innerText()).not.toMatch(/抽签会员/);
    await loser.shot('lottery-04-publicity');
  }, 240_000);
});
