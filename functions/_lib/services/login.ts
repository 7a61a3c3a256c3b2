import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import type { Config } from '../config.js';
import type { WeChatApi } from '../wechat/client.js';
import { signSession } from '../auth/session.js';
import { loadActor, toUser } from './load-actor.js';

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

/** wx.login code → openid (through WeChat, or `dev:<openid>` outside production) → a session. */
export async function logIn(options: { db: Db; code: string; config: Config; wechat: WeChatApi | null; beforeSession?: (openid: string) => Promise<void> }) {
  const { db, code, config, wechat } = options;
  let openid: string;
  if (code.startsWith('dev:')) {
    if (!config.devLogin) throw new AppError('UNAUTHENTICATED', '登录凭证无效');
    openid = code.slice(4);
    if (!OPENID.test(openid)) throw new AppError('VALIDATION_FAILED', 'openid 只能包含1至64位字母、数字、下划线或短横线', { details: [{ path: 'code', message: 'openid 格式不正确' }] });
  } else {
    if (!wechat) throw new AppError('UNAUTHENTICATED', '微信登录未配置');
    openid = (await wechat.code2Session(code)).openid;
    if (!OPENID.test(openid)) throw new AppError('UNAUTHENTICATED', '微信登录失败，请重试');
  }
  // The caller's limits that need the openid (logins per openid) apply before any row is written.
  await options.beforeSession?.(openid);
  const bootstrapAdmin = config.bootstrapAdminOpenids.has(openid);
  // One statement: create or touch the user, and grant the bootstrap admin role where configured
  // (bootstrap: it acts without a phone-verified binding, see acting_roles in migration 008).
  const { rows } = await db.query<{ id: string }>(
    `with u as (
       insert into users (openid, last_login_at) values ($1, now())
       on conflict (openid) do update set last_login_at = now()
       returning id
     ), admin as (
       insert into roles (user_id, role, bootstrap) select id, 'admin', true from u where $2::boolean
       on conflict (user_id, role, coalesce(org_id, 0)) do update set bootstrap = true
     )
     select id::text from u`,
    [openid, bootstrapAdmin],
  );
  const userId = rows[0].id;
  const actor = await loadActor({ db, userId });
  return { token: signSession(userId, config.sessionSecret, config.sessionTtlSeconds), user: toUser(actor) };
}
