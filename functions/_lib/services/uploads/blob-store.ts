// The one interface behind which upload bytes are kept: PostgreSQL (bytea) by default, Vercel Blob
// when BLOB_READ_WRITE_TOKEN is set. Everything else about an upload (who, what, links, reads) is
// in the `uploads` tables whichever store holds the bytes.
import type { Queryable } from '../../db/index.js';
import { getConfig, type Config } from '../../config.js';
import { createPostgresBlobStore } from './postgres-blob-store.js';
import { createVercelBlobStore } from './vercel-blob-store.js';

export type StoreKind = 'postgres' | 'vercel_blob';

export interface BlobStore {
  readonly kind: StoreKind;
  /**
   * Keeps the bytes of upload `id`; answers the location to record on the upload row (null for
   * PostgreSQL, whose bytes are found by id). `q` is the transaction that writes the upload row.
   */
  put(q: Queryable, item: { id: string; bytes: Buffer; contentType: string }): Promise<string | null>;
  /** The bytes, or null when the store no longer has them. */
  get(q: Queryable, item: { id: string; location: string | null }): Promise<Buffer | null>;
  delete(q: Queryable, item: { id: string; location: string | null }): Promise<void>;
}

/** The store for new uploads, by configuration. Reads go to the store an upload names (`storeFor`). */
export function currentBlobStore(config: Config = getConfig()): BlobStore {
  return config.blob ? createVercelBlobStore(config.blob) : createPostgresBlobStore();
}

/** The store that holds an existing upload (an upload stays where it was written). */
export function storeFor(kind: StoreKind, config: Config = getConfig()): BlobStore {
  if (kind === 'postgres') return createPostgresBlobStore();
  if (!config.blob) throw new Error('upload kept in Vercel Blob but BLOB_READ_WRITE_TOKEN is not set');
  return createVercelBlobStore(config.blob);
}
