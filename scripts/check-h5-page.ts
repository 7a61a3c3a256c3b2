// Opens the H5 app at a URL in Debian's Chromium as a phone would and checks that it renders:
// Chinese text on the page, no page errors (an uncaught exception, e.g. a development bundle's
// "$RefreshReg$ is not defined"), no failed script or style loads. Used by .ci/newcomer.
//   npx tsx scripts/check-h5-page.ts http://127.0.0.1:3000/ [screenshot.png]
import { launchChromium, newPhone } from '../tests/e2e/support/browser.js';

async function main(): Promise<number> {
  const [url, screenshot] = process.argv.slice(2);
  if (!url) {
    console.error('用法：tsx scripts/check-h5-page.ts <url> [screenshot.png]');
    return 2;
  }
  const browser = await launchChromium();
  try {
    const { page } = await newPhone(browser);
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('requestfailed', (req) => {
      if (/\.(js|css)(\?|$)/.test(req.url())) problems.push(`failed to load ${req.url()}: ${req.failure()?.errorText}`);
    });
    page.on('response', (res) => {
      if (res.status() >= 400 && /\.(js|css)(\?|$)/.test(res.url())) problems.push(`${res.status()} for ${res.url()}`);
    });
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    // The demo login picker (or, once logged in, the activity list) writes Chinese text.
    await page.waitForFunction(() => /[\u4e00-\u9fff]{2,}/.test(document.body?.innerText ?? ''), undefined, { timeout: 30_000 }).catch(() => problems.push('no Chinese text rendered within 30 s'));
    const text = (await page.evaluate(() => document.body?.innerText ?? '')).replace(/\s+/g, ' ').trim();
    if (screenshot) await page.screenshot({ path: screenshot });
    if (problems.length) {
      console.error(`H5 page check failed for ${url}:\n  ${problems.join('\n  ')}\n  text: ${text.slice(0, 200)}`);
      return 1;
    }
    console.log(`H5 page renders at ${url}: "${text.slice(0, 60)}…"`);
    return 0;
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
