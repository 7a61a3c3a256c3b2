import type { Queryable } from '../db/index.js';

/** Audit records say who did what to whom; `detail` must never hold an ID number or a medical fact. */
export async function writeAudit(options: { db: Queryable; actorUserId: string | null; action: string; subjectType: string; subjectId: string | null; detail?: Record<string, unknown> }) {
  await options.db.query('insert into audit_log (actor_user_id, action, subject_type, subject_id, detail) values ($1, $2, $3, $4, $5)', [
    options.actorUserId,
    options.action,
    options.subjectType,
    options.subjectId,
    JSON.stringify(options.detail ?? {}),
  ]);
}
