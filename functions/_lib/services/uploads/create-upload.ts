import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireMember } from '../load-actor.js';
import { checkRateLimit } from '../check-rate-limit.js';
import { log } from '../../log.js';
import { currentBlobStore, type BlobStore } from './blob-store.js';
import { sniffContentType } from './sniff-content-type.js';
import { UPLOAD_MAX_BYTES, type TUpload } from '../../../../shared/contract-uploads.js';

/** Uploads one member may make a minute: a form has a handful of photos, retries included. */
export const UPLOADS_PER_MINUTE = Number(process.env.RATE_LIMIT_UPLOADS_PER_MINUTE ?? 30);

/** The permission check that comes before a byte of the body is read: a logged-in roster member. */
export async function authorizeUpload(options: { db: Db; userId: string }): Promise<void> {
  requireMember(await loadActor(options));
}

/**
 * POST /api/uploads: the bytes must be what the Content-Type says (magic bytes), else 415.
 * The upload row and the bytes are written in one transaction (PostgreSQL); with Vercel Blob the
 * blob is written inside it and removed again when the row cannot be.
 */
export async function createUpload(options: { db: Db; userId: string; bytes: Buffer; declaredType: string; store?: BlobStore }): Promise<TUpload> {
  const { db, userId, bytes } = options;
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '文件是空的，请重新选择');
  if (bytes.length > UPLOAD_MAX_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', '文件不能超过5MB');
  const actual = sniffContentType(bytes);
  if (actual === null || actual !== options.declaredType) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG 图片或 PDF 文件（文件内容与类型不符）');
  }
  await checkRateLimit({ db, bucket: `upload:${userId}`, limit: UPLOADS_PER_MINUTE, message: '上传太频繁，请稍后再试' });
  const store = options.store ?? currentBlobStore();
  const id = randomUUID();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const written: { location: string | null } = { location: null };
  try {
    await db.transaction(async (tx) => {
      const location = await store.put(tx, { id, bytes, contentType: actual });
      written.location = location;
      await tx.query('insert into uploads (id, uploader_user_id, content_type, size, sha256, store, location) values ($1, $2, $3, $4, $5, $6, $7)', [
        id,
        userId,
        actual,
        bytes.length,
        sha256,
        store.kind,
        location,
      ]);
    });
  } catch (err) {
    if (written.location !== null) {
      await store.delete(db, { id, location: written.location }).catch(() => log.warn('upload_orphan_blob', { uploadId: id }));
    }
    throw err;
  }
  return { id, contentType: actual, size: bytes.length };
}
