// `npm start`: the whole product on one URL — API + H5 app, embedded database, demo data.
import { existsSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { getConfig, ConfigError } from '../functions/_lib/config.js';
import { getDb } from '../functions/_lib/db/index.js';
import { migrateDb } from '../functions/_lib/db/migrate.js';
import { createLocalServer } from '../functions/_lib/local-server.js';
import { demoSeedAllowed, seedDemo, DEMO_LOGINS } from './seed-demo.js';
import { dispatchNotifications } from '../functions/_lib/services/dispatch-notifications.js';
import { getWeChatApi } from '../functions/_lib/wechat/client.js';
import { pruneRateLimits } from '../functions/_lib/services/check-rate-limit.js';

async function main() {
  try {
    getConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`无法启动：${err.message}`);
      process.exit(1);
    }
    throw err;
  }
  const db = await getDb();
  const applied = await migrateDb(db);
  if (applied.length) console.log(`数据库迁移：${applied.join(', ')}`);
  if (demoSeedAllowed(process.env, getConfig())) {
    const seeded = await seedDemo({ db });
    if (seeded) console.log('已写入演示数据（郑州市总工会）');
  } else if (process.env.SEED === 'demo') {
    console.log('未写入演示数据：仅在开发环境（未配置微信登录且非 production）写入');
  }
  if (!existsSync('miniapp/dist/h5/index.html') && process.env.SKIP_H5_BUILD !== '1') {
    console.log('首次启动：正在构建 H5 页面（约30秒）…');
    execSync('npm run build:h5', { stdio: 'inherit' });
  }
  // Vercel Cron does this in production; locally the server sends the outbox itself and drops
  // rate-limit windows over an hour old, so a long-running local server's table stays small.
  const wechat = getWeChatApi(getConfig().wechat);
  setInterval(() => void dispatchNotifications({ db, wechat, limit: 100 }).catch(() => undefined), 15_000).unref();
  setInterval(() => void pruneRateLimits({ db }).catch(() => undefined), 60_000).unref();
  const port = Number(process.env.PORT ?? 3000);
  const server = createLocalServer();
  server.listen(port, () => {
    console.log(`\n工会服务已启动：http://localhost:${port}/  (数据库：${db.kind})`);
    if (getConfig().devLogin) {
      console.log('演示账号（在 H5 页面选择，或 POST /api/auth/login {"code":"dev:<openid>"}）：');
      for (const d of DEMO_LOGINS) console.log(`  dev:${d.openid.padEnd(16)} ${d.label}`);
    }
  });
}

main().catch((err) => {
  console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
