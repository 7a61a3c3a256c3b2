// The mini-program's resumable uploader (services/resumable-upload, docs/uploads.md "Resumable
// uploads") against a fake of the session endpoints: on a weak network a photo resumes where the
// server stands, never from byte 0, and arrives whole exactly once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setRawSender, setRawSleep } from '../../miniapp/src/services/raw-upload';
import {
  MAX_FAILURES_IN_A_ROW,
  memorySource,
  nextChunk,
  progressLabel,
  retryDelayMs,
  uploadResumable,
  UploadStalled,
  STALLED_MESSAGE,
} from '../../miniapp/src/services/resumable-upload';
import { sniffType } from '../../miniapp/src/services/photo-upload';
import { STORAGE_KEYS } from '../../miniapp/src/services/storage';
import { storage } from './support/taro-stub';
import { fakeUploadServer } from './support/fake-upload-server';

const CHUNK = 1000;
/** A JPEG's first bytes, then a pattern that shows a misplaced byte. */
const photo = (n: number) => {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + 7) % 251;
  b.set([0xff, 0xd8, 0xff, 0xe0]);
  return b;
};
const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && a.length === b.length && a.every((x, i) => x === b[i]);

let server: ReturnType<typeof fakeUploadServer>;
let pauses: number[];
beforeEach(() => {
  storage.set(STORAGE_KEYS.token, 'tok-1');
  server = fakeUploadServer({ chunkSize: CHUNK, sniff: sniffType });
  setRawSender(server.sender);
  pauses = [];
  setRawSleep(async (ms) => {
    pauses.push(ms);
  });
});
afterEach(() => setRawSender(null));

describe('the bookkeeping', () => {
  it('cuts the file into chunks from the offset the server holds, the last one short', () => {
    expect(nextChunk(0, 2500, 1000)).toEqual({ start: 0, end: 1000 });
    expect(nextChunk(2000, 2500, 1000)).toEqual({ start: 2000, end: 2500 });
    expect(nextChunk(1234, 2500, 1000)).toEqual({ start: 1234, end: 2234 });
  });

  it('pauses longer after each failure in a row, at most 8 s, and follows the server’s Retry-After', () => {
    expect([1, 2, 3, 4, 5, 6].map((f) => retryDelayMs(f))).toEqual([1000, 2000, 4000, 8000, 8000, 8000]);
    expect(retryDelayMs(1, '3')).toBe(3000);
    expect(retryDelayMs(1, '60')).toBe(8000);
    expect(retryDelayMs(2, 'soon')).toBe(2000);
  });

  it('shows the share the server holds as 上传中 n%', () => {
    expect(progressLabel(0, 4000)).toBe('上传中 0%');
    expect(progressLabel(1800, 4000)).toBe('上传中 45%');
    expect(progressLabel(4000, 4000)).toBe('上传中 100%');
  });
});

describe('a photo on a weak network', () => {
  it('sends the photo in chunks at increasing offsets and reports its progress up to 100%', async () => {
    const file = photo(3500);
    const seen: number[] = [];
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'), { onProgress: (sent) => seen.push(sent) });
    expect(server.puts().map((r) => [r.offset, r.length])).toEqual([[0, 1000], [1000, 1000], [2000, 1000], [3000, 500]]);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
    expect(seen).toEqual([0, 1000, 2000, 3000, 3500]);
  });

  it('after a chunk lost on the way, asks the server where it stands and continues there, not at byte 0', async () => {
    const file = photo(4000);
    server.setFault((r) => (r.method === 'PUT' && r.offset === 2000 && server.puts().filter((p) => p.offset === 2000).length === 1 ? 'before' : null));
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'));
    expect(server.requests.map((r) => `${r.method} ${r.offset ?? ''}`.trim())).toEqual(['POST', 'PUT 0', 'PUT 1000', 'PUT 2000', 'GET', 'PUT 2000', 'PUT 3000']);
    expect(pauses).toEqual([1000]);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
  });

  it('after a chunk whose answer was lost, continues after it without sending it twice', async () => {
    const file = photo(3000);
    server.setFault((r) => (r.method === 'PUT' && r.offset === 1000 && server.puts().filter((p) => p.offset === 1000).length === 1 ? 'after' : null));
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'));
    expect(server.puts().map((r) => r.offset)).toEqual([0, 1000, 2000]);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
  });

  it('when the last chunk’s answer is lost, takes the upload the server made: one upload, no second one', async () => {
    const file = photo(2500);
    server.setFault((r) => (r.method === 'PUT' && r.offset === 2000 ? 'after' : null));
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'));
    expect(server.uploads.size).toBe(1);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
    expect(server.puts().map((r) => r.offset)).toEqual([0, 1000, 2000]);
  });

  it('gives up after a few failures in a row with 网络不佳，点此继续上传, and a tap resumes the same session where it stopped', async () => {
    const file = photo(4000);
    let offline = false;
    server.setFault((r) => {
      if (r.method === 'PUT' && r.offset === 2000) offline = true;
      return offline ? 'before' : null;
    });
    const stalled = await uploadResumable(memorySource(file.buffer, 'image/jpeg')).catch((e: unknown) => e);
    expect(stalled).toBeInstanceOf(UploadStalled);
    expect((stalled as UploadStalled).message).toBe(STALLED_MESSAGE);
    const resume = (stalled as UploadStalled).resume;
    expect(resume).toMatchObject({ offset: 2000, size: 4000 });
    expect(server.puts().filter((r) => r.offset === 2000).length).toBeLessThanOrEqual(MAX_FAILURES_IN_A_ROW);
    expect(pauses.length).toBeGreaterThan(0);

    offline = false;
    server.setFault(() => null);
    const before = server.requests.length;
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'), { resume });
    const after = server.requests.slice(before);
    expect(after.map((r) => `${r.method} ${r.offset ?? ''}`.trim())).toEqual(['GET', 'PUT 2000', 'PUT 3000']);
    expect(server.sessions.size).toBe(1);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
  });

  it('resumes from the offset the server holds, not from its own resume point, when they differ', async () => {
    const file = photo(3000);
    const source = memorySource(file.buffer, 'image/jpeg');
    const first = await uploadResumable({ ...source, slice: async (a, b) => (a >= 1000 ? Promise.reject(new Error('stop')) : source.slice(a, b)) }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(Error);
    const [session] = server.sessions.values();
    expect(session.received).toBe(1000);
    const before = server.requests.length;
    const up = await uploadResumable(source, { resume: { sessionId: session.id, offset: 0, size: 3000 } });
    expect(server.requests.slice(before).map((r) => `${r.method} ${r.offset ?? ''}`.trim())).toEqual(['GET', 'PUT 1000', 'PUT 2000']);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
  });

  it('jumps to the offset a 409 UPLOAD_OFFSET_MISMATCH names', async () => {
    const file = photo(3000);
    let refused = false;
    setRawSender(async (url, body, type, timeout, extra) => {
      if (extra?.method === 'PUT' && extra.headers?.['Upload-Offset'] === '2000' && !refused) {
        refused = true;
        return { statusCode: 409, data: { error: { code: 'UPLOAD_OFFSET_MISMATCH', message: '上传进度不一致', offset: 1000 } }, header: {} };
      }
      return server.sender(url, body, type, timeout, extra);
    });
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'));
    expect(server.puts().map((r) => r.offset)).toEqual([0, 1000, 1000, 2000]);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
  });

  it('throws a refusal at once without retrying it: the bytes are not what the type says (415)', async () => {
    const png = photo(1500);
    const err = await uploadResumable(memorySource(png.buffer, 'image/png')).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
    expect(server.puts().map((r) => r.offset)).toEqual([0, 1000]);
    expect(server.uploads.size).toBe(0);
  });

  it('starts a new session once when the old one is gone (expired after 24 hours)', async () => {
    const file = photo(1500);
    const up = await uploadResumable(memorySource(file.buffer, 'image/jpeg'), { resume: { sessionId: '00000000-0000-4000-8000-999999999999', offset: 1000, size: 1500 } });
    expect(server.requests.map((r) => `${r.method} ${r.offset ?? ''}`.trim())).toEqual(['GET', 'POST', 'PUT 0', 'PUT 1000']);
    expect(same(server.uploads.get(up.id), file)).toBe(true);
  });
});

describe('the progress beside the spinner (utils/feedback loading)', () => {
  it('fits WeChat’s 7 characters at every share, 上传中 100% included, and hides on null', async () => {
    const { loading } = await import('../../miniapp/src/utils/feedback');
    const { taroCalls } = await import('./support/taro-stub');
    taroCalls.length = 0;
    for (const sent of [0, 45, 99, 100]) loading(progressLabel(sent, 100));
    loading(null);
    const titles = taroCalls.filter((c) => c.api === 'showLoading').map((c) => (c.arg as { title: string }).title);
    expect(titles).toEqual(['上传中 0%', '上传中 45%', '上传中 99%', '上传中100%']);
    for (const t of titles) expect([...t].length).toBeLessThanOrEqual(7);
    expect(taroCalls.at(-1)?.api).toBe('hideLoading');
  });
});
