import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { canManageOrgPath, loadActor, type Actor } from '../load-actor.js';
import { enqueueNotifications } from '../enqueue-notifications.js';
import { writeAudit } from '../write-audit.js';
import { JOIN_COLUMNS, JOIN_STATUS_LABELS, type JoinRow } from './join-rows.js';
import type { TJoinStatus } from '../../../../shared/schemas.js';

/** The union office: admins and cadres. Anyone else is 403 before anything is read. */
export async function loadJoinOfficer(options: { db: Queryable; userId: string }): Promise<Actor> {
  const actor = await loadActor(options);
  if (!actor.roles.some((r) => r.role === 'admin' || r.role === 'cadre')) throw new AppError('FORBIDDEN');
  return actor;
}

export type LockedJoin = JoinRow & { org_path: string; join_plan: string | null; id_hash: string; phone_hash: string | null };

/**
 * Locks the application row for a decision. An application outside the caller's subtree answers
 * like one that does not exist (404); one already decided is 409 INVALID_TRANSITION. The row lock
 * makes two decisions, or a decision and the applicant's withdrawal, happen one after the other.
 */
export async function lockForDecision(tx: Queryable, actor: Actor, id: string): Promise<LockedJoin> {
  const { rows } = await tx.query<LockedJoin>(
    `select ${JOIN_COLUMNS}, o.path as org_path, o.join_plan, j.id_hash, j.phone_hash
       from join_applications j join orgs o on o.id = j.org_id
      where j.id = $1
        for update of j`,
    [id],
  );
  const row = rows[0];
  if (!row || !canManageOrgPath(actor, row.org_path)) throw new AppError('NOT_FOUND');
  if (row.status !== 'pending') throw new AppError('INVALID_TRANSITION', '该申请已办结，不能再处理');
  return row;
}

/** The applicant hears of every decision (through the outbox, in the decision's transaction). */
export async function noticeApplicant(tx: Queryable, options: { row: JoinRow; status: TJoinStatus | 'transferred'; orgName: string; note: string; actorUserId: string; detail?: Record<string, unknown> }) {
  const { row } = options;
  const statusLabel = options.status === 'transferred' ? '已转办' : JOIN_STATUS_LABELS[options.status];
  await enqueueNotifications({
    db: tx,
    items: [{ userId: row.user_id, template: 'join_application', data: { applicationId: row.id, orgName: options.orgName, statusLabel, note: options.note }, page: 'pages/join/index' }],
  });
  await writeAudit({ db: tx, actorUserId: options.actorUserId, action: `join.${options.status === 'transferred' ? 'transfer' : options.status === 'approved' ? 'approve' : 'reject'}`, subjectType: 'join_application', subjectId: row.id, detail: options.detail });
}
