// A photo on a weak network (issue #17, docs/uploads.md "Resumable uploads"), in the browser: 李娜
// attaches a 700 KB photo to a 互助金申请 while some chunk requests are lost. The upload asks the
// server where it stands and continues there (never from byte 0), shows 上传中 n% while it
// retries, and the photo arrives whole; when the network stays down it stops at 网络不佳，点此继续上传,
// and a tap resumes the same upload. (Nothing is submitted: the claims of the other tests stay as they are.)
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { Browser, Request, Route } from 'playwright-core';
import { launchChromium } from './support/browser.js';
import { openPhone, watchPhones, type Phone } from './support/phone.js';

// A tiny real JPEG (1×1 px) with 700 KB after it: what the phone hands over is sent as it is (≤ 1 MB).
const JPEG_HEAD = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);
const bigPhoto = () => Buffer.concat([JPEG_HEAD, randomBytes(700 * 1024)]);
const CHUNK = 256 * 1024;

const isChunk = (r: Request) => r.method() === 'PUT' && /\/api\/uploads\/sessions\/[0-9a-f-]{36}$/.test(r.url());
const offsetOf = (r: Request) => Number(r.headers()['upload-offset']);

describe('a photo on a weak network', () => {
  const base = inject('e2eBaseUrl');
  let browser: Browser;
  let li: Phone;

  beforeAll(async () => {
    browser = await launchChromium();
    li = await openPhone(browser, base);
    await li.logInAs('member-li');
  });
  watchPhones(() => [li]);
  afterAll(async () => {
    await browser?.close();
  });

  async function openForm() {
    await li.open('/pages/activities/index');
    await li.page.reload();
    await li.tab('互助保障');
    await li.press('.claim-apply-button');
    await li.see('.plan-choice', '重大疾病互助保障').click();
  }

  async function choose(file: Buffer) {
    const chooser = li.page.waitForEvent('filechooser');
    await li.see('.doc-row--diagnosis .doc-row__album').click();
    await (await chooser).setFiles({ name: '诊断证明.jpg', mimeType: 'image/jpeg', buffer: file });
  }

  /** The bytes of the upload, read back as its uploader (with the page's own token). */
  async function readBack(id: string, authorization: string): Promise<Buffer> {
    const res = await fetch(`${base}/api/uploads/${id}`, { headers: { authorization } });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  }

  test('the 2nd and 3rd chunks are lost once each: the upload resumes from the server’s offset and the photo arrives whole', async () => {
    await openForm();
    const file = bigPhoto();
    const chunks: { offset: number; aborted: boolean }[] = [];
    const lostOnce = new Set([CHUNK, 2 * CHUNK]);
    let asked = 0;
    let authorization = '';
    await li.page.route('**/api/uploads/sessions/*', async (route: Route) => {
      const r = route.request();
      authorization = r.headers()['authorization'] ?? authorization;
      if (r.method() === 'GET') asked++;
      if (isChunk(r) && lostOnce.delete(offsetOf(r))) {
        chunks.push({ offset: offsetOf(r), aborted: true });
        return route.abort('connectionreset');
      }
      if (isChunk(r)) chunks.push({ offset: offsetOf(r), aborted: false });
      return route.continue();
    });
    const done = li.page.waitForResponse((r) => isChunk(r.request()) && r.status() === 201, { timeout: 60_000 });
    await choose(file);
    // while it waits to retry the lost chunk, the row says how far it got
    await li.see('.doc-row--diagnosis .doc-row__sending', /^上传中 \d+%$/).first().waitFor();
    const upload = (await (await done).json()) as { id: string; size: number };
    await li.see('.doc-row--diagnosis .doc-file__ok').first().waitFor();
    await li.page.unroute('**/api/uploads/sessions/*');

    expect(upload.size).toBe(file.length);
    expect(chunks).toEqual([
      { offset: 0, aborted: false },
      { offset: CHUNK, aborted: true },
      { offset: CHUNK, aborted: false },
      { offset: 2 * CHUNK, aborted: true },
      { offset: 2 * CHUNK, aborted: false },
    ]);
    expect(asked).toBe(2);
    expect((await readBack(upload.id, authorization)).equals(file)).toBe(true);
  });

  test('when the network stays down it stops at 网络不佳，点此继续上传, and a tap resumes the same upload where it stopped', async () => {
    await openForm();
    const file = bigPhoto();
    const offsets: number[] = [];
    let down = false;
    let cut = false;
    let authorization = '';
    let sessions = 0;
    await li.page.route('**/api/uploads/sessions', async (route: Route) => {
      sessions++;
      return route.continue();
    });
    await li.page.route('**/api/uploads/sessions/*', async (route: Route) => {
      const r = route.request();
      authorization = r.headers()['authorization'] ?? authorization;
      if (isChunk(r)) {
        offsets.push(offsetOf(r));
        if (offsetOf(r) === CHUNK && !cut) down = cut = true;
        if (down) return route.abort('internetdisconnected');
      }
      return route.continue();
    });
    await choose(file);
    const resume = li.see('.doc-row--diagnosis .doc-row__resume', '网络不佳，点此继续上传');
    await resume.waitFor({ timeout: 30_000 });
    await li.shot('upload-stalled');
    const stalledAt = offsets.length;
    expect(offsets.slice(1).every((o) => o === CHUNK)).toBe(true);

    down = false;
    const done = li.page.waitForResponse((r) => isChunk(r.request()) && r.status() === 201, { timeout: 60_000 });
    await resume.click();
    const upload = (await (await done).json()) as { id: string };
    await li.see('.doc-row--diagnosis .doc-file__ok').first().waitFor();
    await li.page.unrouteAll();

    // resumed at the second chunk in the same session: nothing from byte 0 again
    expect(offsets.slice(stalledAt)).toEqual([CHUNK, 2 * CHUNK]);
    expect(sessions).toBe(1);
    expect((await readBack(upload.id, authorization)).equals(file)).toBe(true);
  });
});
