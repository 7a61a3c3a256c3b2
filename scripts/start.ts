// `npm start`: the whole product on one URL — API + H5 app, embedded database, demo data.
import { getConfig, ConfigError } from '../functions/_lib/config.js';
import { getDb } from '../functions/_lib/db/index.js';
import { migrateDb } from '../functions/_lib/db/migrate.js';
import { createLocalServer } from '../functions/_lib/local-server.js';
import { demoSeedAllowed, seedDemo, DEMO_LOGINS } from './seed-demo.js';
import { writeDemoFiles } from './demo-files.js';
import { dispatchNotifications } from '../functions/_lib/services/dispatch-notifications.js';
import { getWeChatApi } from '../functions/_lib/wechat/client.js';
import { pruneRateLimits } from '../functions/_lib/services/check-rate-limit.js';
import { purgeAidChildData } from '../functions/_lib/services/aid/purge-aid-child-data.js';
import { ensureFreshBuild } from './miniapp-build.js';
import { runDueDraws } from '../functions/_lib/services/lottery/run-due-draws.js';
import { notifyDrawResults } from '../functions/_lib/services/lottery/notify-draw-results.js';

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
  // The H5 bundle served here is always a production build of the current sources, whatever
  // NODE_ENV the shell has (Taro would otherwise build in its development mode: a blank page).
  if (process.env.SKIP_H5_BUILD !== '1') {
    await ensureFreshBuild('h5', { onBuild: (why) => console.log(`正在构建 H5 页面（${why}，约30–60秒）…`) });
  }
  // Vercel Cron does this in production; locally the server draws closed lotteries, writes their
  // notices, sends the outbox itself and drops rate-limit windows over an hour old, so a
  // long-running local server's table stays small.
  const wechat = getWeChatApi(getConfig().wechat);
  // LOCAL_DRAWS=off leaves the draws to whoever calls GET /api/internal/run-draws, as on Vercel
  // (the browser tests do: a cadre's 开始抽签 must not race a local timer).
  if (process.env.LOCAL_DRAWS !== 'off') setInterval(() => void runDueDraws({ db }).catch(() => undefined), 30_000).unref();
  setInterval(() => void notifyDrawResults({ db, maxBatches: 10 }).then(() => dispatchNotifications({ db, wechat, limit: 100 })).catch(() => undefined), 15_000).unref();
  setInterval(() => void pruneRateLimits({ db }).catch(() => undefined), 60_000).unref();
  setInterval(() => void purgeAidChildData({ db }).catch(() => undefined), 3_600_000).unref();
  const port = Number(process.env.PORT ?? 3000);
  const server = createLocalServer();
  // The spreadsheets to import in the demo, rebuilt from the data at every start (dev login only).
  const demoFiles = getConfig().devLogin && (process.env.SEED ?? 'demo') === 'demo' ? await writeDemoFiles({ db }).catch((err: unknown) => {
    console.warn('演示导入文件未能生成：', err instanceof Error ? err.message : err);
    return null;
  }) : null;
  server.listen(port, () => {
    console.log(`\n工会服务已启动：http://localhost:${port}/  (数据库：${db.kind})`);
    if (getConfig().devLogin) {
      console.log('演示账号（在 H5 页面选择，或 POST /api/auth/login {"code":"dev:<openid>"}）：');
      for (const d of DEMO_LOGINS) console.log(`  dev:${d.openid.padEnd(16)} ${d.label}`);
    }
    if (demoFiles) {
      console.log('演示导入文件：');
      console.log(`  陈静（互助保障经办人）的互助金申请表：${demoFiles.claims}  (GET /api/demo/files/claims-demo.xlsx)`);
      console.log(`  管理员的会员名册（导入到 ${demoFiles.rosterOrg.name}，orgId=${demoFiles.rosterOrg.id}）：${demoFiles.roster}  (GET /api/demo/files/roster-demo.xlsx)`);
    }
  });
}

main().catch((err) => {
  console.error('启动失败：', err instanceof Error ? err.message : err);
  process.exit(1);
});
