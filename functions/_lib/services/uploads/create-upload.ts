import { createHash, randomUUID } from 'node:crypto';
import type { Db, Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireMember } from '../load-actor.js';
import { checkRateLimit } from '../check-rate-limit.js';
import { log } from '../../log.js';
import { currentBlobStore, type BlobStore } from './blob-store.js';
import { sniffContentType } from './sniff-content-type.js';
import { UPLOAD_MAX_BYTES, type TUpload, type TUploadType } from '../../../../shared/contract-uploads.js';

/** Uploads one member may make a minute: a form has a handful of photos, retries included. */
export const UPLOADS_PER_MINUTE = Number(process.env.RATE_LIMIT_UPLOADS_PER_MINUTE ?? 30);

/** The permission check that comes before a byte of the body is read: a logged-in roster member. */
export async function authorizeUpload(options: { db: Db; userId: string }): Promise<void> {
  requireMember(await loadActor(options));
}

const TOO_LARGE = '文件不能超过5MB';

/** The size rule of every upload, one-shot or resumable: 1 byte to 5 MB. */
export function checkUploadSize(size: number): void {
  if (size === 0) throw new AppError('VALIDATION_FAILED', '文件是空的，请重新选择');
  if (size > UPLOAD_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
}

/** The bytes must be what the declared type says (magic bytes), else 415: the type to store. */
export function checkUploadBytes(bytes: Buffer, declaredType: string): TUploadType {
  checkUploadSize(bytes.length);
  const actual = sniffContentType(bytes);
  if (actual === null || actual !== declaredType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG 图片或 PDF 文件（文件内容与类型不符）');
  }
  return actual;
}

/** One upload a member starts counts here: a one-shot POST, or the start of a resumable session. */
export async function countUpload(options: { db: Queryable; userId: string }): Promise<void> {
  await checkRateLimit({ db: options.db, bucket: `upload:${options.userId}`, limit: UPLOADS_PER_MINUTE, message: '上传太频繁，请稍后再试' });
}

/**
 * Writes checked bytes as a new upload inside the caller's transaction `tx`: the bytes through
 * `store`, then the `uploads` row. `written.location` is set as soon as a blob exists, so that the
 * caller can remove it again when the transaction does not commit (`removeOrphanBlob`).
 */
export async function writeUpload(
  tx: Queryable,
  options: { store: BlobStore; userId: string; bytes: Buffer; contentType: TUploadType; written: { id: string; location: string | null } },
): Promise<TUpload> {
  const { store, userId, bytes, contentType, written } = options;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const location = await store.put(tx, { id: written.id, bytes, contentType });
  written.location = location;
  await tx.query('insert into uploads (id, uploader_user_id, content_type, size, sha256, store, location) values ($1, $2, $3, $4, $5, $6, $7)', [
    written.id,
    userId,
    contentType,
    bytes.length,
    sha256,
    store.kind,
    location,
  ]);
  return { id: written.id, contentType, size: bytes.length };
}

/** After a transaction that wrote a blob did not commit: the blob goes too (best effort, logged). */
export async function removeOrphanBlob(db: Queryable, store: BlobStore, written: { id: string; location: string | null }): Promise<void> {
  if (written.location === null) return;
  await store.delete(db, { id: written.id, location: written.location }).catch(() => log.warn('upload_orphan_blob', { uploadId: written.id }));
}

/**
 * POST /api/uploads: the bytes must be what the Content-Type says (magic bytes), else 415.
 * The upload row and the bytes are written in one transaction (PostgreSQL); with Vercel Blob the
 * blob is written inside it and removed again when the row cannot be.
 */
export async function createUpload(options: { db: Db; userId: string; bytes: Buffer; declaredType: string; store?: BlobStore }): Promise<TUpload> {
  const { db, userId, bytes } = options;
  const contentType = checkUploadBytes(bytes, options.declaredType);
  await countUpload({ db, userId });
  const store = options.store ?? currentBlobStore();
  const written = { id: randomUUID(), location: null as string | null };
  try {
    return await db.transaction((tx) => writeUpload(tx, { store, userId, bytes, contentType, written }));
  } catch (err) {
    await removeOrphanBlob(db, store, written);
    throw err;
  }
}
