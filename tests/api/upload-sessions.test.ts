// Resumable uploads (issue #17, extension: docs/api-extensions.md "Resumable uploads"): a photo sent
// in chunks over a weak network resumes where the server stands, never from byte 0, and the last
// chunk makes the very upload POST /api/uploads makes, with either store for the bytes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startTestApi, type TestApi } from '../support/api.js';
import { blobStores, startFakeBlob, type FakeBlob } from '../support/fake-blob.js';
import { loadConfig, resetConfig } from '../../functions/_lib/config.js';
import { UPLOADS_PER_MINUTE } from '../../functions/_lib/services/uploads/create-upload.js';
import { pruneUploadSessions } from '../../functions/_lib/services/uploads/prune-upload-sessions.js';
import { UPLOAD_CHUNK_BYTES, UPLOAD_MAX_BYTES, ZUpload, ZUploadChunkAccepted, ZUploadSession } from '../../shared/contract-uploads.js';
import { ZErrorBody } from '../../shared/schemas.js';

/** A JPEG's first bytes, then random bytes (so that a misplaced chunk shows), then its end marker. */
const jpeg = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), randomBytes(n), Buffer.from([0xff, 0xd9])]);

let api: TestApi;
let fake: FakeBlob;
beforeAll(async () => {
  api = await startTestApi();
  fake = await startFakeBlob();
});
afterAll(async () => {
  resetConfig();
  await fake.close();
  await api.close();
});

const start = (token: string, size: number, contentType = 'image/jpeg') => api.post('/api/uploads/sessions', { token, body: { contentType, size } });
const chunk = (token: string, sessionId: string, offset: number | string, bytes: Buffer, type = 'application/offset+octet-stream') =>
  api.put(`/api/uploads/sessions/${sessionId}`, { token, rawBody: bytes, headers: { 'content-type': type, 'upload-offset': String(offset) } });
const status = (token: string, sessionId: string) => api.get(`/api/uploads/sessions/${sessionId}`, { token });
const readBytes = async (token: string, id: string) => {
  const res = await fetch(`${api.base}/api/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};
const partialBytes = async (sessionId: string) =>
  Number((await api.db.query<{ n: string }>('select coalesce(sum(length(bytes)), 0)::text as n from upload_session_chunks where session_id = $1', [sessionId])).rows[0].n);

/** Sends `file` from `from` in chunks of `size`; the answers in order. */
async function sendFrom(token: string, sessionId: string, file: Buffer, from = 0, size = UPLOAD_CHUNK_BYTES) {
  const answers = [];
  for (let at = from; at < file.length; at += size) answers.push(await chunk(token, sessionId, at, file.subarray(at, at + size)));
  return answers;
}

const stores = blobStores(() => fake);

describe.each(stores)('with the bytes in $store', ({ store, env }) => {
  beforeAll(() => resetConfig(loadConfig({ ...process.env, ...env() })));
  afterAll(() => resetConfig());

  it('starts a session at offset 0 with a proposed chunk size and an expiry 24 hours on, in Shanghai time', async () => {
    const m = await api.memberUser();
    const res = await start(m.token, 1_000_000);
    expect(res.status).toBe(201);
    const s = ZUploadSession.parse(res.body);
    expect(s).toMatchObject({ contentType: 'image/jpeg', size: 1_000_000, offset: 0, chunkSize: UPLOAD_CHUNK_BYTES, upload: null });
    expect(s.sessionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(s.expiresAt).toMatch(/\+08:00$/);
    const hours = (Date.parse(s.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
  });

  it('assembles a photo sent in chunks into one upload whose bytes read back identical, stored like a one-shot upload', async () => {
    const m = await api.memberUser();
    const file = jpeg(900_000);
    const { body: s } = await start(m.token, file.length);
    const answers = await sendFrom(m.token, s.sessionId, file);
    expect(answers.length).toBe(Math.ceil(file.length / UPLOAD_CHUNK_BYTES));
    for (const [i, a] of answers.slice(0, -1).entries()) {
      expect(a.status).toBe(200);
      expect(ZUploadChunkAccepted.parse(a.body)).toEqual({ offset: (i + 1) * UPLOAD_CHUNK_BYTES, size: file.length });
      expect(a.headers.get('upload-offset')).toBe(String((i + 1) * UPLOAD_CHUNK_BYTES));
    }
    const last = answers.at(-1)!;
    expect(last.status).toBe(201);
    expect(ZUpload.parse(last.body)).toEqual({ id: expect.any(String), contentType: 'image/jpeg', size: file.length });
    const got = await readBytes(m.token, last.body.id);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.equals(file)).toBe(true);
    const { rows } = await api.db.query<{ store: string; uploader: string }>('select store, uploader_user_id::text as uploader from uploads where id = $1', [last.body.id]);
    expect(rows[0]).toEqual({ store, uploader: m.userId });
    // the partial bytes went when they became the upload; the session now names it
    expect(await partialBytes(s.sessionId)).toBe(0);
    const after = await status(m.token, s.sessionId);
    expect(after.body).toMatchObject({ offset: file.length, upload: { id: last.body.id, contentType: 'image/jpeg', size: file.length } });
  });

  it('resumes an interrupted upload at the offset the server reports, not at byte 0', async () => {
    const m = await api.memberUser();
    const file = jpeg(600_000);
    const { body: s } = await start(m.token, file.length);
    // two chunks arrive, then the connection drops in the middle of the third (never received)
    await sendFrom(m.token, s.sessionId, file.subarray(0, 2 * UPLOAD_CHUNK_BYTES));
    const where = await status(m.token, s.sessionId);
    expect(where.status).toBe(200);
    expect(where.body).toMatchObject({ offset: 2 * UPLOAD_CHUNK_BYTES, size: file.length, upload: null });
    expect(where.headers.get('upload-offset')).toBe(String(2 * UPLOAD_CHUNK_BYTES));
    const rest = await sendFrom(m.token, s.sessionId, file, where.body.offset);
    expect(rest.at(-1)!.status).toBe(201);
    expect((await readBytes(m.token, rest.at(-1)!.body.id)).bytes.equals(file)).toBe(true);
  });

  it('treats a re-sent chunk and a re-sent last chunk as already received: one upload, the same answer', async () => {
    const m = await api.memberUser();
    const file = jpeg(400_000);
    const { body: s } = await start(m.token, file.length);
    const first = file.subarray(0, UPLOAD_CHUNK_BYTES);
    expect((await chunk(m.token, s.sessionId, 0, first)).body.offset).toBe(UPLOAD_CHUNK_BYTES);
    const again = await chunk(m.token, s.sessionId, 0, first);
    expect(again.status).toBe(200);
    expect(again.body).toEqual({ offset: UPLOAD_CHUNK_BYTES, size: file.length });
    expect(await partialBytes(s.sessionId)).toBe(UPLOAD_CHUNK_BYTES);
    const before = await api.count('uploads', 'uploader_user_id = $1', [m.userId]);
    const lastChunk = file.subarray(UPLOAD_CHUNK_BYTES);
    const done = await chunk(m.token, s.sessionId, UPLOAD_CHUNK_BYTES, lastChunk);
    expect(done.status).toBe(201);
    const resent = await chunk(m.token, s.sessionId, UPLOAD_CHUNK_BYTES, lastChunk);
    expect(resent.status).toBe(200);
    expect(resent.body).toEqual(done.body);
    expect(await api.count('uploads', 'uploader_user_id = $1', [m.userId])).toBe(before + 1);
    expect((await readBytes(m.token, done.body.id)).bytes.equals(file)).toBe(true);
  });

  it('refuses at completion bytes that are not what the session announced: 415, no upload, nothing in the store', async () => {
    const m = await api.memberUser();
    const blobsBefore = fake.blobs.size;
    const notPng = jpeg(300_000);
    const { body: s } = await start(m.token, notPng.length, 'image/png');
    const answers = await sendFrom(m.token, s.sessionId, notPng);
    const last = answers.at(-1)!;
    expect(last.status).toBe(415);
    expect(ZErrorBody.parse(last.body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(last.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await api.count('uploads', 'uploader_user_id = $1', [m.userId])).toBe(0);
    expect(fake.blobs.size).toBe(blobsBefore);
    expect((await status(m.token, s.sessionId)).body.upload).toBeNull();
  });
});

describe('where a chunk may go', () => {
  it('answers a chunk at the wrong offset with 409 UPLOAD_OFFSET_MISMATCH and the offset to resume at, keeping nothing of it', async () => {
    const m = await api.memberUser();
    const file = jpeg(700_000);
    const { body: s } = await start(m.token, file.length);
    await chunk(m.token, s.sessionId, 0, file.subarray(0, UPLOAD_CHUNK_BYTES));
    // a chunk skipping ahead (the one before it was lost), and one overlapping what is held
    for (const at of [2 * UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES / 2]) {
      const res = await chunk(m.token, s.sessionId, at, file.subarray(at, at + UPLOAD_CHUNK_BYTES));
      expect(res.status).toBe(409);
      expect(ZErrorBody.parse(res.body).error).toMatchObject({ code: 'UPLOAD_OFFSET_MISMATCH', offset: UPLOAD_CHUNK_BYTES });
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
      expect(res.headers.get('upload-offset')).toBe(String(UPLOAD_CHUNK_BYTES));
    }
    expect(await partialBytes(s.sessionId)).toBe(UPLOAD_CHUNK_BYTES);
    const rest = await sendFrom(m.token, s.sessionId, file, UPLOAD_CHUNK_BYTES);
    expect((await readBytes(m.token, rest.at(-1)!.body.id)).bytes.equals(file)).toBe(true);
  });

  it('refuses a chunk past the announced size, without an offset header, or with one that is not a number: 400', async () => {
    const m = await api.memberUser();
    const { body: s } = await start(m.token, 1000);
    const past = await chunk(m.token, s.sessionId, 0, Buffer.alloc(1001, 0xff));
    expect(past.status).toBe(400);
    expect(past.body.error.details[0].path).toBe('Upload-Offset');
    const noHeader = await api.put(`/api/uploads/sessions/${s.sessionId}`, { token: m.token, rawBody: Buffer.alloc(10), headers: { 'content-type': 'application/octet-stream' } });
    expect(noHeader.status).toBe(400);
    for (const bad of ['-1', '1e3', 'abc', '12.5']) expect((await chunk(m.token, s.sessionId, bad, Buffer.alloc(10))).status).toBe(400);
    expect((await chunk(m.token, s.sessionId, 0, Buffer.alloc(0))).status).toBe(400);
    expect((await chunk(m.token, s.sessionId, 0, Buffer.alloc(10), 'image/jpeg')).status).toBe(415);
    expect((await status(m.token, s.sessionId)).body.offset).toBe(0);
  });

  it('answers every chunk of a completed session that is not its last with 409 and the full size', async () => {
    const m = await api.memberUser();
    const file = jpeg(100);
    const { body: s } = await start(m.token, file.length);
    expect((await chunk(m.token, s.sessionId, 0, file)).status).toBe(201);
    const late = await chunk(m.token, s.sessionId, 0, file.subarray(0, 50));
    expect(late.status).toBe(409);
    expect(late.body.error.offset).toBe(file.length);
  });
});

describe('whose session it is, and for how long', () => {
  it('hides a session from everyone but the member who started it, exactly as one that does not exist', async () => {
    const m = await api.memberUser();
    const file = jpeg(300_000);
    const { body: s } = await start(m.token, file.length);
    await chunk(m.token, s.sessionId, 0, file.subarray(0, UPLOAD_CHUNK_BYTES));
    for (const other of [await api.memberUser(), await api.admin()]) {
      for (const res of [await status(other.token, s.sessionId), await chunk(other.token, s.sessionId, UPLOAD_CHUNK_BYTES, file.subarray(UPLOAD_CHUNK_BYTES))]) {
        expect(res.status).toBe(404);
        expect(res.body.error.code).toBe('NOT_FOUND');
      }
    }
    const missing = await status(m.token, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await status(m.token, 'not-a-session')).status).toBe(404);
    expect((await status(m.token, s.sessionId)).body.offset).toBe(UPLOAD_CHUNK_BYTES);
  });

  it('lets a session lapse after 24 hours with a Chinese 404, and the cron removes it with its partial bytes', async () => {
    const m = await api.memberUser();
    const file = jpeg(300_000);
    const { body: s } = await start(m.token, file.length);
    await chunk(m.token, s.sessionId, 0, file.subarray(0, UPLOAD_CHUNK_BYTES));
    const { body: kept } = await start(m.token, 100);
    await api.db.query(`update upload_sessions set expires_at = now() - interval '1 second' where id = $1`, [s.sessionId]);
    for (const res of [await status(m.token, s.sessionId), await chunk(m.token, s.sessionId, UPLOAD_CHUNK_BYTES, file.subarray(UPLOAD_CHUNK_BYTES))]) {
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(res.body.error.message).toContain('24小时');
    }
    expect(await api.count('uploads', 'uploader_user_id = $1', [m.userId])).toBe(0);
    expect(await pruneUploadSessions({ db: api.db })).toBeGreaterThanOrEqual(1);
    expect(await api.count('upload_sessions', 'id = $1', [s.sessionId])).toBe(0);
    expect(await partialBytes(s.sessionId)).toBe(0);
    expect(await api.count('upload_sessions', 'id = $1', [kept.sessionId])).toBe(1);
  });
});

describe('who may start a session, and what', () => {
  it('asks the same as POST /api/uploads: no token 401, a user not on the roster 403 NOT_A_MEMBER', async () => {
    expect((await api.post('/api/uploads/sessions', { body: { contentType: 'image/jpeg', size: 10 } })).status).toBe(401);
    const stranger = await api.user();
    const res = await start(stranger.token, 10);
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('NOT_A_MEMBER');
  });

  it('refuses a declared size over 5 MB with 413, an empty file with 400, another type with 415, and keeps no session', async () => {
    const m = await api.memberUser();
    const over = await start(m.token, UPLOAD_MAX_BYTES + 1);
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(over.body.error.message).toContain('5MB');
    expect((await start(m.token, UPLOAD_MAX_BYTES)).status).toBe(201);
    expect((await start(m.token, 0)).status).toBe(400);
    const gif = await start(m.token, 100, 'image/gif');
    expect(gif.status).toBe(415);
    expect(gif.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    expect(await api.count('upload_sessions', 'user_id = $1', [m.userId])).toBe(1);
  });

  it('counts a session as an upload in the per-minute limit, and caps unfinished sessions per member', async () => {
    const m = await api.memberUser();
    // this minute's window and the next one full (the window is the application's minute)
    const t = Date.now();
    for (const w of [t - (t % 60_000), t - (t % 60_000) + 60_000]) {
      await api.db.query('insert into rate_limits (bucket, window_start, hits) values ($1, $2, $3)', [`upload:${m.userId}`, new Date(w).toISOString(), UPLOADS_PER_MINUTE]);
    }
    const limited = await start(m.token, 100);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect(limited.headers.get('retry-after')).toBeTruthy();
    const n = await api.memberUser();
    const answers = [];
    for (let i = 0; i < 21; i++) answers.push((await start(n.token, 100)).status);
    expect(answers.slice(0, 20).every((s) => s === 201)).toBe(true);
    expect(answers[20]).toBe(429);
  });
});
