// Uploads (issue #17, api.md "Aid applications"): JPEG, PNG and PDF only, checked by their bytes,
// ≤ 5 MB, readable by the uploader and by whoever the reader check of what an upload is attached
// to lets in, every read audited; kept in PostgreSQL or in Vercel Blob (a local fake of its API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { blobStores, startFakeBlob, type FakeBlob } from '../support/fake-blob.js';
import { loadConfig, resetConfig } from '../../functions/_lib/config.js';
import { attachUploads } from '../../functions/_lib/services/uploads/attach-uploads.js';
import { UPLOAD_MAX_BYTES, ZUpload } from '../../shared/contract-uploads.js';

const jpeg = (n = 2000) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), Buffer.alloc(n, 7), Buffer.from([0xff, 0xd9])]);
const png = () => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest-of-a-tiny-image')]);
const pdf = () => Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

let api: TestApi;
let fake: FakeBlob;
beforeAll(async () => {
  api = await startTestApi();
  fake = await startFakeBlob();
  // A kind of owner for these tests only, registered the way every capability registers one
  // (docs/uploads.md): a reader check in SQL and a row in upload_owner_kinds.
  await api.db.query(`create table test_case_readers (case_id bigint not null, user_id bigint not null)`);
  await api.db.query(`create function test_case_upload_readers(p_owner_id bigint, p_user_id bigint, p_roles jsonb) returns boolean language sql stable as $$
    select exists (select 1 from test_case_readers where case_id = p_owner_id and user_id = p_user_id) $$`);
  await api.db.query(`insert into upload_owner_kinds (kind, reader_check) values ('test_case', 'test_case_upload_readers')`);
});
afterAll(async () => {
  resetConfig();
  await fake.close();
  await api.close();
});

const send = (token: string | undefined, bytes: Buffer | string, type: string) => api.post('/api/uploads', { token, rawBody: bytes, headers: { 'content-type': type } });
const read = (token: string, id: string) => api.request('GET', `/api/uploads/${id}`, { token });
const readBytes = async (token: string, id: string) => {
  const res = await fetch(`${api.base}/api/uploads/${id}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
};
const reads = (id: string, userId: string) => api.count('audit_log', `action = 'upload.read' and subject_type = 'upload' and subject_id = $1 and actor_user_id = $2`, [id, userId]);

const stores = blobStores(() => fake);

describe.each(stores)('with the bytes in $store', ({ store, env }) => {
  beforeAll(() => resetConfig(loadConfig({ ...process.env, ...env() })));
  afterAll(() => resetConfig());

  it('takes a JPEG, a PNG and a PDF from a member and answers 201 with a random id, the type and the size', async () => {
    const m = await api.memberUser();
    for (const [bytes, type] of [[jpeg(), 'image/jpeg'], [png(), 'image/png'], [pdf(), 'application/pdf']] as const) {
      const res = await send(m.token, bytes, type);
      expect(res.status).toBe(201);
      expect(ZUpload.parse(res.body)).toEqual({ id: expect.any(String), contentType: type, size: bytes.length });
      expect(res.body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const { rows } = await api.db.query<{ store: string; has_bytes: boolean }>(
        'select store, exists (select 1 from upload_contents c where c.upload_id = u.id) as has_bytes from uploads u where id = $1',
        [res.body.id],
      );
      expect(rows[0]).toEqual({ store, has_bytes: store === 'postgres' });
    }
  });

  it('gives the uploader the very bytes back with their type, and audits the read', async () => {
    const m = await api.memberUser();
    const bytes = jpeg(5000);
    const { body } = await send(m.token, bytes, 'image/jpeg');
    const got = await readBytes(m.token, body.id);
    expect(got.status).toBe(200);
    expect(got.type).toBe('image/jpeg');
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(await reads(body.id, m.userId)).toBe(1);
    const { rows } = await api.db.query<{ detail: { grant: string } }>(`select detail from audit_log where action = 'upload.read' and subject_id = $1`, [body.id]);
    expect(rows[0].detail.grant).toBe('uploader');
    await readBytes(m.token, body.id);
    expect(await reads(body.id, m.userId)).toBe(2);
  });

  it('hides an upload from everyone else — another member, an admin, an officer — exactly as an id that does not exist', async () => {
    const m = await api.memberUser();
    const { body } = await send(m.token, png(), 'image/png');
    const others = [await api.memberUser(), await api.admin(), await api.user({ roles: [{ role: 'claims_officer' }] })];
    for (const other of others) {
      const res = await read(other.token, body.id);
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
      expect(await reads(body.id, other.userId)).toBe(0);
    }
    const missing = await read(others[0].token, '00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect((await read(others[0].token, 'not-an-id')).status).toBe(404);
  });

  it('lets the readers of what an upload is attached to read it, audited with the kind that let them in', async () => {
    const m = await api.memberUser();
    const reviewer = await api.memberUser();
    const outsider = await api.memberUser();
    const { body } = await send(m.token, pdf(), 'application/pdf');
    const caseId = String(100000 + Math.floor(Math.random() * 1e6));
    await api.db.query('insert into test_case_readers (case_id, user_id) values ($1, $2)', [caseId, reviewer.userId]);
    expect((await read(reviewer.token, body.id)).status).toBe(404);
    await attachUploads({ db: api.db, uploaderUserId: m.userId, ownerKind: 'test_case', ownerId: caseId, uploadIds: [body.id] });
    const got = await readBytes(reviewer.token, body.id);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(pdf())).toBe(true);
    const { rows } = await api.db.query<{ detail: { grant: string } }>(`select detail from audit_log where action = 'upload.read' and subject_id = $1 and actor_user_id = $2`, [body.id, reviewer.userId]);
    expect(rows.map((r) => r.detail.grant)).toEqual(['test_case']);
    expect((await read(outsider.token, body.id)).status).toBe(404);
  });
});

describe('what is refused', () => {
  it('refuses bytes that are not what the Content-Type says, and other types, with 415 and nothing stored', async () => {
    const m = await api.memberUser();
    const before = await api.count('uploads');
    const cases: [Buffer | string, string][] = [
      [png(), 'image/jpeg'],
      [jpeg(), 'application/pdf'],
      ['<html><script>alert(1)</script></html>', 'image/png'],
      [Buffer.from('GIF89a....'), 'image/gif'],
      [pdf(), 'text/plain'],
      [jpeg(), 'application/octet-stream'],
      [Buffer.from('PK\u0003\u0004 a zip'), 'application/pdf'],
    ];
    for (const [bytes, type] of cases) {
      const res = await send(m.token, bytes, type);
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect(res.body.error.message).toMatch(/[\u4e00-\u9fa5]/);
    }
    expect(await api.count('uploads')).toBe(before);
  });

  it('refuses a file over 5 MB with 413 PAYLOAD_TOO_LARGE and an empty one with 400, nothing stored', async () => {
    const m = await api.memberUser();
    const before = await api.count('uploads');
    const big = await send(m.token, jpeg(UPLOAD_MAX_BYTES), 'image/jpeg');
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    const empty = await send(m.token, Buffer.alloc(0), 'image/jpeg');
    expect(empty.status).toBe(400);
    expect(empty.body.error.code).toBe('VALIDATION_FAILED');
    expect(await api.count('uploads')).toBe(before);
  });

  it('takes a 4 MB photo whole (the largest a Vercel function body carries is 4.5 MB)', async () => {
    const m = await api.memberUser();
    const bytes = jpeg(4 * 1024 * 1024);
    const res = await send(m.token, bytes, 'image/jpeg');
    expect(res.status).toBe(201);
    expect(res.body.size).toBe(bytes.length);
    expect((await readBytes(m.token, res.body.id)).bytes.equals(bytes)).toBe(true);
  });

  it('asks who is calling before reading a byte: no token 401, a user not on the roster 403 NOT_A_MEMBER', async () => {
    const anonymous = await send(undefined, jpeg(), 'image/jpeg');
    expect(anonymous.status).toBe(401);
    const stranger = await api.user();
    for (const [bytes, type] of [[jpeg(), 'image/jpeg'], ['not an image', 'text/plain']] as const) {
      const res = await send(stranger.token, bytes, type);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('NOT_A_MEMBER');
    }
    expect((await read('', '00000000-0000-4000-8000-000000000000')).status).toBe(401);
  });

  it('lets only its uploader attach an upload: someone else’s id is refused whole, and the database refuses such a link by itself', async () => {
    const owner = await api.memberUser();
    const thief = await api.memberUser();
    const mine = (await send(thief.token, jpeg(), 'image/jpeg')).body.id;
    const theirs = (await send(owner.token, jpeg(), 'image/jpeg')).body.id;
    await expect(attachUploads({ db: api.db, uploaderUserId: thief.userId, ownerKind: 'test_case', ownerId: '77', uploadIds: [mine, theirs] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ path: 'documents.1.uploadId', message: expect.any(String) }],
    });
    expect(await api.count('upload_links', 'owner_id = 77')).toBe(0);
    await expect(
      api.db.query(`insert into upload_links (upload_id, uploader_user_id, owner_kind, owner_id) values ($1, $2, 'test_case', 77)`, [theirs, thief.userId]),
    ).rejects.toThrow();
    await expect(api.db.query(`insert into upload_links (upload_id, uploader_user_id, owner_kind, owner_id) values ($1, $2, 'no_such_kind', 77)`, [mine, thief.userId])).rejects.toThrow();
  });
});

describe('the store switch', () => {
  afterAll(() => {
    fake.failWith = null;
    resetConfig();
  });

  it('speaks Vercel Blob’s API: the bearer token, an API version, a private blob under uploads/ with a random suffix', async () => {
    resetConfig(loadConfig({ ...process.env, BLOB_READ_WRITE_TOKEN: fake.token, VERCEL_BLOB_API_URL: fake.base }));
    const m = await api.memberUser();
    const from = fake.requests.length;
    const { body } = await send(m.token, png(), 'image/png');
    const put = fake.requests.slice(from).find((r) => r.method === 'PUT')!;
    expect(put.path).toBe(`/?pathname=${encodeURIComponent(`uploads/${body.id}`)}`);
    expect(put.headers.authorization).toBe(`Bearer ${fake.token}`);
    expect(put.headers['x-api-version']).toMatch(/^\d+$/);
    expect(put.headers['x-vercel-blob-access']).toBe('private');
    expect(put.headers['x-content-type']).toBe('image/png');
    const stored = [...fake.blobs.entries()].find(([p]) => p.startsWith(`uploads/${body.id}-`));
    expect(stored?.[1].bytes.equals(png())).toBe(true);
  });

  it('keeps reading an upload from the store it was written to after the switch', async () => {
    resetConfig(loadConfig({ ...process.env }));
    const m = await api.memberUser();
    const inPostgres = (await send(m.token, jpeg(300), 'image/jpeg')).body.id;
    resetConfig(loadConfig({ ...process.env, BLOB_READ_WRITE_TOKEN: fake.token, VERCEL_BLOB_API_URL: fake.base }));
    const inBlob = (await send(m.token, jpeg(400), 'image/jpeg')).body.id;
    expect((await readBytes(m.token, inPostgres)).bytes.equals(jpeg(300))).toBe(true);
    expect((await readBytes(m.token, inBlob)).bytes.equals(jpeg(400))).toBe(true);
  });

  it('answers 503 UNAVAILABLE while the object store is down, and keeps nothing half-written', async () => {
    resetConfig(loadConfig({ ...process.env, BLOB_READ_WRITE_TOKEN: fake.token, VERCEL_BLOB_API_URL: fake.base }));
    const m = await api.memberUser();
    const before = await api.count('uploads');
    fake.failWith = 503;
    const res = await send(m.token, jpeg(), 'image/jpeg');
    fake.failWith = null;
    expect(res.status).toBe(503);
    expect(res.body.error.code).toBe('UNAVAILABLE');
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(await api.count('uploads')).toBe(before);
  });

  it('removes the blob again when the upload row cannot be written', async () => {
    resetConfig(loadConfig({ ...process.env, BLOB_READ_WRITE_TOKEN: fake.token, VERCEL_BLOB_API_URL: fake.base }));
    const m = await api.memberUser();
    const blobs = fake.blobs.size;
    await api.db.query('alter table uploads add constraint uploads_refuse_for_test check (size < 0) not valid');
    try {
      const res = await send(m.token, jpeg(), 'image/jpeg');
      expect(res.status).toBeGreaterThanOrEqual(400);
    } finally {
      await api.db.query('alter table uploads drop constraint uploads_refuse_for_test');
    }
    expect(fake.blobs.size).toBe(blobs);
  });

  it('never sends the token to a location outside Vercel Blob', async () => {
    resetConfig(loadConfig({ ...process.env, BLOB_READ_WRITE_TOKEN: fake.token, VERCEL_BLOB_API_URL: fake.base }));
    const m = await api.memberUser();
    const { body } = await send(m.token, jpeg(), 'image/jpeg');
    await api.db.query(`update uploads set location = 'https://attacker.example.com/x' where id = $1`, [body.id]);
    const res = await read(m.token, body.id);
    expect(res.status).toBe(503);
  });
});

describe('the object store’s secret fails closed', () => {
  const strong = { SESSION_SECRET: 's'.repeat(40), TICKET_SIGNING_KEY: '0123456789abcdef'.repeat(4), ID_HASH_KEY: 'h'.repeat(40) };
  it('refuses to start with a malformed BLOB_READ_WRITE_TOKEN, in production and out of it, instead of falling back to PostgreSQL', () => {
    for (const NODE_ENV of ['production', 'development']) {
      for (const token of ['abc', 'vercel_blob_rw_', 'Bearer vercel_blob_rw_x_y', 'vercel_blob_ro_store_0123456789abcdef']) {
        expect(() => loadConfig({ NODE_ENV, ...strong, BLOB_READ_WRITE_TOKEN: token })).toThrow(/BLOB_READ_WRITE_TOKEN/);
      }
    }
  });

  it('uses Vercel Blob’s own address in production and refuses a test address there', () => {
    const token = 'vercel_blob_rw_AbCd1234_0123456789abcdefXYZ';
    expect(loadConfig({ NODE_ENV: 'production', ...strong, BLOB_READ_WRITE_TOKEN: token }).blob).toEqual({ token, apiBase: 'https://vercel.com/api/blob', testBase: false });
    expect(() => loadConfig({ NODE_ENV: 'production', ...strong, BLOB_READ_WRITE_TOKEN: token, VERCEL_BLOB_API_URL: 'http://127.0.0.1:1' })).toThrow(/VERCEL_BLOB_API_URL/);
    expect(loadConfig({ NODE_ENV: 'production', ...strong }).blob).toBeNull();
  });
});
