// Love stations under concurrent taps, on the real PostgreSQL: a member tapping 没开门 many times at
// once holds one report (so cannot make a station reported_closed alone), many 我来过 taps count one
// visit, and two cadres resolving one report at once: exactly one succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';

let api: TestApi;
let union: string;
let station: string;

beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
  union = await api.org({ name: `驿站并发工会${process.pid}` });
  const admin = await api.admin();
  const res = await api.post('/api/admin/stations/import', {
    token: admin.token,
    body: { orgId: union, rows: [{ name: '并发驿站', address: '并发路1号', lat: 34.75, lng: 113.65, openingHours: '24/7', services: ['water'] }] },
  });
  station = res.body.landed[0].id;
});
afterAll(async () => {
  await api.close();
});

describe('love stations under concurrent taps', () => {
  it('keeps one open closed report for a member tapping eight times at once (under the rate limit), and the station open', async () => {
    const m = await api.memberUser();
    const replies = await Promise.all(Array.from({ length: 8 }, () => api.post(`/api/stations/${station}/reports`, { token: m.token, body: { kind: 'closed' } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
    expect(await api.count('station_reports', `station_id = $1 and member_id = $2 and kind = 'closed'`, [station, m.memberId])).toBe(1);
    expect((await api.get(`/api/stations/${station}`, { token: m.token })).body.status).toBe('open');
  });

  it('counts one visit for ten taps of 我来过 at once', async () => {
    const m = await api.memberUser();
    const replies = await Promise.all(Array.from({ length: 10 }, () => api.post(`/api/stations/${station}/visits`, { token: m.token })));
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.every((r) => r.status === 200 || r.status === 201)).toBe(true);
    expect(await api.count('station_visits', 'station_id = $1 and member_id = $2', [station, m.memberId])).toBe(1);
  });

  it('lets exactly one of several cadres resolving one report at once succeed', async () => {
    const m = await api.memberUser();
    const report = await api.post(`/api/stations/${station}/reports`, { token: m.token, body: { kind: 'dirty' } });
    const cadres = await Promise.all(Array.from({ length: 6 }, () => api.cadre(union)));
    const replies = await Promise.all(cadres.map((c, i) => api.post(`/api/admin/station-reports/${report.body.id}/resolve`, { token: c.token, body: { note: `第${i + 1}位干部处理` } })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await api.count('station_reports', 'id = $1 and resolved_at is not null', [report.body.id])).toBe(1);
  });
});
