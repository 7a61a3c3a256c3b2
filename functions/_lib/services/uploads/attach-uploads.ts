import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';

/**
 * Declares "these uploads are attached to owner `ownerId` of kind `ownerKind`": from then on the
 * reader check registered for that kind (table upload_owner_kinds) decides who else may read them.
 * Only their uploader attaches uploads: an id that is not one of `uploaderUserId`'s uploads is
 * refused whole (400, naming `documents.<i>.uploadId`), nothing linked. Call it inside the
 * transaction that writes the owner. Attaching twice is harmless.
 */
export async function attachUploads(options: { db: Queryable; uploaderUserId: string; ownerKind: string; ownerId: string; uploadIds: string[]; path?: string }): Promise<void> {
  const ids = [...new Set(options.uploadIds)];
  if (ids.length === 0) return;
  const { rows } = await options.db.query<{ id: string }>('select id::text as id from uploads where id = any($1::uuid[]) and uploader_user_id = $2', [ids, options.uploaderUserId]);
  const own = new Set(rows.map((r) => r.id));
  const index = options.uploadIds.findIndex((id) => !own.has(id));
  if (index >= 0) {
    const path = `${options.path ?? 'documents'}.${index}.uploadId`;
    throw new AppError('VALIDATION_FAILED', '材料不存在或不是您本人上传的，请重新上传', { details: [{ path, message: '材料不存在或不是您本人上传的' }] });
  }
  await options.db.query(
    `insert into upload_links (upload_id, uploader_user_id, owner_kind, owner_id)
     select u, $2, $3, $4 from unnest($1::uuid[]) as t(u)
     on conflict do nothing`,
    [ids, options.uploaderUserId, options.ownerKind, options.ownerId],
  );
}

/** The uploads attached to one owner, oldest link first (for answers that list an owner's documents). */
export async function listAttachedUploads(options: { db: Queryable; ownerKind: string; ownerId: string }) {
  const { rows } = await options.db.query<{ id: string; content_type: string; size: number }>(
    `select u.id::text as id, u.content_type, u.size from upload_links l join uploads u on u.id = l.upload_id
      where l.owner_kind = $1 and l.owner_id = $2 order by l.linked_at, u.id`,
    [options.ownerKind, options.ownerId],
  );
  return rows.map((r) => ({ id: r.id, contentType: r.content_type, size: r.size }));
}
