// Recomputes a lottery's public result (公示) from the published JSON alone and says whether it
// matches: `npx tsx scripts/verify-draw.ts <URL of GET /api/activities/:id/draw | file.json>`.
// The rule is shared/domain/lottery.ts, the same code the server draws with; the result's own
// `explanation` says the same in words, for anyone who prefers to recompute it another way.
import { readFileSync } from 'node:fs';
import { verifyPublishedDraw, type PublishedDraw } from '../shared/domain/lottery.js';

export async function loadPublishedDraw(source: string): Promise<PublishedDraw> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(source);
    if (!res.ok) throw new Error(`${source} 答复 ${res.status}：${(await res.text()).slice(0, 200)}`);
    return (await res.json()) as PublishedDraw;
  }
  return JSON.parse(readFileSync(source, 'utf8')) as PublishedDraw;
}

async function main() {
  const source = process.argv[2];
  if (!source) {
    console.error('用法：npx tsx scripts/verify-draw.ts <公示结果的网址或 JSON 文件>');
    process.exit(2);
  }
  const result = await loadPublishedDraw(source);
  const check = verifyPublishedDraw(result);
  const counts = { confirmed: 0, waitlisted: 0, not_selected: 0 } as Record<string, number>;
  for (const e of check.recomputed) counts[e.outcome]++;
  console.log(`报名 ${result.entries.length} 人，名额 ${result.capacity}，优先比例 ${result.priorityShare}%（${result.priorityGroups.join('、') || '无优先类别'}）`);
  console.log(`重算：中签 ${counts.confirmed}，候补 ${counts.waitlisted}，未中签 ${counts.not_selected}`);
  if (check.ok) {
    console.log('核对一致：种子与事先公布的摘要相符，抽签顺序和每个人的结果都可以由种子和报名编号重算得到。');
    process.exit(0);
  }
  console.log('核对不一致：');
  for (const p of check.problems) console.log(`  - ${p}`);
  process.exit(1);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) await main();
