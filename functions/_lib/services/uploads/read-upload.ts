import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { storeFor, type StoreKind } from './blob-store.js';
import type { TUploadType } from '../../../../shared/contract-uploads.js';

type UploadRow = { id: string; content_type: TUploadType; size: number; store: StoreKind; location: string | null };

/**
 * GET /api/uploads/:id: the bytes, for its uploader and for whoever a reader check of an owner it
 * is attached to lets in (upload_read_grant, migration 015). Anyone else: 404, as for an id that
 * does not exist. Every read is audited, before the bytes leave, with the ground it was granted on.
 */
export async function readUpload(options: { db: Db; userId: string; uploadId: string }): Promise<{ bytes: Buffer; contentType: TUploadType }> {
  const { db, uploadId } = options;
  const actor = await loadActor(options);
  const roles = actor.roles.map((r) => ({ role: r.role, orgId: r.orgId, orgPath: r.orgPath }));
  const { rows } = await db.query<UploadRow & { grant: string | null }>(
    `select u.id::text as id, u.content_type, u.size, u.store, u.location, upload_read_grant(u.id, $2, $3::jsonb) as grant
       from uploads u where u.id = $1`,
    [uploadId, actor.userId, JSON.stringify(roles)],
  );
  const row = rows[0];
  if (!row || row.grant === null) throw new AppError('NOT_FOUND', '未找到该材料');
  await writeAudit({ db, actorUserId: actor.userId, action: 'upload.read', subjectType: 'upload', subjectId: row.id, detail: { grant: row.grant, contentType: row.content_type, size: row.size } });
  const bytes = await storeFor(row.store).get(db, { id: row.id, location: row.location });
  if (!bytes) throw new AppError('NOT_FOUND', '该材料的文件已不存在');
  return { bytes, contentType: row.content_type };
}
