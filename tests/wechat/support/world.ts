// The WeChat check's world: the real API (local server on PGlite) with the demo data, and
// WeChat-like runtimes logged in as demo people by their session in storage, as after wx.login.
import { signSession } from '../../../functions/_lib/auth/session.js';
import { getConfig } from '../../../functions/_lib/config.js';
import { seedDemo } from '../../../scripts/seed-demo.js';
import { WECHAT_CHECK_TEMPLATES } from '../../../scripts/miniapp-build.js';
import { startTestApi, type TestApi } from '../../support/api.js';
import { COMPILED_DIR } from './paths.js';
import { WeChatRuntime, type FunctionVariant } from './runtime.js';

export type World = Awaited<ReturnType<typeof startWorld>>;

export async function startWorld() {
  // The server sends with the template ids the check's build asks members for (global-setup.ts).
  const savedEnv = Object.fromEntries(Object.keys(WECHAT_CHECK_TEMPLATES).map((k) => [k, process.env[k]]));
  Object.assign(process.env, WECHAT_CHECK_TEMPLATES);
  const api: TestApi = await startTestApi();
  await seedDemo({ db: api.db });
  const config = getConfig();

  async function session(openid: string) {
    const { rows } = await api.db.query<{ id: string }>('select id::text from users where openid = $1', [openid]);
    if (!rows[0]) throw new Error(`no demo user ${openid}`);
    const token = signSession(rows[0].id, config.sessionSecret, 3600);
    const me = await api.get('/api/me', { token });
    if (me.status !== 200) throw new Error(`GET /api/me as ${openid}: ${me.status}`);
    return { userId: rows[0].id, token, user: me.body };
  }

  /** A runtime with app.js launched, logged in as `openid` (or nobody). */
  async function runtime(variant: FunctionVariant, openid?: string) {
    const storage: Record<string, unknown> = {};
    if (openid) {
      const s = await session(openid);
      storage['union.token'] = s.token;
      storage['union.user'] = JSON.stringify(s.user);
    }
    const rt = new WeChatRuntime({ root: COMPILED_DIR, variant, apiOrigin: api.base, storage });
    rt.launch();
    return rt;
  }

  /** An activity open for sign-up, for everyone, with free seats, in the subtree `cadreOpenid` manages. */
  async function openActivityOf(cadreOpenid: string): Promise<string> {
    const { rows } = await api.db.query<{ id: string }>(
      `select a.id::text from activities a join orgs o on o.id = a.org_id
        where a.status = 'published' and a.audience = 'all' and a.signup_opens_at <= now() and a.signup_closes_at > now()
          and a.confirmed_count < a.capacity
          and o.path like (select og.path || '%' from roles ro join users u on u.id = ro.user_id join orgs og on og.id = ro.org_id
                            where u.openid = $1 and ro.role = 'cadre' limit 1)
        order by a.capacity desc, a.id limit 1`,
      [cadreOpenid],
    );
    if (!rows[0]) throw new Error(`the demo data has no open activity managed by ${cadreOpenid}`);
    return rows[0].id;
  }

  /** A sign-up through the API, as the member's tap would: the registration with its ticket. */
  async function signUp(openid: string, activityId: string) {
    const { token } = await session(openid);
    const res = await api.post(`/api/activities/${activityId}/registrations`, { token, body: {} });
    if (res.status !== 201 && res.status !== 200) throw new Error(`sign-up of ${openid}: ${res.status} ${res.text}`);
    return res.body as { id: string; activityId: string; status: string; ticket: string | null };
  }

  /** A new bound member of `orgId`, with the openid a runtime logs in as. */
  async function member(orgId: string, name?: string) {
    const m = await api.memberUser({ orgId, name });
    const { rows } = await api.db.query<{ openid: string }>('select openid from users where id = $1', [m.userId]);
    return { ...m, openid: rows[0].openid };
  }

  async function close() {
    await api.close();
    for (const [k, v] of Object.entries(savedEnv)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }

  return { api, session, runtime, openActivityOf, signUp, member, close };
}
