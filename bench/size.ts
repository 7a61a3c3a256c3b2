// Issue #6: what a member downloads. The weapp packages (WeChat's limits are per package), and
// the JavaScript Chromium fetches to show the activity list of the H5 build, logged in as a
// member, from the local server: raw bytes (the local server does not compress) and what gzip
// would send (zlib at its default level, as a CDN or nginx would).
import { execSync } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { MAIN_BUDGET, weappSizes } from '../scripts/size-report.js';
import { ensureH5Build, ROOT, startAppServer } from '../tests/e2e/support/app-server.js';
import { launchChromium, newPhone } from '../tests/e2e/support/browser.js';

const KB = 1024;
const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`;

type Fetched = { url: string; bytes: number; gzip: number };

async function activityListJs(): Promise<{ js: Fetched[]; css: Fetched[]; visibleMs: number }> {
  await ensureH5Build();
  const server = await startAppServer();
  const browser = await launchChromium();
  try {
    // Log in through the demo picker once; the measured visit is a new context (empty HTTP
    // cache) that carries only the session in localStorage, as a member coming back would.
    const login = await newPhone(browser);
    await login.page.goto(`${server.url}/#/pages/login/index`);
    await login.page.locator('.demo-user[data-openid="member-zhang"]').click();
    await login.page.waitForURL(/#\/pages\/activities\/index/);
    const storageState = await login.context.storageState();
    await login.context.close();

    const { context: visit, page: p } = await newPhone(browser, { storageState });
    const js: Fetched[] = [];
    const css: Fetched[] = [];
    const pending: Promise<void>[] = [];
    p.on('response', (res) => {
      const url = res.url();
      const kind = /\.js(\?|$)/.test(url) ? js : /\.css(\?|$)/.test(url) ? css : null;
      if (!kind || res.status() !== 200) return;
      pending.push(
        res.body().then((body) => {
          kind.push({ url: new URL(url).pathname, bytes: body.length, gzip: gzipSync(body).length });
        }),
      );
    });
    const started = performance.now();
    await p.goto(`${server.url}/#/pages/activities/index`);
    await p.locator('.activity-card').filter({ visible: true }).first().waitFor();
    const visibleMs = performance.now() - started;
    await p.waitForLoadState('networkidle');
    await Promise.all(pending);
    await visit.close();
    return { js, css, visibleMs };
  } finally {
    await browser.close();
    await server.stop();
  }
}

export async function benchSize(): Promise<Record<string, string | number>> {
  const figures: Record<string, string | number> = {};

  // No weapp build yet (a fresh checkout): build it, as the H5 one is built when missing.
  if (!weappSizes()) execSync('npm run build:weapp', { cwd: ROOT, stdio: 'ignore' });
  const weapp = weappSizes();
  if (!weapp) figures['weapp 包体积'] = 'npm run build:weapp 没有写出 miniapp/dist/weapp';
  else {
    const built = statSync(path.join(ROOT, 'miniapp/dist/weapp/app.json')).mtime;
    figures['weapp 主包'] = `${kb(weapp.main)}（上限 2048 KB，预算 ${MAIN_BUDGET / 1024} KB）`;
    for (const [root, bytes] of weapp.subPackages) figures[`weapp 分包 ${root}`] = `${kb(bytes)}（上限 2048 KB）`;
    figures['weapp 合计'] = kb(weapp.total);
    figures['weapp 构建时间'] = built.toISOString();
  }

  const { js, css, visibleMs } = await activityListJs();
  const sum = (xs: Fetched[], k: 'bytes' | 'gzip') => xs.reduce((a, x) => a + x[k], 0);
  figures['H5 活动列表 首屏 JS 文件数'] = js.length;
  figures['H5 活动列表 首屏 JS（未压缩）'] = `${kb(sum(js, 'bytes'))}（${sum(js, 'bytes')} B）`;
  figures['H5 活动列表 首屏 JS（gzip）'] = `${kb(sum(js, 'gzip'))}（${sum(js, 'gzip')} B）`;
  for (const f of [...js].sort((a, b) => b.bytes - a.bytes)) figures[`  ${f.url}`] = `${kb(f.bytes)} / gzip ${kb(f.gzip)}`;
  figures['H5 活动列表 首屏 CSS（未压缩 / gzip）'] = `${kb(sum(css, 'bytes'))} / ${kb(sum(css, 'gzip'))}`;
  figures['H5 活动列表 卡片可见（本机，无网络延迟）'] = `${visibleMs.toFixed(0)} ms`;
  return figures;
}
