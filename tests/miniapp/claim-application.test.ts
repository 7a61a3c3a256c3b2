// 申请互助金 in the mini-program (issue #17): the form's rules (yuan typed → fen exactly, the
// plan's documents) and the photo upload's retries on a weak network.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkApplication, type ApplyForm } from '../../miniapp/src/pages/claim-apply/form';
import { setUploadSender, setUploadSleep, sniffType, uploadPhoto, type PickedPhoto } from '../../miniapp/src/services/photo-upload';
import { MAX_FAILURES_IN_A_ROW, UploadStalled } from '../../miniapp/src/services/resumable-upload';
import { fakeUploadServer } from './support/fake-upload-server';
import { setRawSender, setRawSleep } from '../../miniapp/src/services/raw-upload';
import { uploadDocument } from '../../miniapp/src/pages/aid/aid-api';
import { uploadSpreadsheet } from '../../miniapp/src/packages/office/upload';
import { STORAGE_KEYS } from '../../miniapp/src/services/storage';
import { yuanTextToFen } from '../../shared/domain/money';
import { storage } from './support/taro-stub';

const form = (o: Partial<ApplyForm> = {}): ApplyForm => ({
  plan: 'hospitalization',
  incidentDate: '2026-03-02',
  amountYuan: '3860.50',
  description: '',
  documents: [
    { key: 'invoice', uploadId: '11111111-1111-4111-8111-111111111111' },
    { key: 'discharge_summary', uploadId: '22222222-2222-4222-8222-222222222222' },
  ],
  ...o,
});

describe('the application form', () => {
  it('turns the yuan typed into fen exactly, without floating point', () => {
    expect(yuanTextToFen('3860.50')).toBe(386050);
    expect(yuanTextToFen('0.29')).toBe(29);
    expect(yuanTextToFen('1,234.5')).toBe(123450);
    expect(yuanTextToFen('¥88')).toBe(8800);
    expect(yuanTextToFen('1.')).toBe(100);
    for (const bad of ['', '1.234', '-5', 'abc', '1e3', '12.3.4']) expect(yuanTextToFen(bad), bad).toBeNull();
    const checked = checkApplication(form({ amountYuan: '0.29' }), '2026-11-30');
    expect(checked.ok && checked.request.amountClaimedFen).toBe(29);
  });

  it('builds the request the contract takes, leaving out an empty description', () => {
    expect(checkApplication(form(), '2026-11-30')).toEqual({
      ok: true,
      request: { plan: 'hospitalization', incidentDate: '2026-03-02', amountClaimedFen: 386050, documents: form().documents },
    });
  });

  it('names what is wrong: no plan, a future date, no amount, the plan’s missing documents', () => {
    const checked = checkApplication(form({ plan: '', incidentDate: '2026-12-01', amountYuan: '0' }), '2026-11-30');
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(['amount', 'incidentDate', 'plan']);
    const missing = checkApplication(form({ documents: [{ key: 'invoice', uploadId: '11111111-1111-4111-8111-111111111111' }] }), '2026-11-30');
    expect(!missing.ok && missing.errors.documents).toContain('出院小结');
  });
});

describe('photo upload on a weak network', () => {
  const photo: PickedPhoto = { name: 'a.jpg', size: 4, type: 'image/jpeg', preview: '', read: async () => new Uint8Array([0xff, 0xd8, 0xff, 0xd9]).buffer };
  let server: ReturnType<typeof fakeUploadServer>;
  beforeEach(() => {
    storage.set(STORAGE_KEYS.token, 'tok-1');
    setUploadSleep(async () => {});
    server = fakeUploadServer({ sniff: sniffType });
    setUploadSender(server.sender);
  });
  afterEach(() => setUploadSender(null));

  it('tells JPEG, PNG and PDF apart by their first bytes', () => {
    expect(sniffType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png');
    expect(sniffType(new TextEncoder().encode('%PDF-1.7'))).toBe('application/pdf');
    expect(sniffType(new TextEncoder().encode('GIF89a'))).toBeNull();
  });

  it('retries a lost connection through the resumable session, then answers the upload', async () => {
    let lost = 0;
    server.setFault((r) => (r.method === 'PUT' && lost++ < 2 ? 'before' : null));
    const up = await uploadPhoto(photo);
    expect(up).toMatchObject({ contentType: 'image/jpeg', size: 4 });
    expect(server.requests.every((r) => r.path.startsWith('/api/uploads/sessions'))).toBe(true);
    expect(server.sessions.size).toBe(1);
    expect(server.uploads.size).toBe(1);
  });

  it('stalls after a few tries with 网络不佳，点此继续上传, and never retries a refusal', async () => {
    server.setFault((r) => (r.method === 'PUT' ? 'before' : null));
    await expect(uploadPhoto(photo)).rejects.toBeInstanceOf(UploadStalled);
    expect(server.puts().length).toBeLessThanOrEqual(MAX_FAILURES_IN_A_ROW);
    server.setFault(() => null);
    const before = server.puts().length;
    const gif: PickedPhoto = { ...photo, type: 'image/png', read: async () => new TextEncoder().encode('GIF8').buffer as ArrayBuffer };
    await expect(uploadPhoto(gif)).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(server.puts().length).toBe(before + 1);
  });
});

describe('one upload client for aid documents, and the raw-body client for office imports', () => {
  let sent: { url: string; type: string }[];
  beforeEach(() => {
    storage.set(STORAGE_KEYS.token, 'tok-1');
    setRawSleep(async () => {});
    sent = [];
  });
  afterEach(() => setRawSender(null));

  it('an aid document goes through the same resumable sessions, retried on a busy server', async () => {
    const server = fakeUploadServer({ sniff: sniffType });
    let busy = 1;
    setRawSender(async (url, body, type, timeout, extra) => {
      sent.push({ url, type });
      if (extra?.method === 'PUT' && busy-- > 0) return { statusCode: 502, data: '', header: {} };
      return server.sender(url, body, type, timeout, extra);
    });
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    await expect(uploadDocument({ body: png.buffer, contentType: 'image/png', size: 8 })).resolves.toMatchObject({ contentType: 'image/png', size: 8 });
    expect(sent.every((s) => /\/api\/uploads\/sessions/.test(s.url))).toBe(true);
    expect(server.uploads.size).toBe(1);
  });

  it('an office import is sent once, never retried (it may have landed)', async () => {
    setRawSender(async (url, _b, type) => {
      sent.push({ url, type });
      throw new Error('timeout');
    });
    const file = { name: 'm.csv', size: 3, format: 'csv' as const, read: async () => new ArrayBuffer(3) };
    await expect(uploadSpreadsheet('members', file, '7')).rejects.toMatchObject({ code: 'NETWORK' });
    expect(sent).toHaveLength(1);
    expect(sent[0].type).toBe('text/csv');
  });
});
