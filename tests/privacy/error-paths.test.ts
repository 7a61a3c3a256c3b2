// The two paths where the server writes about a failed request: the database is unreachable
// (warn db_unavailable, 503) and something unexpected broke (error unexpected_error, 500). Both
// are driven here with requests full of ID numbers, phone numbers and a medical note, so that
// every run of the suite logs through them and tests/privacy/log-check.test.ts has something
// real to inspect, and so that this file can show those lines hold none of it.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { captureFile } from '../support/log-capture.js';
import { findLeaks, logEvents, PROBE_MARKER } from '../support/log-scan.js';
import { setDb } from '../../functions/_lib/db/index.js';
import { createNodePgDb } from '../../functions/_lib/db/node-pg.js';
import { ZErrorBody } from '../../shared/schemas.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(async () => {
  await api.close();
});

const note = `确诊急性白血病，住院化疗（${PROBE_MARKER}）`;
const claimRow = (idNumber: string, claimNo: string) => ({
  claimNo, idNumber, plan: 'critical_illness', status: 'under_review', incidentDate: '2026-05-01',
  submittedAt: '2026-05-02T09:00:00+08:00', amountClaimedFen: 9_900_000, note, at: '2026-05-03T09:00:00+08:00',
});

/** The capture lines this worker wrote for one request id. */
function linesOf(requestId: string): string[] {
  const file = captureFile();
  expect(file, 'the suite runs with a log capture directory (tests/support/log-capture-setup.ts)').not.toBeNull();
  return readFileSync(file!, 'utf8').split('\n').filter((l) => l.includes(requestId));
}

describe('the database is unreachable', () => {
  it('answers 503 UNAVAILABLE with Retry-After and logs db_unavailable without the ID number, phone or note it was sent', async () => {
    const admin = await api.admin();
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    const { token } = await api.user();
    const idNumber = newIdNumber();
    // A node-postgres pool pointed at a port where no database listens: connect ECONNREFUSED.
    const down = createNodePgDb('postgres://nobody@127.0.0.1:1/nothing', 2);
    setDb(down);
    try {
      const calls = [
        { id: `probe-down-bind-${process.pid}`, path: '/api/me/bind', token, body: { name: '王隐私', idNumber } },
        { id: `probe-down-claims-${process.pid}`, path: '/api/admin/claims/import', token: officer.token, body: { rows: [claimRow(idNumber, 'PROBE-DOWN-1')] } },
        { id: `probe-down-roster-${process.pid}`, path: '/api/admin/members/import', token: admin.token, body: { orgId: '1', members: [{ name: '王隐私', idNumber, phone: '13912345678' }] } },
      ];
      for (const c of calls) {
        const res = await api.post(c.path, { token: c.token, body: c.body, headers: { 'x-request-id': c.id } });
        expect(res.status, c.path).toBe(503);
        expect(ZErrorBody.parse(res.body).error.code).toBe('UNAVAILABLE');
        expect(res.headers.get('retry-after')).toBeTruthy();
        const lines = linesOf(c.id);
        expect(logEvents(lines).map((e) => e.event)).toEqual(['db_unavailable']);
        expect(findLeaks(lines.join('\n'))).toEqual([]);
        expect(lines.join('\n')).not.toContain(idNumber);
      }
    } finally {
      setDb(api.db);
      await down.close().catch(() => undefined);
    }
  });
});

describe('something unexpected breaks', () => {
  it('answers 500 with nothing in the body and logs unexpected_error without the rows that failed', async () => {
    const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
    const admin = await api.admin();
    const orgId = await api.org();
    const m = await api.member({ orgId });
    const idNumber = newIdNumber();
    // The database refuses the rows themselves: PostgreSQL's error carries them in its detail
    // ("Failing row contains …"), which must stay out of the log.
    await api.db.query(`alter table claim_events add constraint probe_refuses_note check (note is null or note not like '%${PROBE_MARKER}%') not valid`);
    await api.db.query(`alter table members add constraint probe_refuses_phone check (phone_masked is null or phone_masked not like '139%') not valid`);
    try {
      const claims = await api.post('/api/admin/claims/import', { token: officer.token, body: { rows: [claimRow(m.idNumber, 'PROBE-500-1')] }, headers: { 'x-request-id': `probe-500-claims-${process.pid}` } });
      const roster = await api.post('/api/admin/members/import', {
        token: admin.token,
        body: { orgId, members: [{ name: '李隐私', idNumber, phone: '13912345678' }] },
        headers: { 'x-request-id': `probe-500-roster-${process.pid}` },
      });
      for (const [res, id] of [[claims, 'claims'], [roster, 'roster']] as const) {
        expect(res.status, id).toBe(500);
        expect(res.body).toEqual({ error: { code: 'INTERNAL', message: '服务暂时出现问题，请稍后再试' } });
        const lines = linesOf(`probe-500-${id}-${process.pid}`);
        expect(logEvents(lines).map((e) => e.event)).toEqual(['unexpected_error']);
        expect(findLeaks(lines.join('\n'))).toEqual([]);
        expect(lines.join('\n')).not.toMatch(/白血病|化疗/);
      }
      // Nothing half-written: the failing import left no claim and no member behind.
      expect(await api.count('claims', `claim_no = 'PROBE-500-1'`)).toBe(0);
      expect(await api.count('members', 'org_id = $1', [orgId])).toBe(1);
    } finally {
      await api.db.query('alter table claim_events drop constraint probe_refuses_note');
      await api.db.query('alter table members drop constraint probe_refuses_phone');
    }
  });
});
