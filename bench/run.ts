// `npm run bench`: prints the figures the issues ask for. Measures; never fails on speed.
import { existsSync } from 'node:fs';
import { benchSignUp } from './signup.js';

type Section = { title: string; run: () => Promise<Record<string, string | number>> };

const sections: Section[] = [{ title: '报名抢票 (issue #3)', run: benchSignUp }];

if (existsSync(new URL('./checkin.ts', import.meta.url))) {
  const { benchCheckIn } = await import('./checkin.js');
  sections.push({ title: '扫码签到 (issue #4)', run: benchCheckIn });
}

if (existsSync(new URL('./size.ts', import.meta.url))) {
  const { benchSize } = await import('./size.js');
  sections.push({ title: '小程序包体积 (issue #6)', run: benchSize });
}

if (existsSync(new URL('./wechat.ts', import.meta.url))) {
  const { benchWeChat } = await import('./wechat.js');
  sections.push({ title: '微信运行时 (issue #12)', run: benchWeChat });
}

if (existsSync(new URL('./roster-import.ts', import.meta.url))) {
  const { benchRosterImport } = await import('./roster-import.js');
  sections.push({ title: '名册导入 10 万行 .xlsx (issue #14)', run: benchRosterImport });
}

if (existsSync(new URL('./member-code.ts', import.meta.url))) {
  const { benchMemberCode } = await import('./member-code.js');
  sections.push({ title: '会员码核验 (issue #15)', run: benchMemberCode });
}

if (existsSync(new URL('./lottery.ts', import.meta.url))) {
  const { benchLottery } = await import('./lottery.js');
  sections.push({ title: '抽签 5 万人抢 500 个名额 (issue #16)', run: benchLottery });
}

if (existsSync(new URL('./stations.ts', import.meta.url))) {
  const { benchStations } = await import('./stations.js');
  sections.push({ title: '爱心驿站 最近 20 个 (issue #18)', run: benchStations });
}

const only = process.argv[2];
for (const s of sections) {
  if (only && !s.title.includes(only)) continue;
  console.log(`\n## ${s.title}`);
  const figures = await s.run();
  const width = Math.max(...Object.keys(figures).map((k) => k.length));
  for (const [k, v] of Object.entries(figures)) console.log(`  ${k.padEnd(width)}  ${v}`);
}
process.exit(0);
