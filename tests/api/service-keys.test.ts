// Service keys (api.md "Service keys"): another system of the union calls with a key that acts with
// its role and scope, is stored only as a hash, is audited on every call and stops at revocation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { xlsxOf } from '../support/xlsx.js';
import { ZApiKey, ZApiKeyCreated, ZApiKeyList, ZImportResult, ZOfficerClaimList } from '../../shared/schemas.js';

let api: TestApi;
let admin: { userId: string; token: string };
beforeAll(async () => {
  api = await startTestApi();
  admin = await api.admin();
});
afterAll(async () => {
  await api.close();
});

const createKey = async (body: Record<string, unknown>, token = admin.token) => api.post('/api/admin/api-keys', { token, body });
const claimRow = (idNumber: string, claimNo = `KEY-${Math.random().toString(36).slice(2, 10)}`) => ({
  claimNo, idNumber, plan: 'accident', status: 'submitted', incidentDate: '2026-02-01',
  submittedAt: '2026-02-03T10:00:00+08:00', amountClaimedFen: 50_000, at: '2026-02-03T10:00:00+08:00',
});

describe('creating and listing service keys', () => {
  it('answers a new key once, keeps only its hash, and lists it by prefix without the key', async () => {
    const res = await createKey({ name: '互助保障系统', role: 'claims_officer' });
    expect(res.status).toBe(201);
    const created = ZApiKeyCreated.parse(res.body);
    expect(created).toMatchObject({ name: '互助保障系统', role: 'claims_officer', orgId: null });
    expect(created.key).toMatch(/^usk_[A-Za-z0-9_-]{43}$/);
    const stored = await api.db.query<{ j: string }>('select row_to_json(k)::text as j from api_keys k where id = $1', [created.id]);
    expect(stored.rows[0].j).not.toContain(created.key);
    expect(stored.rows[0].j).not.toContain(created.key.slice(12));

    const list = await api.get('/api/admin/api-keys', { token: admin.token });
    expect(list.status).toBe(200);
    const item = ZApiKeyList.parse(list.body).items.find((k) => k.id === created.id);
    expect(item).toMatchObject({ name: '互助保障系统', role: 'claims_officer', orgId: null, orgName: null, revokedAt: null, lastUsedAt: null });
    expect(created.key.startsWith(item!.keyPrefix)).toBe(true);
    expect(item!.keyPrefix.length).toBeLessThan(16);
    expect(list.text).not.toContain(created.key);
  });

  it('names the union of a scoped key and refuses an admin key with a union or a union that does not exist', async () => {
    const orgId = await api.org({ name: '金水区总工会' });
    const scoped = ZApiKeyCreated.parse((await createKey({ name: '金水区互助系统', role: 'claims_officer', orgId })).body);
    const list = ZApiKeyList.parse((await api.get('/api/admin/api-keys', { token: admin.token })).body);
    expect(list.items.find((k) => k.id === scoped.id)).toMatchObject({ orgId, orgName: '金水区总工会' });
    for (const body of [{ name: '全市', role: 'admin', orgId }, { name: '无此工会', role: 'verifier', orgId: '987654321' }, { name: '', role: 'verifier' }, { name: '角色错', role: 'cadre' }]) {
      const res = await createKey(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
  });

  it('lets only an admin in person create, list and revoke keys: not members, officers or any key', async () => {
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    const member = await api.memberUser();
    const adminKey = ZApiKeyCreated.parse((await createKey({ name: '管理系统', role: 'admin' })).body);
    const victim = ZApiKeyCreated.parse((await createKey({ name: '被吊销', role: 'verifier' })).body);
    for (const token of [officer.token, member.token, adminKey.key]) {
      expect((await createKey({ name: '越权', role: 'admin' }, token)).status).toBe(403);
      expect((await api.get('/api/admin/api-keys', { token })).status).toBe(403);
      expect((await api.post(`/api/admin/api-keys/${victim.id}/revoke`, { token })).status).toBe(403);
    }
    expect(await api.count('api_keys', 'id = $1 and revoked_at is null', [victim.id])).toBe(1);
  });
});

describe('calling with a key', () => {
  it('acts with its role: an officer key imports claims and finds them, and is refused what officers may not do', async () => {
    const key = ZApiKeyCreated.parse((await createKey({ name: '互助保障系统', role: 'claims_officer' })).body).key;
    const m = await api.member();
    const row = claimRow(m.idNumber);
    const imported = await api.post('/api/admin/claims/import', { token: key, body: { rows: [row] } });
    expect(imported.status).toBe(200);
    const result = ZImportResult.parse(imported.body);
    expect(result.created).toBe(1);
    expect(result.landed).toEqual([{ index: 0, id: expect.any(String) }]);
    const found = ZOfficerClaimList.parse((await api.get(`/api/admin/claims?claimNo=${row.claimNo}`, { token: key })).body);
    expect(found.items.map((c) => c.id)).toEqual([result.landed[0].id]);
    expect((await api.post('/api/admin/orgs', { token: key, body: { name: '不该建的工会' } })).status).toBe(403);
    expect((await api.get('/api/me/claims', { token: key })).status).toBe(403);
  });

  it('acts as an admin with an admin key, and as nothing beyond checking codes with a verifier key', async () => {
    const adminKey = ZApiKeyCreated.parse((await createKey({ name: '组织系统', role: 'admin' })).body).key;
    const verifierKey = ZApiKeyCreated.parse((await createKey({ name: '场馆闸机', role: 'verifier' })).body).key;
    expect((await api.post('/api/admin/orgs', { token: adminKey, body: { name: `密钥建的工会${Math.random()}` } })).status).toBe(201);
    const m = await api.member();
    expect((await api.post('/api/admin/claims/import', { token: verifierKey, body: { rows: [claimRow(m.idNumber)] } })).status).toBe(403);
    expect((await api.get('/api/admin/claims', { token: verifierKey })).status).toBe(403);
    expect((await api.post('/api/admin/orgs', { token: verifierKey, body: { name: '闸机建的工会' } })).status).toBe(403);
  });

  it('answers KEY_REVOKED for a revoked key at once, and UNAUTHENTICATED for a key that never existed', async () => {
    const created = ZApiKeyCreated.parse((await createKey({ name: '将被吊销', role: 'claims_officer' })).body);
    expect((await api.get('/api/admin/claims', { token: created.key })).status).toBe(200);
    const revoked = await api.post(`/api/admin/api-keys/${created.id}/revoke`, { token: admin.token });
    expect(revoked.status).toBe(200);
    expect(ZApiKey.parse(revoked.body).revokedAt).not.toBeNull();
    const after = await api.get('/api/admin/claims', { token: created.key });
    expect(after.status).toBe(401);
    expect(after.body.error).toMatchObject({ code: 'KEY_REVOKED', message: expect.stringMatching(/吊销/) });
    const again = await api.post(`/api/admin/api-keys/${created.id}/revoke`, { token: admin.token });
    expect(again.body.revokedAt).toBe(revoked.body.revokedAt);
    // The same prefix with another secret, and a key of the wrong shape.
    const forged = created.key.slice(0, 12) + 'A'.repeat(created.key.length - 12);
    for (const token of [forged, 'usk_short', `usk_${'x'.repeat(500)}`]) {
      const res = await api.get('/api/admin/claims', { token });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    }
    expect((await api.post('/api/admin/api-keys/999999999/revoke', { token: admin.token })).status).toBe(404);
  });

  it('records every call made with a key, refusals included, with the key’s id, and when it was last used', async () => {
    const created = ZApiKeyCreated.parse((await createKey({ name: '审计', role: 'claims_officer' })).body);
    const keyId = created.id;
    await api.get('/api/admin/claims?limit=5', { token: created.key });
    await api.post('/api/admin/orgs', { token: created.key, body: { name: '越权' } });
    await api.post(`/api/admin/api-keys/${keyId}/revoke`, { token: admin.token });
    await api.get('/api/admin/claims', { token: created.key });
    const { rows } = await api.db.query<{ actor_user_id: string; detail: { apiKeyId: string; route: string; status: number; method: string } }>(
      `select actor_user_id::text, detail from audit_log where action = 'api_key.call' and subject_id = $1 order by id`,
      [keyId],
    );
    expect(rows.map((r) => [r.detail.apiKeyId, r.detail.method, r.detail.route, r.detail.status])).toEqual([
      [keyId, 'GET', '/api/admin/claims', 200],
      [keyId, 'POST', '/api/admin/orgs', 403],
      [keyId, 'GET', '/api/admin/claims', 401],
    ]);
    const keyUser = await api.db.query<{ user_id: string }>('select user_id::text from api_keys where id = $1', [keyId]);
    expect(rows.every((r) => r.actor_user_id === keyUser.rows[0].user_id)).toBe(true);
    // What the key did is in the audit log under the key's own user, too.
    expect(await api.count('audit_log', `action = 'claims.search' and actor_user_id = $1`, [keyUser.rows[0].user_id])).toBe(1);
    const listed = ZApiKeyList.parse((await api.get('/api/admin/api-keys', { token: admin.token })).body).items.find((k) => k.id === keyId);
    expect(listed?.lastUsedAt).not.toBeNull();
  });
});

describe('a key or officer with a union acts only in its subtree', () => {
  it('finds, reads and imports claims and coverage only for members of its union and the unions below', async () => {
    const city = await api.org({ name: '市总工会' });
    const jinshui = await api.org({ parentId: city, name: '金水区总工会' });
    const below = await api.org({ parentId: jinshui, name: '金水某公司工会' });
    const riders = await api.org({ parentId: city, name: '蓝骑士工会' });
    const inside = await api.member({ orgId: below });
    const outside = await api.member({ orgId: riders });
    const unscoped = await api.user({ roles: [{ role: 'claims_officer' }] });
    const seeded = await api.post('/api/admin/claims/import', { token: unscoped.token, body: { rows: [claimRow(inside.idNumber), claimRow(outside.idNumber)] } });
    const [insideClaim, outsideClaim] = ZImportResult.parse(seeded.body).landed.map((l) => l.id);

    const key = ZApiKeyCreated.parse((await createKey({ name: '金水区互助系统', role: 'claims_officer', orgId: jinshui })).body).key;
    const officer = await api.user({ roles: [{ role: 'claims_officer', orgId: jinshui }] });
    for (const token of [key, officer.token]) {
      const list = ZOfficerClaimList.parse((await api.get('/api/admin/claims?limit=100', { token })).body);
      expect(list.items.map((c) => c.id)).toContain(insideClaim);
      expect(new Set(list.items.map((c) => c.memberId))).toEqual(new Set([inside.memberId]));
      expect((await api.get(`/api/admin/claims?memberId=${outside.memberId}`, { token })).body.items).toEqual([]);
      expect((await api.get(`/api/admin/claims/${insideClaim}`, { token })).status).toBe(200);
      const theirs = await api.get(`/api/admin/claims/${outsideClaim}`, { token });
      const nobodys = await api.get('/api/admin/claims/999999999', { token });
      expect([theirs.status, theirs.body]).toEqual([nobodys.status, nobodys.body]);

      const claims = ZImportResult.parse((await api.post('/api/admin/claims/import', { token, body: { rows: [claimRow(inside.idNumber), claimRow(outside.idNumber)] } })).body);
      expect(claims.created).toBe(1);
      expect(claims.rejected).toEqual([{ index: 1, code: 'NOT_FOUND', message: expect.stringMatching(/会员名册/), column: 'idNumber' }]);
      const coverage = ZImportResult.parse(
        (
          await api.post('/api/admin/coverage/import', {
            token,
            body: { rows: [{ idNumber: outside.idNumber, plan: 'basic', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' }] },
          })
        ).body,
      );
      expect(coverage.rejected.map((r) => r.code)).toEqual(['NOT_FOUND']);
    }
    expect(await api.count('coverages', 'member_id = $1', [outside.memberId])).toBe(0);
    expect(await api.count('claims', 'member_id = $1', [outside.memberId])).toBe(1);
  });
});

describe('the claims lookup', () => {
  it('finds claims by claim number, member or status, newest first, with masked ID numbers and no timeline or notes, page by page', async () => {
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    const m = await api.member({ name: '查询甲' });
    const rows = [
      { ...claimRow(m.idNumber), submittedAt: '2026-01-05T09:00:00+08:00', at: '2026-01-05T09:00:00+08:00' },
      { ...claimRow(m.idNumber), submittedAt: '2026-02-05T09:00:00+08:00', status: 'under_review', note: '需补充诊断证明', at: '2026-02-06T09:00:00+08:00' },
      { ...claimRow(m.idNumber), submittedAt: '2026-03-05T09:00:00+08:00', at: '2026-03-05T09:00:00+08:00' },
    ];
    const landed = ZImportResult.parse((await api.post('/api/admin/claims/import', { token: officer.token, body: { rows } })).body).landed.map((l) => l.id);
    const byMember = await api.get(`/api/admin/claims?memberId=${m.memberId}&limit=2`, { token: officer.token });
    expect(byMember.status).toBe(200);
    const page1 = ZOfficerClaimList.parse(byMember.body);
    expect(page1.items.map((c) => c.id)).toEqual([landed[2], landed[1]]);
    expect(page1.items[0]).toMatchObject({ memberId: m.memberId, memberName: '查询甲', idNumberMasked: expect.stringMatching(/^\d{3}\*+\d{3}[\dX]$/) });
    expect(byMember.body.items[0].timeline).toBeUndefined();
    expect(byMember.text).not.toContain(m.idNumber);
    expect(byMember.text).not.toContain('诊断证明');
    const page2 = ZOfficerClaimList.parse((await api.get(`/api/admin/claims?memberId=${m.memberId}&limit=2&cursor=${page1.nextCursor}`, { token: officer.token })).body);
    expect(page2).toEqual({ items: [expect.objectContaining({ id: landed[0] })], nextCursor: null });
    const byNo = ZOfficerClaimList.parse((await api.get(`/api/admin/claims?claimNo=${rows[1].claimNo}`, { token: officer.token })).body);
    expect(byNo.items.map((c) => c.id)).toEqual([landed[1]]);
    const byStatus = ZOfficerClaimList.parse((await api.get(`/api/admin/claims?memberId=${m.memberId}&status=under_review`, { token: officer.token })).body);
    expect(byStatus.items.map((c) => c.id)).toEqual([landed[1]]);
    for (const bad of ['status=lost', 'memberId=abc', 'cursor=%%%', 'limit=1000']) expect((await api.get(`/api/admin/claims?${bad}`, { token: officer.token })).status).toBe(400);
  });

  it('is refused to members, cadres and the unauthenticated', async () => {
    const m = await api.memberUser();
    const cadre = await api.cadre(m.orgId);
    expect((await api.get('/api/admin/claims', { token: m.token })).status).toBe(403);
    expect((await api.get('/api/admin/claims', { token: cadre.token })).status).toBe(403);
    expect((await api.get('/api/admin/claims')).status).toBe(401);
  });
});

describe('scripts/push-claims.ts', () => {
  it('pushes a claims spreadsheet with a service key and reports each rejected row by its row number', async () => {
    const key = ZApiKeyCreated.parse((await createKey({ name: '互助保障系统', role: 'claims_officer' })).body).key;
    const m = await api.member();
    const good = claimRow(m.idNumber);
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'push-claims-')), '申请.xlsx');
    await writeFile(
      file,
      await xlsxOf([
        ['申请编号', '身份证号', '保障项目', '状态', '出险日期', '申请时间', '申请金额（元）', '变更时间'],
        [good.claimNo, m.idNumber, '意外伤害互助保障', '已提交', '2026-02-01', '2026-02-03 10:00', 500, '2026-02-03 10:00'],
        [`${good.claimNo}-2`, m.idNumber, '意外伤害互助保障', '已提交', '2026-02-01', '2026-02-03 10:00', 'five', '2026-02-03 10:00'],
      ]),
    );
    const run = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, ['--import', 'tsx', 'scripts/push-claims.ts', file], { env: { ...process.env, UNION_API: `${api.base}/api`, UNION_KEY: key } }, (err, stdout) =>
        resolve({ code: err ? Number((err as { code?: number }).code) : 0, out: stdout }),
      );
    });
    expect(run.out).toMatch(/新增 1 条/);
    expect(run.out).toMatch(/第 3 行「申请金额（元）」/);
    expect(run.code).toBe(1);
    expect(await api.count('claims', 'claim_no = $1 and amount_claimed_fen = 50000', [good.claimNo])).toBe(1);
  }, 60_000);
});
