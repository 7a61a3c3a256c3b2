import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { checkUploadSize, countUpload } from './create-upload.js';
import { sessionAnswer, type SessionRow } from './read-upload-session.js';
import { UPLOAD_SESSION_HOURS, UPLOAD_TYPES, type TUploadSession, type TUploadType } from '../../../../shared/contract-uploads.js';

/** Unfinished sessions one member may hold at once: a form's photos, with room for restarts. */
export const OPEN_SESSIONS_PER_USER = Number(process.env.UPLOAD_OPEN_SESSIONS_PER_USER ?? 20);

/**
 * POST /api/uploads/sessions: a resumable upload of `size` bytes of `contentType` begins. The same
 * eligibility as POST /api/uploads (a roster member, checked by the endpoint before the body; the
 * types; ≤ 5 MB; the same per-minute count, where a session counts as one upload), plus a cap on
 * unfinished sessions, since each may hold up to 5 MB of partial bytes for a day.
 */
export async function startUploadSession(options: { db: Db; userId: string; contentType: string; size: number }): Promise<TUploadSession> {
  const { db, userId, contentType, size } = options;
  if (!(UPLOAD_TYPES as readonly string[]).includes(contentType)) {
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPG、PNG 图片或 PDF 文件');
  }
  checkUploadSize(size);
  const { rows: open } = await db.query<{ n: number }>('select count(*)::int as n from upload_sessions where user_id = $1 and upload_id is null and expires_at > now()', [userId]);
  if (open[0].n >= OPEN_SESSIONS_PER_USER) {
    throw new AppError('RATE_LIMITED', '未完成的上传太多，请先完成正在上传的文件，或稍后再试', { headers: { 'Retry-After': '60' } });
  }
  await countUpload({ db, userId });
  const { rows } = await db.query<SessionRow>(
    `insert into upload_sessions (id, user_id, content_type, size, expires_at) values ($1, $2, $3, $4, now() + make_interval(hours => $5))
     returning id::text as id, content_type, size, received, expires_at, null::text as upload_id`,
    [randomUUID(), userId, contentType as TUploadType, size, UPLOAD_SESSION_HOURS],
  );
  return sessionAnswer(rows[0]);
}
