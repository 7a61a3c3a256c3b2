// Resumable uploads on the real PostgreSQL (docs/uploads.md "Resumable uploads"): a phone on a weak
// network re-sends a chunk whose answer it lost while the first copy is still in flight. Two copies
// of the last chunk racing make exactly one upload; racing copies of a middle chunk count once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { startTestApi, type TestApi } from '../support/api.js';
import { UPLOAD_CHUNK_BYTES } from '../../shared/contract-uploads.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

const jpeg = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(n), Buffer.from([0xff, 0xd9])]);
const chunk = (token: string, sessionId: string, offset: number, bytes: Buffer) =>
  api.put(`/api/uploads/sessions/${sessionId}`, { token, rawBody: bytes, headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': String(offset) } });

describe('resumable uploads under racing chunks', () => {
  it('makes exactly one upload when copies of the last chunk race, and answers every copy with it', async () => {
    for (let round = 0; round < 5; round++) {
      const m = await api.memberUser();
      const file = jpeg(UPLOAD_CHUNK_BYTES + 1000);
      const s = await api.post('/api/uploads/sessions', { token: m.token, body: { contentType: 'image/jpeg', size: file.length } });
      expect((await chunk(m.token, s.body.sessionId, 0, file.subarray(0, UPLOAD_CHUNK_BYTES))).status).toBe(200);
      const last = file.subarray(UPLOAD_CHUNK_BYTES);
      const replies = await Promise.all(Array.from({ length: 4 }, () => chunk(m.token, s.body.sessionId, UPLOAD_CHUNK_BYTES, last)));
      expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
      expect(new Set(replies.map((r) => r.body.id)).size).toBe(1);
      expect(await api.count('uploads', 'uploader_user_id = $1', [m.userId])).toBe(1);
      const res = await fetch(`${api.base}/api/uploads/${replies[0].body.id}`, { headers: { authorization: `Bearer ${m.token}` } });
      expect(Buffer.from(await res.arrayBuffer()).equals(file)).toBe(true);
    }
  });

  it('keeps one copy of a middle chunk sent several times at once', async () => {
    const m = await api.memberUser();
    const file = jpeg(3 * UPLOAD_CHUNK_BYTES);
    const s = await api.post('/api/uploads/sessions', { token: m.token, body: { contentType: 'image/jpeg', size: file.length } });
    const first = file.subarray(0, UPLOAD_CHUNK_BYTES);
    const replies = await Promise.all(Array.from({ length: 4 }, () => chunk(m.token, s.body.sessionId, 0, first)));
    expect(replies.map((r) => [r.status, r.body.offset])).toEqual(Array.from({ length: 4 }, () => [200, UPLOAD_CHUNK_BYTES]));
    const { rows } = await api.db.query<{ n: number; bytes: number }>(
      'select count(*)::int as n, sum(length(bytes))::int as bytes from upload_session_chunks where session_id = $1',
      [s.body.sessionId],
    );
    expect(rows[0]).toEqual({ n: 1, bytes: UPLOAD_CHUNK_BYTES });
  });
});
