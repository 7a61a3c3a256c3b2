// How a mutual-aid system (互助保障业务系统) pushes its claim decisions to the union service with a
// service key: the spreadsheet it exports, sent as it is, and the answer's rejected rows printed.
//
// Usage:
//   1. An admin creates a key once: POST /api/admin/api-keys { "name": "互助保障系统", "role": "claims_officer" }
//      (optionally "orgId" to keep the key to one union's subtree) and stores the `key` it answers.
//   2. UNION_API=https://api.union.example.cn/api UNION_KEY=usk_… npx tsx scripts/push-claims.ts 申请.xlsx
//      (a .csv file works too; headers as the import template: GET /api/admin/import-templates/claims)
//   Exit status: 0 when every row landed, 1 when some rows were rejected, 2 when the file was refused.
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Answer = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: { index: number; row?: number; column?: string; code: string; message: string }[];
  landed: { index: number; id: string }[];
};

async function main() {
  const file = process.argv[2];
  const base = (process.env.UNION_API ?? 'http://localhost:3000/api').replace(/\/$/, '');
  const key = process.env.UNION_KEY;
  if (!file || !key) {
    console.error('用法：UNION_API=<接口地址> UNION_KEY=<服务密钥> npx tsx scripts/push-claims.ts <申请.xlsx|申请.csv>');
    process.exit(2);
  }
  const csv = path.extname(file).toLowerCase() === '.csv';
  const res = await fetch(`${base}/admin/claims/import.${csv ? 'csv' : 'xlsx'}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': csv ? 'text/csv' : XLSX },
    body: new Uint8Array(await readFile(file)),
  });
  const body = (await res.json()) as Answer | { error: { code: string; message: string } };
  if ('error' in body) {
    console.error(`导入被拒绝（HTTP ${res.status} ${body.error.code}）：${body.error.message}`);
    process.exit(2);
  }
  console.log(`新增 ${body.created} 条，更新 ${body.updated} 条，未变 ${body.unchanged} 条，已入库 ${body.landed.length} 行`);
  for (const r of body.rejected) console.log(`  第 ${r.row ?? r.index + 2} 行${r.column ? `「${r.column}」` : ''}：${r.message}（${r.code}）`);
  process.exit(body.rejected.length ? 1 : 0);
}

await main();
