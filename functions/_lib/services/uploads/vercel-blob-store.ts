// Vercel Blob through its HTTP API (what @vercel/blob 2.x sends; no SDK in the functions' bundle):
//   PUT  <api>/?pathname=<p>   body = the bytes; authorization: Bearer <token>, x-api-version,
//        x-vercel-blob-access: private, x-content-type, x-add-random-suffix: 1
//        → 200 { url, downloadUrl, pathname, contentType, contentDisposition }
//   GET  <url>                 authorization: Bearer <token> (private blobs) → the bytes, 404 when gone
//   POST <api>/delete          { urls: [<url>] }
// <api> is https://vercel.com/api/blob; VERCEL_BLOB_API_URL points it at tests/support/fake-blob.ts.
import { AppError } from '../../errors.js';
import { log } from '../../log.js';
import type { BlobStore } from './blob-store.js';

export const BLOB_API_VERSION = '12';

type BlobConfig = { token: string; apiBase: string; testBase: boolean };

function storeUnavailable(what: string, status?: number): AppError {
  log.warn('blob_store_failed', { what, status });
  return new AppError('UNAVAILABLE', '文件存储暂时不可用，请稍后重试', { headers: { 'Retry-After': '3' } });
}

/**
 * The token is sent only to Vercel Blob's own hosts (https, *.blob.vercel-storage.com) — or, in
 * tests, to the fake's origin: a location in the database can never make us hand it elsewhere.
 */
function checkedLocation(config: BlobConfig, location: string): string {
  let url: URL;
  try {
    url = new URL(location);
  } catch {
    throw storeUnavailable('bad_location');
  }
  const official = url.protocol === 'https:' && url.hostname.endsWith('.blob.vercel-storage.com');
  const fake = config.testBase && url.origin === new URL(config.apiBase).origin;
  if (!official && !fake) throw storeUnavailable('foreign_location');
  return url.toString();
}

async function call(what: string, input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, { ...init, signal: AbortSignal.timeout(20_000) });
  } catch {
    throw storeUnavailable(what);
  }
}

export function createVercelBlobStore(config: BlobConfig): BlobStore {
  const headers = { authorization: `Bearer ${config.token}`, 'x-api-version': BLOB_API_VERSION };
  return {
    kind: 'vercel_blob',
    async put(_q, { id, bytes, contentType }) {
      const params = new URLSearchParams({ pathname: `uploads/${id}` });
      const res = await call('put', `${config.apiBase}/?${params}`, {
        method: 'PUT',
        headers: { ...headers, 'x-vercel-blob-access': 'private', 'x-content-type': contentType, 'x-add-random-suffix': '1', 'content-type': contentType },
        body: new Uint8Array(bytes),
      });
      if (!res.ok) throw storeUnavailable('put', res.status);
      const answer = (await res.json().catch(() => null)) as { url?: unknown } | null;
      if (typeof answer?.url !== 'string') throw storeUnavailable('put_answer');
      return checkedLocation(config, answer.url);
    },
    async get(_q, { location }) {
      if (!location) return null;
      const res = await call('get', checkedLocation(config, location), { method: 'GET', headers: { authorization: headers.authorization } });
      if (res.status === 404) return null;
      if (!res.ok) throw storeUnavailable('get', res.status);
      return Buffer.from(await res.arrayBuffer());
    },
    async delete(_q, { location }) {
      if (!location) return;
      const res = await call('delete', `${config.apiBase}/delete`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ urls: [checkedLocation(config, location)] }),
      });
      if (!res.ok) throw storeUnavailable('delete', res.status);
    },
  };
}
