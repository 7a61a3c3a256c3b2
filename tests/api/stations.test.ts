// Love stations (issue #18): the nearest open station, the truth about which are open, and the
// union that answers for them. Every test searches around its own point, far from the others'.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { XLSX, xlsxOf } from '../support/xlsx.js';
import { destinationPoint } from '../../shared/domain/geo.js';
import { searchStations } from '../../functions/_lib/services/stations/search-stations.js';
import { ZAdminStationReportList, ZStation, ZStationList, ZStationReliabilityList, ZStationReport } from '../../shared/schemas.js';

let api: TestApi;
let city: string;
let union: string;
let other: string;
let admin: { token: string };
let cadre: { token: string };
let otherCadre: { token: string };

beforeAll(async () => {
  api = await startTestApi();
  city = await api.org({ name: `驿站市总工会${process.pid}` });
  union = await api.org({ parentId: city, name: '金水区总工会' });
  other = await api.org({ parentId: city, name: '二七区总工会' });
  admin = await api.admin();
  cadre = await api.cadre(union);
  otherCadre = await api.cadre(other);
});
afterAll(async () => {
  await api.close();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A fresh search point per test, about 120 km apart (all inside China). */
let area = 0;
function nextCentre() {
  area++;
  return { lat: 23 + (area % 25) * 1.1, lng: 103 + Math.floor(area / 25) * 1.5 };
}

type Row = { name: string; address?: string; lat: number; lng: number; openingHours?: string; services?: string[]; phone?: string };
let stationCounter = 0;
const row = (o: Row) => ({ address: `测试路${++stationCounter}号`, openingHours: '24/7', services: ['water'], ...o });

/** Stations through the JSON import, as the union would; their ids in row order. */
async function stations(rows: Row[], orgId = union): Promise<string[]> {
  const res = await api.post('/api/admin/stations/import', { token: admin.token, body: { orgId, rows: rows.map(row) } });
  expect(res.status, res.text).toBe(200);
  expect(res.body.rejected).toEqual([]);
  return res.body.landed.map((l: { id: string }) => l.id);
}

const at = (c: { lat: number; lng: number }, metres: number, bearing = 90) => destinationPoint(c.lat, c.lng, metres, bearing);
const search = (c: { lat: number; lng: number }, extra = '', token = admin.token) => api.get(`/api/stations?lat=${c.lat}&lng=${c.lng}${extra}`, { token });
const names = (body: { items: { name: string }[] }) => body.items.map((s) => s.name);
/**
 * Pins the application's clock (server and services run in this process) to a Beijing time. Only
 * times before the tokens were signed: a session token knows only its expiry.
 */
const pinClock = (local: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(`${local}+08:00`));
};

describe('finding the nearest stations', () => {
  it('lists stations nearest first with their distance in metres, and only within the radius', async () => {
    const c = nextCentre();
    await stations([
      { name: '三公里驿站', ...at(c, 3000, 10) },
      { name: '八百米驿站', ...at(c, 800, 200) },
      { name: '两公里驿站', ...at(c, 2000, 300) },
      { name: '七公里驿站', ...at(c, 7000, 45) },
    ]);
    const res = await search(c);
    expect(res.status).toBe(200);
    const body = ZStationList.parse(res.body);
    expect(names(body)).toEqual(['八百米驿站', '两公里驿站', '三公里驿站']);
    expect(body.items.map((s) => s.distanceM)).toEqual([800, 2000, 3000]);
    expect(names((await search(c, '&radiusKm=10')).body)).toEqual(['八百米驿站', '两公里驿站', '三公里驿站', '七公里驿站']);
  });

  it('includes a station 4.99 km away and leaves out one 5.01 km away (haversine on the contract’s sphere)', async () => {
    const c = nextCentre();
    await stations([
      { name: '4.99公里驿站', ...at(c, 4990, 0) },
      { name: '5.01公里驿站', ...at(c, 5010, 0) },
      { name: '东边4.999公里', ...at(c, 4999, 90) },
      { name: '东边5.001公里', ...at(c, 5001, 90) },
    ]);
    const body = ZStationList.parse((await search(c, '&radiusKm=5')).body);
    expect(names(body)).toEqual(['4.99公里驿站', '东边4.999公里']);
    expect(body.items.map((s) => s.distanceM)).toEqual([4990, 4999]);
  });

  it('keeps the coordinates exactly as imported (GCJ-02, never converted)', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '坐标原样驿站', lat: c.lat + 0.0012345, lng: c.lng + 0.0067891 }]);
    const got = ZStation.parse((await api.get(`/api/stations/${id}`, { token: admin.token })).body);
    expect([got.lat, got.lng]).toEqual([c.lat + 0.0012345, c.lng + 0.0067891]);
    expect(got.distanceM).toBeNull();
  });

  it('filters by service and pages nearest first through an opaque cursor, each station exactly once', async () => {
    const c = nextCentre();
    await stations(
      Array.from({ length: 7 }, (_, i) => ({ name: `分页驿站${i}`, ...at(c, 300 + i * 400, i * 50), services: i % 2 === 0 ? ['water', 'toilet'] : ['charging'] })),
    );
    expect(names((await search(c, '&service=toilet')).body)).toEqual(['分页驿站0', '分页驿站2', '分页驿站4', '分页驿站6']);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { status: number; body: { items: { name: string }[]; nextCursor: string | null } } = await search(c, `&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...names(res.body));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(Array.from({ length: 7 }, (_, i) => `分页驿站${i}`));
    expect(pages).toBe(3);
  });

  it('answers with one round trip to the database per search', async () => {
    const c = nextCentre();
    await stations([{ name: '往返驿站', ...at(c, 100) }]);
    const before = api.db.stats.roundTrips;
    await searchStations({ db: api.db, query: { lat: c.lat, lng: c.lng, radiusKm: 5, limit: 20, openNow: true } });
    expect(api.db.stats.roundTrips - before).toBe(1);
  });

  it('refuses a search without a point, with a radius over 50 km, an unknown service or a forged cursor, in Chinese', async () => {
    for (const query of ['', '?lat=34.7&lng=abc', '?lat=34.7&lng=113.6&radiusKm=80', '?lat=34.7&lng=113.6&service=sauna', '?lat=34.7&lng=113.6&openNow=maybe', '?lat=34.7&lng=113.6&cursor=bm90LWEtY3Vyc29y']) {
      const res = await api.get(`/api/stations${query}`, { token: admin.token });
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect((await api.get('/api/stations?lat=34.7&lng=113.6')).status).toBe(401);
  });
});

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
async function uploadPhoto(token: string): Promise<string> {
  const res = await api.post('/api/uploads', { token, rawBody: PNG, headers: { 'content-type': 'image/png' } });
  expect(res.status, res.text).toBe(201);
  return res.body.id;
}

describe('a report’s photo (an upload)', () => {
  it('attaches the reporter’s own photo, readable by the reporter, the station union’s cadres and admins only', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '照片驿站', ...at(c, 100) }]);
    const reporter = await api.memberUser();
    const someone = await api.memberUser();
    const photo = await uploadPhoto(reporter.token);
    const res = await api.post(`/api/stations/${id}/reports`, { token: reporter.token, body: { kind: 'dirty', uploadId: photo } });
    expect(res.status, res.text).toBe(201);
    const queue = ZAdminStationReportList.parse((await api.get('/api/admin/station-reports?status=open&limit=100', { token: cadre.token })).body);
    expect(queue.items.find((x) => x.id === res.body.id)).toMatchObject({ hasPhoto: true, uploadId: photo });
    const parentCadre = await api.cadre(city);
    for (const reader of [reporter, cadre, parentCadre, admin]) expect((await api.get(`/api/uploads/${photo}`, { token: reader.token })).status).toBe(200);
    for (const outsider of [otherCadre, someone]) expect((await api.get(`/api/uploads/${photo}`, { token: outsider.token })).status).toBe(404);
  });

  it('refuses a photo that is not the reporter’s own upload, and writes no report', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '他人照片驿站', ...at(c, 100) }]);
    const reporter = await api.memberUser();
    const other = await api.memberUser();
    const theirs = await uploadPhoto(other.token);
    for (const uploadId of [theirs, '00000000-0000-4000-8000-000000000000']) {
      const res = await api.post(`/api/stations/${id}/reports`, { token: reporter.token, body: { kind: 'closed', uploadId } });
      expect(res.status, res.text).toBe(400);
      expect(res.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ path: 'uploadId' }] });
    }
    const bad = await api.post(`/api/stations/${id}/reports`, { token: reporter.token, body: { kind: 'closed', uploadId: '12345' } });
    expect(bad.status).toBe(400);
    const { rows } = await api.db.query(`select 1 from station_reports where station_id = $1`, [id]);
    expect(rows).toEqual([]);
    // the photo was not linked to anything: its uploader still reads it, the reporter cannot
    expect((await api.get(`/api/uploads/${theirs}`, { token: reporter.token })).status).toBe(404);
  });
});

describe('open now, at a fixed time in Beijing', () => {
  const hours = { always: '24/7', office: 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', night: 'Mo-Su 20:00-08:00' };

  it('keeps only the stations open at that moment, with the nearest closed ones still listed without the filter and when they open', async () => {
    const c = nextCentre();
    await stations([
      { name: '夜间驿站', ...at(c, 200), openingHours: hours.night },
      { name: '办公时间驿站', ...at(c, 400), openingHours: hours.office },
      { name: '全天驿站', ...at(c, 600), openingHours: hours.always },
    ]);
    pinClock('2026-11-25T10:00:00'); // a Wednesday morning
    expect(names((await search(c, '&openNow=true')).body)).toEqual(['办公时间驿站', '全天驿站']);
    pinClock('2026-11-25T22:30:00');
    expect(names((await search(c, '&openNow=true')).body)).toEqual(['夜间驿站', '全天驿站']);
    pinClock('2026-11-29T07:30:00'); // Sunday morning: the night station is still open from Saturday night
    const sunday = ZStationList.parse((await search(c)).body);
    expect(sunday.items.map((s) => [s.name, s.openNow, s.opensAt])).toEqual([
      ['夜间驿站', true, null],
      ['办公时间驿站', false, '2026-11-29T09:00:00+08:00'],
      ['全天驿站', true, null],
    ]);
    pinClock('2026-10-01T10:00:00'); // National Day, a Thursday: PH off
    expect(names((await search(c, '&openNow=true')).body)).toEqual(['全天驿站']);
  });

  it('takes public holidays from the calendar admins keep: a day they add closes PH-off stations in the search and on the station', async () => {
    const c = nextCentre();
    const [office] = await stations([
      { name: '假日休息驿站', ...at(c, 300), openingHours: hours.office },
      { name: '假日开门驿站', ...at(c, 500), openingHours: 'Mo-Fr 08:00-20:00; PH 09:00-12:00' },
    ]);
    const openAt = async (local: string) => {
      pinClock(local);
      const res = await search(c, '&openNow=true');
      expect(res.status, res.text).toBe(200);
      const filtered = names(res.body);
      const listed = ZStationList.parse((await search(c)).body).items.filter((s) => s.openNow).map((s) => s.name);
      expect(listed, 'the openNow filter and the shown openNow agree').toEqual(filtered);
      return filtered;
    };
    // 2026-11-18 is an ordinary Wednesday…
    expect(await openAt('2026-11-18T14:00:00')).toEqual(['假日休息驿站', '假日开门驿站']);
    vi.useRealTimers();
    const res = await api.post('/api/admin/calendar-days', { token: admin.token, body: { days: [{ day: '2026-11-18', workday: false, name: '驿站测试假日' }] } });
    expect(res.status, res.text).toBe(200);
    // …until the admin declares it a holiday: PH off closes, PH 09:00-12:00 keeps only the morning
    expect(await openAt('2026-11-18T14:00:00')).toEqual([]);
    expect(await openAt('2026-11-18T10:00:00')).toEqual(['假日开门驿站']);
    // the night after: the day before was the holiday, and the station opens on Thursday morning
    pinClock('2026-11-18T21:00:00');
    const one = (await api.get(`/api/stations/${office}`, { token: admin.token })).body;
    expect(one).toMatchObject({ openNow: false, opensAt: '2026-11-19T08:00:00+08:00' });
    pinClock('2026-11-17T21:00:00'); // the evening before: the station knows tomorrow is a holiday
    expect((await api.get(`/api/stations/${office}`, { token: admin.token })).body).toMatchObject({ openNow: false, opensAt: '2026-11-19T08:00:00+08:00' });
    // and National Day 2025, now in calendar_days (020_cleanup.sql), is a holiday too
    expect(await openAt('2025-10-08T10:00:00')).toEqual(['假日开门驿站']);
  });

  it('fills the page with open stations even when the nearest dozens are closed (the filter is applied before the limit)', async () => {
    const c = nextCentre();
    await stations([
      ...Array.from({ length: 30 }, (_, i) => ({ name: `关门${i}`, ...at(c, 50 + i * 20, i * 12), openingHours: 'Mo-Fr 08:00-09:00' })),
      ...Array.from({ length: 3 }, (_, i) => ({ name: `开门${i}`, ...at(c, 3000 + i * 100, 180), openingHours: '24/7' })),
    ]);
    pinClock('2026-11-25T15:00:00');
    const body = ZStationList.parse((await search(c, '&openNow=true&limit=2')).body);
    expect(names(body)).toEqual(['开门0', '开门1']);
    expect(body.nextCursor).not.toBeNull();
    expect(names((await search(c, `&openNow=true&limit=2&cursor=${body.nextCursor}`)).body)).toEqual(['开门2']);
  });
});

describe('我来过 and 反映问题', () => {
  it('sets lastConfirmedAt on a visit and counts a second tap within the hour once', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '来过驿站', ...at(c, 100) }]);
    const m = await api.memberUser({ orgId: other });
    pinClock('2026-11-25T10:15:00');
    const first = await api.post(`/api/stations/${id}/visits`, { token: m.token });
    expect(first.status).toBe(201);
    expect(first.body.lastConfirmedAt).toBe('2026-11-25T10:15:00+08:00');
    vi.setSystemTime(new Date('2026-11-25T10:40:00+08:00'));
    const again = await api.post(`/api/stations/${id}/visits`, { token: m.token });
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    expect(again.body.lastConfirmedAt).toBe('2026-11-25T10:40:00+08:00');
    expect(await api.count('station_visits', 'station_id = $1', [id])).toBe(1);
    vi.setSystemTime(new Date('2026-11-25T11:05:00+08:00'));
    expect((await api.post(`/api/stations/${id}/visits`, { token: m.token })).status).toBe(201);
    expect(ZStation.parse((await search(c)).body.items[0]).lastConfirmedAt).toBe('2026-11-25T11:05:00+08:00');
  });

  it('lets only members visit or report, and answers 404 for a station that does not exist', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '会员驿站', ...at(c, 100) }]);
    const unbound = await api.user();
    for (const res of [await api.post(`/api/stations/${id}/visits`, { token: unbound.token }), await api.post(`/api/stations/${id}/reports`, { token: unbound.token, body: { kind: 'dirty' } })]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_A_MEMBER');
    }
    const m = await api.memberUser();
    expect((await api.post('/api/stations/999999999/visits', { token: m.token })).status).toBe(404);
    expect((await api.post('/api/stations/999999999/reports', { token: m.token, body: { kind: 'closed' } })).status).toBe(404);
    const bad = await api.post(`/api/stations/${id}/reports`, { token: m.token, body: { kind: 'haunted' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    expect(await api.count('station_reports', 'station_id = $1', [id])).toBe(0);
  });

  it('shows reported_closed once two different members report it closed, counting one member twice once, until the union resolves it', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '反映驿站', ...at(c, 100) }]);
    const a = await api.memberUser();
    const b = await api.memberUser();
    const status = async () => ZStation.parse((await api.get(`/api/stations/${id}`, { token: a.token })).body).status;

    const first = await api.post(`/api/stations/${id}/reports`, { token: a.token, body: { kind: 'closed', note: '中午锁门了' } });
    expect(first.status).toBe(201);
    expect(ZStationReport.parse(first.body)).toMatchObject({ stationId: id, kind: 'closed', note: '中午锁门了', status: 'open' });
    const twice = await api.post(`/api/stations/${id}/reports`, { token: a.token, body: { kind: 'closed' } });
    expect(twice.status).toBe(200);
    expect(twice.body.id).toBe(first.body.id);
    expect(await status()).toBe('open');
    await api.post(`/api/stations/${id}/reports`, { token: a.token, body: { kind: 'no_water' } });
    expect(await status()).toBe('open');

    const second = await api.post(`/api/stations/${id}/reports`, { token: b.token, body: { kind: 'closed', uploadId: await uploadPhoto(b.token) } });
    expect(second.status).toBe(201);
    expect(await status()).toBe('reported_closed');
    expect(ZStationList.parse((await search(c)).body).items[0].status).toBe('reported_closed');

    // a cadre of another union neither sees nor resolves it
    const theirQueue = ZAdminStationReportList.parse((await api.get('/api/admin/station-reports?status=open&limit=100', { token: otherCadre.token })).body);
    expect(theirQueue.items.filter((r) => r.stationId === id)).toEqual([]);
    const refused = await api.post(`/api/admin/station-reports/${first.body.id}/resolve`, { token: otherCadre.token, body: { note: '已联系开门' } });
    expect(refused.status).toBe(404);
    expect(await status()).toBe('reported_closed');
    const memberTry = await api.post(`/api/admin/station-reports/${first.body.id}/resolve`, { token: b.token, body: { note: '已联系开门' } });
    expect(memberTry.status).toBe(403);

    const queue = ZAdminStationReportList.parse((await api.get('/api/admin/station-reports?status=open&limit=100', { token: cadre.token })).body);
    const mine = queue.items.filter((r) => r.stationId === id);
    expect(mine.map((r) => [r.kind, r.stationStatus, r.hasPhoto])).toEqual([
      ['closed', 'reported_closed', false],
      ['no_water', 'reported_closed', false],
      ['closed', 'reported_closed', true],
    ]);
    for (const r of mine) expect(Date.parse(r.deadlineAt)).toBeGreaterThan(Date.parse(r.createdAt) + 24 * 3600_000);

    const resolved = await api.post(`/api/admin/station-reports/${first.body.id}/resolve`, { token: cadre.token, body: { note: '已联系站长，恢复开放' } });
    expect(resolved.status).toBe(200);
    expect(ZStationReport.parse(resolved.body).status).toBe('resolved');
    expect(await status()).toBe('open');
    const again = await api.post(`/api/admin/station-reports/${first.body.id}/resolve`, { token: admin.token, body: { note: '再次处理' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');
    // after resolution the same member may report it closed again: a new report
    expect((await api.post(`/api/stations/${id}/reports`, { token: a.token, body: { kind: 'closed' } })).status).toBe(201);
    expect(await status()).toBe('reported_closed');
  });

  it('holds one open closed report per member and station in the database itself', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '唯一驿站', ...at(c, 100) }]);
    const a = await api.memberUser();
    await api.post(`/api/stations/${id}/reports`, { token: a.token, body: { kind: 'closed' } });
    await expect(
      api.db.query(`insert into station_reports (station_id, member_id, kind, deadline_at) values ($1, $2, 'closed', now() + interval '2 days')`, [id, a.memberId]),
    ).rejects.toThrow(/station_reports_closed_once/);
  });

  it('puts the deadline two working days after the report and marks it overdue after that', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '期限驿站', ...at(c, 100) }]);
    const a = await api.memberUser();
    pinClock('2026-11-20T15:00:00'); // a Friday
    const r = await api.post(`/api/stations/${id}/reports`, { token: a.token, body: { kind: 'dirty' } });
    const find = async () => ZAdminStationReportList.parse((await api.get('/api/admin/station-reports?status=open&limit=100', { token: admin.token })).body).items.find((x) => x.id === r.body.id);
    // working_days_after(): the end of the second working day, Monday and Tuesday (calendar_days)
    expect(await find()).toMatchObject({ deadlineAt: '2026-11-24T23:59:59+08:00', overdue: false });
    vi.setSystemTime(new Date('2026-11-24T23:59:00+08:00'));
    expect(await find()).toMatchObject({ overdue: false });
    vi.setSystemTime(new Date('2026-11-25T00:00:01+08:00'));
    expect(await find()).toMatchObject({ overdue: true });
  });
});

describe('importing stations', () => {
  it('rejects a bad row alone with a Chinese reason naming the column, lands the rest, and changes nothing when imported again', async () => {
    const c = nextCentre();
    const rows = [
      row({ name: '好驿站甲', ...at(c, 100) }),
      row({ name: '坏时间驿站', ...at(c, 200), openingHours: '周一至周五 8点-20点' }),
      row({ name: '坐标颠倒驿站', lat: c.lng, lng: c.lat }),
      row({ name: '好驿站乙', ...at(c, 300), services: ['toilet', 'toilet', 'microwave'], phone: '0371-66668888' }),
      { ...row({ name: '坏服务驿站', ...at(c, 400) }), services: ['sauna'] },
      row({ name: '坏星期驿站', ...at(c, 500), openingHours: 'Mon-Fri 08:00-20:00' }),
    ];
    const res = await api.post('/api/admin/stations/import', { token: cadre.token, body: { orgId: union, rows } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    expect(res.body.rejected.map((r: { index: number; column: string }) => [r.index, r.column])).toEqual([
      [1, 'openingHours'],
      [2, 'lat'],
      [4, 'services'],
      [5, 'openingHours'],
    ]);
    for (const r of res.body.rejected) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.body.rejected[0].message).toMatch(/OpenStreetMap/);
    expect(res.body.rejected[3].message).toMatch(/无法识别“Mon-Fri/);
    const again = await api.post('/api/admin/stations/import', { token: cadre.token, body: { orgId: union, rows: [rows[0], rows[3]] } });
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(again.body.landed.map((l: { id: string }) => l.id)).toEqual(res.body.landed.map((l: { id: string }) => l.id));
    const changed = await api.post('/api/admin/stations/import', { token: cadre.token, body: { orgId: union, rows: [{ ...rows[0], openingHours: 'Mo-Fr 09:00-18:00' }] } });
    expect(changed.body).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const b = ZStationList.parse((await search(c)).body).items.find((s) => s.name === '好驿站乙');
    expect(b).toMatchObject({ services: ['toilet', 'microwave'], phone: '0371-66668888' });
  });

  it('imports an .xlsx and a .csv with the Chinese headers, giving spreadsheet row numbers and headers in rejections', async () => {
    const c = nextCentre();
    const p1 = at(c, 100);
    const p2 = at(c, 200);
    const file = await xlsxOf([
      ['名称', '地址', '纬度', '经度', '开放时间', '服务', '电话'],
      ['表格驿站一', '测试大道1号', p1.lat, p1.lng, 'Mo-Fr 08:00-20:00; Sa,Su 09:00-17:00; PH off', '饮水、如厕、微波炉', '0371-12345678'],
      ['表格驿站二', '测试大道2号', p2.lat, p2.lng, '全天', '饮水', null],
      ['表格驿站三', '测试大道3号', p2.lat, p2.lng, '24/7', '桑拿', null],
    ]);
    const res = await api.post(`/api/admin/stations/import?orgId=${union}`, { token: admin.token, rawBody: file, headers: { 'content-type': XLSX } });
    expect(res.status, res.text).toBe(200);
    expect(res.body.created).toBe(1);
    expect(res.body.rejected.map((r: { row: number; column: string }) => [r.row, r.column])).toEqual([
      [3, '开放时间'],
      [4, '服务'],
    ]);
    const one = ZStationList.parse((await search(c)).body).items.find((s) => s.name === '表格驿站一');
    expect(one?.services).toEqual(['water', 'toilet', 'microwave']);

    const csv = `名称,地址,纬度,经度,开放时间,服务,电话\n文本驿站,测试大道9号,${p2.lat},${p2.lng},24/7,充电、休息,\n`;
    const fromCsv = await api.post(`/api/admin/stations/import?orgId=${union}`, { token: admin.token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(fromCsv.status, fromCsv.text).toBe(200);
    expect(fromCsv.body).toMatchObject({ created: 1, rejected: [] });
    const noOrg = await api.post('/api/admin/stations/import', { token: admin.token, rawBody: csv, headers: { 'content-type': 'text/csv' } });
    expect(noOrg.status).toBe(400);
  });

  it('lets only admins and cadres of the union’s subtree import, before reading the file', async () => {
    const c = nextCentre();
    const body = { orgId: union, rows: [row({ name: '越权驿站', ...at(c, 100) })] };
    expect((await api.post('/api/admin/stations/import', { token: otherCadre.token, body })).status).toBe(403);
    expect((await api.post('/api/admin/stations/import', { token: (await api.memberUser()).token, body })).status).toBe(403);
    const file = await xlsxOf([['名称'], ['x']]);
    expect((await api.post(`/api/admin/stations/import?orgId=${union}`, { token: otherCadre.token, rawBody: file, headers: { 'content-type': XLSX } })).status).toBe(403);
    expect(await api.count('stations', 'name = $1', ['越权驿站'])).toBe(0);
    const sub = await api.org({ parentId: union });
    expect((await api.post('/api/admin/stations/import', { token: cadre.token, body: { ...body, orgId: sub } })).status).toBe(200);
  });
});

describe('the union’s view: suspension and reliability', () => {
  it('takes a suspended station out of the search, shows it suspended, and only an admin may do it', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '暂停驿站', ...at(c, 100) }]);
    expect((await api.post(`/api/admin/stations/${id}/suspend`, { token: cadre.token, body: { reason: '装修' } })).status).toBe(403);
    const res = await api.post(`/api/admin/stations/${id}/suspend`, { token: admin.token, body: { reason: '装修停用' } });
    expect(res.status).toBe(200);
    expect(ZStation.parse(res.body).status).toBe('suspended');
    expect(names((await search(c)).body)).toEqual([]);
    await api.post(`/api/admin/stations/${id}/resume`, { token: admin.token });
    expect(names((await search(c)).body)).toEqual(['暂停驿站']);
  });

  it('counts visits, reports and the time to resolve per station, within the caller’s subtree', async () => {
    const c = nextCentre();
    const [id] = await stations([{ name: '可靠性驿站', ...at(c, 100) }]);
    const m = await api.memberUser();
    pinClock('2026-11-25T09:00:00');
    await api.post(`/api/stations/${id}/visits`, { token: m.token });
    const r = await api.post(`/api/stations/${id}/reports`, { token: m.token, body: { kind: 'no_water' } });
    await api.post(`/api/stations/${id}/reports`, { token: m.token, body: { kind: 'dirty' } });
    vi.setSystemTime(new Date('2026-11-25T15:00:00+08:00'));
    await api.post(`/api/admin/station-reports/${r.body.id}/resolve`, { token: cadre.token, body: { note: '已送水' } });
    const list = ZStationReliabilityList.parse((await api.get(`/api/admin/stations/reliability?orgId=${union}&limit=100`, { token: cadre.token })).body);
    expect(list.items.find((s) => s.stationId === id)).toMatchObject({ visitsTotal: 1, visits30d: 1, reportsTotal: 2, reportsOpen: 1, resolvedCount: 1, avgResolveHours: 6 });
    const theirs = ZStationReliabilityList.parse((await api.get('/api/admin/stations/reliability?limit=100', { token: otherCadre.token })).body);
    expect(theirs.items.find((s) => s.stationId === id)).toBeUndefined();
    expect((await api.get(`/api/admin/stations/reliability?orgId=${union}`, { token: otherCadre.token })).status).toBe(403);
  });
});

describe('the search at size', () => {
  it('reads stations through the index, with no sequential scan of the table, among 20,000 stations', async () => {
    // 20,000 stations over a 0.3° × 0.4° box (Zhengzhou's size), inserted directly, then analysed
    await api.db.query(
      `insert into stations (org_id, name, address, lat, lng, opening_hours, hours_index, services)
       select $1, '规模驿站' || g, '规模路' || g || '号', 44.6 + (g % 173) * 0.3 / 173 + (g % 7) * 1e-4, 120.5 + (g / 173) * 0.4 / 116,
              '24/7', '{[0,40320)}'::int4multirange, array['water']
         from generate_series(1, 20000) g`,
      [city],
    );
    await api.db.query('analyze stations');
    // pg_stat_xact_* is not the transaction's own count: it is what this connection has counted and
    // not yet flushed to the shared statistics, and PostgreSQL 15 flushes at the end of a
    // transaction at most once a second. A pooled connection may still hold earlier statements'
    // scans (this file's own searches of a few dozen stations, which rightly read the whole small
    // table), so the counters are read before and after the search: nothing is flushed inside a
    // transaction, and the difference is the search's alone (docs/stations.md).
    const scans = async (tx: { query: typeof api.db.query }) =>
      (
        await tx.query<{ seq_scans: string; search_index_scans: string }>(
          `select pg_stat_get_xact_numscans('stations'::regclass)::text as seq_scans,
                  coalesce(pg_stat_get_xact_numscans(to_regclass('stations_search')), 0)::text as search_index_scans`,
        )
      ).rows[0];
    const { page, before, after } = await api.db.transaction(async (tx) => {
      const before = await scans(tx);
      const page = await searchStations({ db: tx, query: { lat: 44.75, lng: 120.7, radiusKm: 5, limit: 20, service: 'water', openNow: true } });
      return { page, before, after: await scans(tx) };
    });
    expect(page.items).toHaveLength(20);
    expect(Number(after.seq_scans) - Number(before.seq_scans), 'sequential scans of stations by the search').toBe(0);
    expect(Number(after.search_index_scans) - Number(before.search_index_scans), 'scans of the stations_search index by the search').toBeGreaterThan(0);
  });
});
