// What a person does on the H5 app: pick a demo login, tap tabs and buttons, read the screen.
// Taro keeps earlier pages of the stack in the DOM (hidden), so every lookup is of visible nodes.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterEach, beforeEach, expect } from 'vitest';
import { ROOT } from './app-server.js';
import { newPhone } from './browser.js';

export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

/**
 * The text of one element, asked again until the expectation holds: pages load and re-render
 * after taps, and during a page transition the old page is briefly visible too.
 */
export function textOf(l: Locator) {
  return expect.poll(async () => (await l.textContent({ timeout: 1000 }).catch(() => null))?.trim(), { timeout: 15_000 });
}

export function countOf(l: Locator) {
  return expect.poll(() => l.count(), { timeout: 15_000 });
}

export type Phone = {
  page: Page;
  /** Uncaught errors in the page: a test ends with none. */
  errors: string[];
  /** Visible elements matching a CSS selector (optionally containing a text). */
  see(selector: string, hasText?: string | RegExp): Locator;
  open(hashPath: string): Promise<void>;
  logInAs(openid: string): Promise<void>;
  tab(label: '活动' | '互助保障' | '我的'): Promise<void>;
  /** Presses a NutUI button by its class or text (the inner label would swallow the click). */
  press(selectorOrText: string): Promise<void>;
  confirmDialog(): Promise<void>;
  settle(): Promise<void>;
  shot(name: string): Promise<void>;
  close(): Promise<void>;
};

export async function openPhone(browser: Browser, baseUrl: string): Promise<Phone> {
  const { context, page } = await newPhone(browser);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));

  const see = (selector: string, hasText?: string | RegExp) => {
    const l = page.locator(selector).filter({ visible: true });
    return hasText === undefined ? l : l.filter({ hasText });
  };

  /** Page transitions, the verdict pop, toasts: wait until nothing moves (spinners excepted). */
  const settle = async () => {
    await page.evaluate(() =>
      Promise.all(
        document
          .getAnimations()
          .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
          .map((a) => a.finished.catch(() => undefined)),
      ),
    );
  };

  const phone: Phone = {
    page,
    errors,
    see,
    async open(hashPath) {
      await page.goto(`${baseUrl}/#${hashPath}`);
    },
    async logInAs(openid) {
      await phone.open('/pages/login/index');
      await see(`.demo-user[data-openid="${openid}"]`).click();
      await page.waitForURL(/#\/pages\/activities\/index/);
      await see('.activity-card').first().waitFor();
    },
    async tab(label) {
      await page.locator('.weui-tabbar__label', { hasText: new RegExp(`^${label}$`) }).click();
    },
    async press(selectorOrText) {
      const button = /^[.#[]/.test(selectorOrText) ? see(selectorOrText) : see('.nut-button', selectorOrText);
      await button.click();
    },
    async confirmDialog() {
      await see('.taro-model__confirm').click();
    },
    settle,
    async shot(name) {
      // A toast over the content is a moment, not the page: let it go first.
      // (Its wrapper has no box of its own, so ask for its display rather than its visibility.)
      await page
        .waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every((t) => getComputedStyle(t).display === 'none'), undefined, { timeout: 5000 })
        .catch(() => undefined);
      await settle();
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
    },
    async close() {
      await context.close();
    },
  };
  return phone;
}

/**
 * For a describe block: each test ends with no uncaught error on any phone, and a failing test
 * leaves a screenshot of every phone (test-results/screenshots/failed-*) to see what was on screen.
 */
export function watchPhones(phones: () => (Phone | undefined)[]): void {
  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(async () => {
      const slug = task.name.replace(/[^\w\u4e00-\u9fff]+/g, '-').slice(0, 60);
      for (const [i, p] of phones().entries()) if (p) await p.shot(`failed-${slug}-${i}`).catch(() => undefined);
    });
  });
  afterEach(() => {
    for (const p of phones()) if (p) expect(p.errors).toEqual([]);
  });
}
