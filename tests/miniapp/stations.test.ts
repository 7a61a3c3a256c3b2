// The stations page's report choices (written out for the WeChat dialog check) are the contract's
// report kinds, in order: tapIndex i reports STATION_REPORT_KINDS[i].
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTransport, type TransportRequest } from '../../miniapp/src/services/api';
import { PhotoError, sniffType, type PickedPhoto } from '../../miniapp/src/services/photo-upload';
import { STALLED_MESSAGE } from '../../miniapp/src/services/resumable-upload';
import { fakeUploadServer } from './support/fake-upload-server';
import { setRawSender, setRawSleep } from '../../miniapp/src/services/raw-upload';
import { STORAGE_KEYS } from '../../miniapp/src/services/storage';
import { photoProblem, sendStationReport, type ReportSteps } from '../../miniapp/src/pages/stations/report-flow';
import { storage } from './support/taro-stub';
import { STATION_REPORT_KIND_LABELS, STATION_REPORT_KINDS } from '../../shared/contract-stations.js';
import { ZHENGZHOU_DISTRICTS } from '../../shared/domain/zhengzhou-districts.js';

describe('the stations page', () => {
  it('offers the report kinds in the contract’s order, under the labels the office shows', () => {
    const source = readFileSync(new URL('../../miniapp/src/pages/stations/index.tsx', import.meta.url), 'utf8');
    const list = /showActionSheet\(\{ itemList: \[([^\]]*)\]/.exec(source)?.[1];
    expect(list, 'the action sheet call').toBeDefined();
    const labels = [...(list as string).matchAll(/'([^']*)'/g)].map((m) => m[1]);
    expect(labels).toEqual(STATION_REPORT_KINDS.map((k) => STATION_REPORT_KIND_LABELS[k]));
  });

  it('lets a rider without a location choose among Zhengzhou’s districts, each centred inside the city', () => {
    expect(ZHENGZHOU_DISTRICTS.length).toBeGreaterThanOrEqual(6);
    for (const d of ZHENGZHOU_DISTRICTS) {
      expect(d.lat, d.name).toBeGreaterThan(34.6);
      expect(d.lat, d.name).toBeLessThan(34.9);
      expect(d.lng, d.name).toBeGreaterThan(113.5);
      expect(d.lng, d.name).toBeLessThan(113.9);
    }
  });
});

describe('反映问题 with an optional photo', () => {
  const UPLOAD = '55555555-5555-4555-8555-555555555555';
  const jpeg: PickedPhoto = { name: 'a.jpg', size: 4, type: 'image/jpeg', preview: '', read: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xd9]).buffer };
  const reported = (body: unknown) => ({ statusCode: 201, data: { id: '9', stationId: '12', kind: (body as { kind: string }).kind, note: null, createdAt: '2026-11-30T10:00:00+08:00', status: 'open' }, header: {} });
  let reports: TransportRequest[];
  let askedWithout: string[];
  let server: ReturnType<typeof fakeUploadServer>;
  let resumeAsked: number;
  let labels: (string | null)[];
  const steps = (o: { wants: boolean; photo?: PickedPhoto | null; pickFails?: Error; sendWithout?: boolean; resumes?: boolean[] }): ReportSteps => ({
    wantsPhoto: async () => o.wants,
    pick: async () => {
      if (o.pickFails) throw o.pickFails;
      return o.photo ?? null;
    },
    sendWithoutPhoto: async (why) => {
      askedWithout.push(why);
      return o.sendWithout ?? true;
    },
    resumeStalled: async () => {
      resumeAsked++;
      return o.resumes?.shift() ?? false;
    },
    busy: (label) => labels.push(label),
  });

  beforeEach(() => {
    storage.set(STORAGE_KEYS.token, 'tok-1');
    reports = [];
    askedWithout = [];
    resumeAsked = 0;
    labels = [];
    server = fakeUploadServer({ sniff: sniffType });
    setTransport(async (req) => {
      reports.push(req);
      return reported(req.data);
    }, async () => {});
    setRawSleep(async () => {});
  });
  afterEach(() => {
    setTransport(null);
    setRawSender(null);
  });

  it('uploads the photo through a resumable session, shows its progress and sends the report with its uploadId', async () => {
    setRawSender(server.sender);
    const out = await sendStationReport('12', 'closed', steps({ wants: true, photo: jpeg }));
    expect(out?.withPhoto).toBe(true);
    const [uploadId] = server.uploads.keys();
    expect(server.requests.map((r) => `${r.method} ${r.path.replace(/[0-9a-f-]{36}$/, ':id')}`)).toEqual(['POST /api/uploads/sessions', 'PUT /api/uploads/sessions/:id']);
    expect(labels).toContain('上传中 100%');
    expect(labels.at(-1)).toBeNull();
    expect(reports).toHaveLength(1);
    expect(reports[0].url).toMatch(/\/api\/stations\/12\/reports$/);
    expect(reports[0].data).toEqual({ kind: 'closed', uploadId });
    expect(askedWithout).toEqual([]);
  });

  it('sends the report without uploadId when the rider adds no photo or closes the picker', async () => {
    setRawSender(async () => {
      throw new Error('must not upload');
    });
    expect((await sendStationReport('12', 'no_water', steps({ wants: false })))?.withPhoto).toBe(false);
    expect((await sendStationReport('12', 'dirty', steps({ wants: true, photo: null })))?.withPhoto).toBe(false);
    expect(reports.map((r) => r.data)).toEqual([{ kind: 'no_water' }, { kind: 'dirty' }]);
  });

  it('when the network will not carry the photo, offers 继续上传, which resumes the same session', async () => {
    setRawSender(server.sender);
    let offline = true;
    server.setFault((r) => (r.method === 'PUT' && offline ? 'before' : null));
    const out = await sendStationReport('12', 'closed', {
      ...steps({ wants: true, photo: jpeg }),
      resumeStalled: async () => {
        resumeAsked++;
        offline = false; // the signal is back when the rider taps 继续上传
        return true;
      },
    });
    expect(resumeAsked).toBe(1);
    expect(out?.withPhoto).toBe(true);
    expect(server.sessions.size).toBe(1);
    expect(server.uploads.size).toBe(1);
  });

  it('when the rider stops a stalled upload, says so in Chinese and sends the report without the photo if the rider agrees', async () => {
    setRawSender(server.sender);
    server.setFault((r) => (r.method === 'PUT' ? 'before' : null));
    const out = await sendStationReport('12', 'expired_medicine', steps({ wants: true, photo: jpeg, sendWithout: true, resumes: [false] }));
    expect(resumeAsked).toBe(1);
    expect(askedWithout).toHaveLength(1);
    expect(askedWithout[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(askedWithout[0]).toContain('照片');
    expect(askedWithout[0]).not.toBe(STALLED_MESSAGE);
    expect(out?.withPhoto).toBe(false);
    expect(reports.map((r) => r.data)).toEqual([{ kind: 'expired_medicine' }]);
  });

  it('sends nothing when the upload is refused and the rider cancels', async () => {
    setRawSender(async () => ({ statusCode: 415, data: { error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只能上传 JPG、PNG 图片或 PDF 文件' } }, header: {} }));
    const out = await sendStationReport('12', 'closed', steps({ wants: true, photo: jpeg, sendWithout: false }));
    expect(out).toBeNull();
    expect(askedWithout).toEqual(['只能上传 JPG、PNG 图片或 PDF 文件']);
    expect(reports).toEqual([]);
  });

  it('a photo that cannot be read, or a PDF, is a photo problem the rider can skip, not a lost report', async () => {
    const out = await sendStationReport('12', 'other', steps({ wants: true, pickFails: new PhotoError('读取照片失败，请重新选择') }));
    expect(out?.withPhoto).toBe(false);
    const pdf: PickedPhoto = { ...jpeg, type: 'application/pdf' };
    await sendStationReport('12', 'other', steps({ wants: true, photo: pdf }));
    expect(askedWithout).toEqual(['读取照片失败，请重新选择', '请选择一张照片（JPG 或 PNG）']);
    expect(reports.map((r) => r.data)).toEqual([{ kind: 'other' }, { kind: 'other' }]);
    expect(photoProblem(new Error('x'))).toMatch(/照片/);
  });
});
