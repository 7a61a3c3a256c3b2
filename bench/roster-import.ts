// Issue #14's scale: a 100,000-row roster .xlsx (≈ 3 MB) imported in one request on PostgreSQL,
// in batches of multi-row statements; the figures are the time of the request and the memory
// high-water mark of the server process (goals: ≤ 30 s, ≤ 512 MB).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import http from 'node:http';
import { signSession } from '../functions/_lib/auth/session.js';
import { getConfig } from '../functions/_lib/config.js';
import { idNumberCheckChar } from '../shared/domain/id-number.js';
import { bigRosterXlsx, XLSX } from '../tests/support/xlsx.js';
import { freshDatabase } from './support.js';

const ROWS = 100_000;

function post(url: string, token: string, body: Buffer): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': XLSX, 'content-length': body.length } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

function rosterRows(): (string | number | null)[][] {
  const rows: (string | number | null)[][] = [['姓名', '身份证号', '手机号', '会员编号', '会员类别']];
  const groups = ['一线职工', '困难职工', '新就业形态、一线职工', null, null];
  for (let i = 0; i < ROWS; i++) {
    const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(i / 1000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
    const first17 = `410105${born}${String(i % 1000).padStart(3, '0')}`;
    // Every 10,000th row has a broken check digit: the answer reports it, the rest land.
    const idNumber = first17 + (i % 10_000 === 9_999 ? (idNumberCheckChar(first17) === '0' ? '1' : '0') : idNumberCheckChar(first17));
    rows.push([`会员${i}`, idNumber, `139${String(i).padStart(8, '0')}`, `R${String(i).padStart(7, '0')}`, groups[i % groups.length]]);
  }
  return rows;
}

export async function benchRosterImport(): Promise<Record<string, string | number>> {
  const { db, url, drop } = await freshDatabase('union_bench_roster', 5);
  try {
    const { rows: org } = await db.query<{ id: string }>(`insert into orgs (name, path) values ('压测区总工会', '') returning id::text`);
    await db.query(`update orgs set path = '/' || id || '/' where id = $1`, [org[0].id]);
    const { rows: admin } = await db.query<{ id: string }>(`with u as (insert into users (openid) values ('bench-admin') returning id) insert into roles (user_id, role) select id, 'admin' from u returning user_id::text as id`);
    const token = signSession(admin[0].id, getConfig().sessionSecret, 3600);
    const file = await bigRosterXlsx(rosterRows());

    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./roster-server.ts', import.meta.url)), url], { stdio: ['pipe', 'pipe', 'inherit'] });
    child.stdout.setEncoding('utf8');
    const lines: string[] = [];
    let waiting: ((line: string) => void) | null = null;
    child.stdout.on('data', (c: string) => {
      for (const line of c.split('\n').filter(Boolean)) {
        if (waiting) {
          const w = waiting;
          waiting = null;
          w(line);
        } else lines.push(line);
      }
    });
    const nextLine = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift() as string) : (waiting = resolve)));
    const port = Number(await nextLine());

    const t0 = performance.now();
    const res = await post(`http://127.0.0.1:${port}/api/admin/members/import.xlsx?orgId=${org[0].id}`, token, file);
    const seconds = (performance.now() - t0) / 1000;
    child.stdin.write('rss\n');
    const { maxRssMb } = JSON.parse(await nextLine()) as { maxRssMb: number };
    const answer = JSON.parse(res.body) as { created?: number; updated?: number; rejected?: unknown[]; landed?: unknown[] };
    const landed = await db.query<{ n: number }>('select count(*)::int as n from members where org_id = $1', [org[0].id]);
    return {
      'roster import': `${ROWS.toLocaleString('en')} rows, one .xlsx of ${(file.length / 1024 / 1024).toFixed(2)} MB, one request, on PostgreSQL`,
      status: res.status,
      'request time': `${seconds.toFixed(1)} s (goal ≤ 30 s)`,
      'server memory high-water mark (maxRSS)': `${maxRssMb} MB (goal ≤ 512 MB)`,
      'created / updated / rejected / landed ids': `${answer.created} / ${answer.updated} / ${answer.rejected?.length} / ${answer.landed?.length}`,
      'members in the union after': landed.rows[0].n,
      'rows per second': Math.round(ROWS / seconds),
    };
  } finally {
    await drop();
  }
}
