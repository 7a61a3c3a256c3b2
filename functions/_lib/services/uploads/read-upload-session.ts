import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import { UPLOAD_CHUNK_BYTES, type TUploadSession, type TUploadType } from '../../../../shared/contract-uploads.js';

export type SessionRow = { id: string; content_type: TUploadType; size: number; received: number; expires_at: Date | string; upload_id: string | null };

export function sessionAnswer(row: SessionRow): TUploadSession {
  return {
    sessionId: row.id,
    contentType: row.content_type,
    size: row.size,
    offset: row.received,
    chunkSize: UPLOAD_CHUNK_BYTES,
    expiresAt: toShanghaiIso(row.expires_at),
    upload: row.upload_id ? { id: row.upload_id, contentType: row.content_type, size: row.size } : null,
  };
}

/** Someone else's session, or none: the same 404 (never reveal that it exists). */
export function sessionNotFound(): AppError {
  return new AppError('NOT_FOUND', '未找到这次上传，请重新选择文件上传');
}

/** A session past its expiry that never completed: its bytes are gone or about to go. */
export function sessionExpired(): AppError {
  return new AppError('NOT_FOUND', '这次上传已超过24小时未完成，已失效，请重新选择文件上传');
}

/** GET /api/uploads/sessions/:id: where to resume (`offset`), or the upload once complete. */
export async function readUploadSession(options: { db: Queryable; userId: string; sessionId: string }): Promise<TUploadSession> {
  const { rows } = await options.db.query<SessionRow & { expired: boolean }>(
    `select id::text as id, content_type, size, received, expires_at, upload_id::text as upload_id, expires_at <= now() as expired
       from upload_sessions where id = $1 and user_id = $2`,
    [options.sessionId, options.userId],
  );
  const row = rows[0];
  if (!row) throw sessionNotFound();
  if (row.upload_id === null && row.expired) throw sessionExpired();
  return sessionAnswer(row);
}
