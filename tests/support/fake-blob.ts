// A local stand-in for Vercel Blob speaking its HTTP API as @vercel/blob 2.x uses it:
//   PUT  /?pathname=<p>  (authorization: Bearer <token>, x-api-version, x-vercel-blob-access,
//        x-content-type, x-add-random-suffix) → { url, downloadUrl, pathname, contentType, contentDisposition }
//   GET  /<store>/<pathname> (private blobs need the bearer token) → the bytes
//   POST /delete { urls } → {}
// Errors answer { error: { code, message } } as the API does (forbidden, not_found, bad_request).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

export type FakeBlob = {
  base: string;
  token: string;
  blobs: Map<string, { bytes: Buffer; contentType: string; access: string }>;
  /** every request as `METHOD path`, with the headers a test may want to look at */
  requests: { method: string; path: string; headers: IncomingMessage['headers'] }[];
  /** answer every request with this status (a store outage) while set */
  failWith: number | null;
  close(): Promise<void>;
};

export async function startFakeBlob(options: { token?: string } = {}): Promise<FakeBlob> {
  const token = options.token ?? `vercel_blob_rw_fakestore${randomBytes(3).toString('hex')}_${randomBytes(12).toString('hex')}`;
  const storeId = token.split('_')[3];
  const blobs: FakeBlob['blobs'] = new Map();
  const requests: FakeBlob['requests'] = [];
  const fake = { token, blobs, requests, failWith: null as number | null } as FakeBlob;

  const error = (res: ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code, message } }));
  };
  const readBody = (req: IncomingMessage) =>
    new Promise<Buffer>((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers });
    const body = await readBody(req);
    if (fake.failWith) return error(res, fake.failWith, 'service_unavailable', 'The blob service is currently not available.');
    if (req.headers.authorization !== `Bearer ${token}`) return error(res, 403, 'forbidden', 'Access denied, please provide a valid token for this resource.');
    if (req.method === 'PUT' && url.pathname === '/') {
      const pathname = url.searchParams.get('pathname');
      if (!pathname) return error(res, 400, 'bad_request', 'pathname is required');
      if (!req.headers['x-api-version']) return error(res, 400, 'bad_request', 'x-api-version is required');
      const access = String(req.headers['x-vercel-blob-access'] ?? '');
      if (access !== 'private' && access !== 'public') return error(res, 400, 'bad_request', 'access must be "private" or "public"');
      const suffix = req.headers['x-add-random-suffix'] === '1' ? `-${randomBytes(15).toString('base64url').replace(/[-_]/g, 'x')}` : '';
      const stored = `${pathname}${suffix}`;
      const contentType = String(req.headers['x-content-type'] ?? 'application/octet-stream');
      blobs.set(stored, { bytes: body, contentType, access });
      const blobUrl = `${fake.base}/${storeId}/${stored}`;
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ url: blobUrl, downloadUrl: `${blobUrl}?download=1`, pathname: stored, contentType, contentDisposition: 'inline' }));
    }
    if (req.method === 'POST' && url.pathname === '/delete') {
      let urls: unknown;
      try {
        urls = JSON.parse(body.toString('utf8')).urls;
      } catch {
        return error(res, 400, 'bad_request', 'invalid JSON');
      }
      if (!Array.isArray(urls)) return error(res, 400, 'bad_request', 'urls is required');
      for (const u of urls) blobs.delete(new URL(String(u)).pathname.replace(`/${storeId}/`, ''));
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{}');
    }
    if (req.method === 'GET' && url.pathname.startsWith(`/${storeId}/`)) {
      const blob = blobs.get(url.pathname.slice(storeId.length + 2));
      if (!blob) return error(res, 404, 'not_found', 'The requested blob does not exist');
      res.writeHead(200, { 'content-type': blob.contentType, 'content-length': String(blob.bytes.length) });
      return res.end(blob.bytes);
    }
    return error(res, 400, 'bad_request', 'unknown operation');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return fake;
}

/**
 * The two places an upload's bytes can live, for `describe.each`: PostgreSQL (the default) and
 * Vercel Blob through this fake (`env` is read when the suite starts, after the fake is up).
 */
export const blobStores = (fake: () => FakeBlob) =>
  [
    { store: 'postgres', env: () => ({}) },
    { store: 'vercel_blob', env: () => ({ BLOB_READ_WRITE_TOKEN: fake().token, VERCEL_BLOB_API_URL: fake().base }) },
  ] as const;
