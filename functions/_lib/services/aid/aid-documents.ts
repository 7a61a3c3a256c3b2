// An application's documents are uploads of its applicant (docs/uploads.md): attaching them lets
// the application's reviewers read them (aid_application_upload_readers, migration 017). An id
// that is not one of the applicant's uploads refuses the whole submission (400).
import type { Queryable } from '../../db/index.js';
import { attachUploads } from '../uploads/attach-uploads.js';

export async function attachAidDocuments(options: { db: Queryable; userId: string; applicationId: string; documents: { key: string; uploadId: string }[] }): Promise<void> {
  await attachUploads({ db: options.db, uploaderUserId: options.userId, ownerKind: 'aid_application', ownerId: options.applicationId, uploadIds: options.documents.map((d) => d.uploadId) });
}
