// Every page of app.json (main package and the cadre and office sub-packages), as Tencent's upload compile
// left it, loaded in the WeChat-like runtime and run through onLoad → onShow → onReady against
// the real API: not one exception, in both reported behaviours of `new Function`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { COMPILED_DIR } from './support/paths.js';
import type { FunctionVariant } from './support/runtime.js';
import { startWorld, type World } from './support/world.js';

let world: World;
let ids: { activityId: string; registrationId: string; claimId: string; managedActivityId: string; memberId: string };

const appJson = JSON.parse(readFileSync(path.join(COMPILED_DIR, 'app.json'), 'utf8')) as { pages: string[]; subPackages: { root: string; pages: string[] }[] };
const PAGES = [...appJson.pages, ...appJson.subPackages.flatMap((s) => s.pages.map((p) => `${s.root.replace(/\/$/, '')}/${p}`))];

/** Who opens each page: members their own pages, the cadre the cadre tools, the admin the office. */
function visitor(route: string) {
  if (route.startsWith('packages/cadre/')) return 'cadre-liu';
  if (route.startsWith('packages/office/')) return 'admin';
  if (route === 'pages/bind/index' || route === 'pages/login/index') return 'newcomer';
  return 'member-zhang';
}

function query(route: string): Record<string, string> {
  if (route === 'pages/activity/index') return { id: ids.activityId };
  if (route === 'pages/ticket/index') return { rid: ids.registrationId, aid: ids.activityId };
  if (route === 'pages/claim/index' || route === 'packages/office/claim/index') return { id: ids.claimId };
  if (route === 'packages/office/member/index') return { id: ids.memberId };
  if (route === 'packages/office/activity-stats/index') return { id: ids.activityId };
  if (route.startsWith('packages/cadre/') && !route.endsWith('manage/index')) return { id: ids.managedActivityId };
  return {};
}

beforeAll(async () => {
  world = await startWorld();
  const one = async (sql: string) => {
    const { rows } = await world.api.db.query<Record<string, string>>(sql);
    if (!rows[0]) throw new Error(`demo data lacks: ${sql}`);
    return rows[0];
  };
  const activityId = await world.openActivityOf('cadre-liu');
  const reg = await world.signUp('member-zhang', activityId);
  const claim = await one(`select c.id::text as id from claims c join users u on u.member_id = c.member_id where u.openid = 'member-zhang' order by c.id limit 1`);
  const member = await one(`select member_id::text as id from users where openid = 'member-zhang'`);
  ids = { activityId, registrationId: reg.id, claimId: claim.id, managedActivityId: activityId, memberId: member.id };
});

afterAll(async () => {
  await world?.close();
});

describe.each<FunctionVariant>(['noop', 'throw'])('with `new Function(body)` that %s', (variant) => {
  it('lists every page of app.json, main package and sub-package', () => {
    expect(PAGES.length).toBeGreaterThanOrEqual(13);
    expect(PAGES).toContain('packages/cadre/scan/index');
  });

  it.each(PAGES)('%s loads, shows and gets ready without one exception', async (route) => {
    const rt = await world.runtime(variant, visitor(route));
    try {
      const page = await rt.openPage(route, query(route));
      // Something was rendered from real data (not the error view of a failed parse).
      expect(rt.pageText(page).length).toBeGreaterThan(0);
      expect(rt.pageText(page)).not.toContain('网络连接失败');
      // Its own content, not a refusal: each page is opened by someone allowed to use it.
      expect(rt.pageText(page)).not.toMatch(/没有.{0,6}权限|只有管理员/);
      await rt.closePage(page);
      expect({ errors: rt.errors, violations: rt.violations }).toEqual({ errors: [], violations: [] });
      // zod never reached for `new Function` (jitless): nothing in the app depends on it.
      expect(rt.functionBodies).toEqual([]);
    } finally {
      rt.dispose();
    }
  });
});
