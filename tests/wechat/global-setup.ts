// The WeChat check's inputs, once per run: a production weapp build of the current sources with the
// check's own template ids (WECHAT_CHECK_TEMPLATES; built here when missing, stale, of another mode
// or with other ids — `WECHAT_CHECK_BUILD=1 npm run build:weapp` makes the same build), then Tencent's upload compile of it (miniprogram-ci, offline) into
// .data/wechat/compiled — the code the tests load in a WeChat-like runtime.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ensureFreshBuild, wechatCheckEnv } from '../../scripts/miniapp-build.js';
import { newestMtime, runCi } from './support/ci.js';
import { COMPILED_DIR, ROOT, WEAPP_DIST } from './support/paths.js';

/** A weapp build no older than its sources, and its upload compile no older than the build. */
export async function ensureWeChatCompile() {
  // A production build of the current sources (stamped by scripts/miniapp-build.ts; rebuilt when stale),
  // asking members for the check's template ids, which its test server sends with (support/world.ts).
  await ensureFreshBuild('weapp', { quiet: true, env: wechatCheckEnv() });
  // The upload compile takes 20 s to minutes on a busy machine: redone only for a newer build.
  const compiled = path.join(COMPILED_DIR, 'app.js');
  if (!existsSync(compiled) || statSync(compiled).mtimeMs < newestMtime([WEAPP_DIST])) await runCi('compile', WEAPP_DIST, COMPILED_DIR);
  if (!existsSync(path.join(COMPILED_DIR, 'app.js'))) throw new Error('miniprogram-ci wrote no app.js');
}

export default async function setup() {
  await ensureWeChatCompile();
}
