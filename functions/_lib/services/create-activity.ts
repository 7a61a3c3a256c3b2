import { randomBytes } from 'node:crypto';
import type { Db } from '../db/index.js';
import { seedHashOf } from '../../../shared/domain/lottery.js';
import { AppError } from '../errors.js';
import { canManageOrgPath, loadActor } from './load-actor.js';
import { writeAudit } from './write-audit.js';
import { getActivity } from './get-activity.js';
import type { TActivityInput, TActivity } from '../../../shared/schemas.js';

/**
 * A cadre publishes an activity for a union they cover (admins for any). A lottery gets its
 * secret seed here, before anyone can apply: the seed goes to lottery_seeds (read only by the
 * draw), its SHA-256 is published on the activity and written to the audit log (docs/lottery.md).
 */
export async function createActivity(options: { db: Db; userId: string; input: TActivityInput }): Promise<TActivity> {
  const { db, input } = options;
  const actor = await loadActor(options);
  const org = await db.query<{ path: string }>('select path from orgs where id = $1', [input.orgId]);
  if (!org.rows[0]) throw new AppError('VALIDATION_FAILED', '工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
  if (!canManageOrgPath(actor, org.rows[0].path)) throw new AppError('FORBIDDEN', '您只能为自己负责的工会发布活动');
  const seed = input.allocation === 'lottery' ? randomBytes(32).toString('hex') : null;
  const seedHash = seed ? seedHashOf(seed) : null;
  const id = await db.transaction(async (tx) => {
    const { rows } = await tx.query<{ id: string }>(
      `insert into activities (org_id, title, category, description, location, starts_at, ends_at, signup_opens_at, signup_closes_at,
                               capacity, waitlist_enabled, cancel_deadline, audience, created_by, allocation, priority_groups, priority_share, draw_seed_hash)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) returning id::text`,
      [input.orgId, input.title, input.category, input.description, JSON.stringify(input.location), input.startsAt, input.endsAt, input.signupOpensAt,
        input.signupClosesAt, input.capacity, input.waitlistEnabled, input.cancelDeadline ?? null, input.audience, actor.userId,
        input.allocation, input.priorityGroups, input.priorityShare, seedHash],
    );
    if (seed) await tx.query('insert into lottery_seeds (activity_id, seed) values ($1, $2)', [rows[0].id, seed]);
    await writeAudit({
      db: tx,
      actorUserId: actor.userId,
      action: 'activity.create',
      subjectType: 'activity',
      subjectId: rows[0].id,
      ...(seedHash ? { detail: { allocation: 'lottery', drawSeedHash: seedHash, priorityGroups: input.priorityGroups, priorityShare: input.priorityShare, capacity: input.capacity } } : {}),
    });
    return rows[0].id;
  });
  return (await getActivity({ db, userId: actor.userId, activityId: id })).activity;
}
