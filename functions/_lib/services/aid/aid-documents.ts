// The bridge to uploads (issue #17's other half): the documents of an application are uploads of
// its applicant. Until the uploads capability lands this accepts the ids as given.
import type { Queryable } from '../../db/index.js';

export async function attachAidDocuments(_options: { db: Queryable; userId: string; documents: { key: string; uploadId: string }[] }): Promise<void> {}
