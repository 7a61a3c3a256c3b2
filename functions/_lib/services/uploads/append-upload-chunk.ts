import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { currentBlobStore, type BlobStore } from './blob-store.js';
import { checkUploadBytes, removeOrphanBlob, writeUpload } from './create-upload.js';
import { sessionExpired, sessionNotFound } from './read-upload-session.js';
import type { TUpload, TUploadChunkAccepted, TUploadType } from '../../../../shared/contract-uploads.js';

export type ChunkResult = { status: 200; body: TUploadChunkAccepted } | { status: 200 | 201; body: TUpload };

type LockedSession = { content_type: TUploadType; size: number; received: number; upload_id: string | null; final_offset: number | null; expired: boolean };

function badOffset(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: [{ path: 'Upload-Offset', message }] });
}

/** The Upload-Offset header: a whole number of bytes. */
export function parseUploadOffset(header: string | undefined): number {
  if (header === undefined || header.trim() === '') throw badOffset('缺少 Upload-Offset（本段在文件中的起始位置）');
  if (!/^\d{1,8}$/.test(header.trim())) throw badOffset('Upload-Offset 必须是非负整数');
  return Number(header.trim());
}

function toBuffer(b: Uint8Array): Buffer {
  return Buffer.isBuffer(b) ? b : Buffer.from(b.buffer, b.byteOffset, b.byteLength);
}

/**
 * PUT /api/uploads/sessions/:id: `bytes` belong at `offset` of the session's file. Decided under
 * the session's row lock, so that two copies of a chunk (a retry racing a slow original) or two
 * copies of the last chunk cannot both count:
 * - at the offset the server holds: kept; 200 `{ offset, size }` with the new offset;
 * - bytes the server already holds (a chunk re-sent after a lost answer): nothing changes, 200;
 * - anywhere else: 409 UPLOAD_OFFSET_MISMATCH with `error.offset`, where to resume;
 * - the chunk that completes the file: the bytes are assembled and checked as POST /api/uploads
 *   checks them (415 on a mismatch, nothing written), stored through the BlobStore as a new
 *   upload, and the session is marked complete in the same transaction: 201 `{ id, contentType, size }`;
 * - that last chunk again (its answer was lost): the same upload, 200; never a second one.
 */
export async function appendUploadChunk(options: { db: Db; userId: string; sessionId: string; offset: number; bytes: Buffer; store?: BlobStore }): Promise<ChunkResult> {
  const { db, userId, sessionId, offset, bytes } = options;
  if (bytes.length === 0) throw new AppError('VALIDATION_FAILED', '这一段是空的，请重新上传');
  const store = options.store ?? currentBlobStore();
  const written = { id: randomUUID(), location: null as string | null };
  try {
    return await db.transaction(async (tx): Promise<ChunkResult> => {
      const { rows } = await tx.query<LockedSession>(
        `select content_type, size, received, upload_id::text as upload_id, final_offset, expires_at <= now() as expired
           from upload_sessions where id = $1 and user_id = $2 for update`,
        [sessionId, userId],
      );
      const s = rows[0];
      if (!s) throw sessionNotFound();
      if (s.upload_id !== null) {
        if (offset === s.final_offset && offset + bytes.length === s.size) return { status: 200, body: { id: s.upload_id, contentType: s.content_type, size: s.size } };
        throw new AppError('UPLOAD_OFFSET_MISMATCH', '这个文件已经上传完成', { offset: s.size, headers: { 'Upload-Offset': String(s.size) } });
      }
      if (s.expired) throw sessionExpired();
      if (offset + bytes.length > s.size) throw badOffset(`这一段超出了文件大小（${s.size} 字节）`);
      if (offset < s.received && offset + bytes.length <= s.received) return { status: 200, body: { offset: s.received, size: s.size } };
      if (offset !== s.received) {
        throw new AppError('UPLOAD_OFFSET_MISMATCH', `上传进度不一致：服务器已收到 ${s.received} 字节，请从这里继续`, {
          offset: s.received,
          headers: { 'Upload-Offset': String(s.received) },
        });
      }
      const received = offset + bytes.length;
      if (received < s.size) {
        await tx.query('insert into upload_session_chunks (session_id, offset_bytes, bytes) values ($1, $2, $3)', [sessionId, offset, bytes]);
        await tx.query('update upload_sessions set received = $2 where id = $1', [sessionId, received]);
        return { status: 200, body: { offset: received, size: s.size } };
      }
      const { rows: parts } = await tx.query<{ bytes: Uint8Array }>('select bytes from upload_session_chunks where session_id = $1 order by offset_bytes', [sessionId]);
      const whole = Buffer.concat([...parts.map((p) => toBuffer(p.bytes)), bytes]);
      if (whole.length !== s.size) throw new Error(`upload session ${sessionId}: ${whole.length} bytes assembled, ${s.size} announced`);
      const contentType = checkUploadBytes(whole, s.content_type);
      const upload = await writeUpload(tx, { store, userId, bytes: whole, contentType, written });
      await tx.query('update upload_sessions set received = size, upload_id = $2, final_offset = $3 where id = $1', [sessionId, upload.id, offset]);
      await tx.query('delete from upload_session_chunks where session_id = $1', [sessionId]);
      return { status: 201, body: upload };
    });
  } catch (err) {
    await removeOrphanBlob(db, store, written);
    throw err;
  }
}
