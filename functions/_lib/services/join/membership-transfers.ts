import type { Db, Queryable } from '../../db/index.js';
import { AppError, pgErrorCode } from '../../errors.js';
import { canManageOrgPath, isAdmin, loadActor, requireMember } from '../load-actor.js';
import { enqueueNotifications } from '../enqueue-notifications.js';
import { writeAudit } from '../write-audit.js';
import { loadJoinOfficer } from './join-office.js';
import { REVIEW_WORKING_DAYS } from './join-rows.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TMembershipTransfer, TTransferStatus } from '../../../../shared/schemas.js';

// 会籍转移 (issue #15): a member asks to move to another union; the receiving union accepts; the
// old union may object for five working days (working_days_after, the one rule of 012_join.sql);
// then the transfer completes: complete_membership_transfers(), run by the dispatcher's cron and
// before any read of transfers, so nobody sees one "accepted" past its deadline.

const COLUMNS = `t.id::text as id, t.status, t.member_id::text as member_id, m.name as member_name, t.from_org_id::text as from_org_id,
  fo.name as from_org_name, t.to_org_id::text as to_org_id, tor.name as to_org_name, t.reason, t.requested_at, t.accepted_at,
  t.objection_due_at, t.decided_at, t.decision_reason, t.completed_at, fo.path as from_path, tor.path as to_path`;
const FROM = `membership_transfers t join members m on m.id = t.member_id join orgs fo on fo.id = t.from_org_id join orgs tor on tor.id = t.to_org_id`;

type Row = {
  id: string;
  status: TTransferStatus;
  member_id: string;
  member_name: string;
  from_org_id: string;
  from_org_name: string;
  to_org_id: string;
  to_org_name: string;
  reason: string | null;
  requested_at: Date;
  accepted_at: Date | null;
  objection_due_at: Date | null;
  decided_at: Date | null;
  decision_reason: string | null;
  completed_at: Date | null;
  from_path: string;
  to_path: string;
};

const iso = (v: Date | null) => (v === null ? null : toShanghaiIso(v));

function toTransfer(r: Row): TMembershipTransfer {
  return {
    id: r.id,
    status: r.status,
    memberId: r.member_id,
    memberName: r.member_name,
    fromOrgId: r.from_org_id,
    fromOrgName: r.from_org_name,
    toOrgId: r.to_org_id,
    toOrgName: r.to_org_name,
    reason: r.reason,
    requestedAt: toShanghaiIso(r.requested_at),
    acceptedAt: iso(r.accepted_at),
    objectionDueAt: iso(r.objection_due_at),
    decidedAt: iso(r.decided_at),
    decisionReason: r.decision_reason,
    completedAt: iso(r.completed_at),
  };
}

/** Completes the transfers whose objection period is over; returns how many. */
export async function completeMembershipTransfers(options: { db: Queryable; now?: Date }): Promise<number> {
  const { rows } = await options.db.query('select complete_membership_transfers($1) as id', [(options.now ?? new Date()).toISOString()]);
  return rows.length;
}

async function read(db: Queryable, id: string, lock = false): Promise<Row | null> {
  const { rows } = await db.query<Row>(`select ${COLUMNS} from ${FROM} where t.id = $1 ${lock ? 'for update of t' : ''}`, [id]);
  return rows[0] ?? null;
}

export async function requestMembershipTransfer(options: { db: Db; userId: string; toOrgId: string; reason?: string; now?: Date }): Promise<TMembershipTransfer> {
  const { db } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor(options);
  requireMember(actor);
  const target = await db.query('select 1 from orgs where id = $1', [options.toOrgId]);
  if (!target.rows[0]) throw new AppError('VALIDATION_FAILED', '要转入的工会不存在', { details: [{ path: 'toOrgId', message: '工会不存在' }] });
  if (options.toOrgId === actor.memberOrgId) throw new AppError('VALIDATION_FAILED', '您已是该工会的会员', { details: [{ path: 'toOrgId', message: '您已是该工会的会员' }] });
  try {
    const id = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ id: string }>(
        `insert into membership_transfers (member_id, from_org_id, to_org_id, reason, requested_by, requested_at)
         select m.id, m.org_id, $2, $3, $4, $5 from members m where m.id = $1 returning id::text`,
        [actor.memberId, options.toOrgId, options.reason ?? null, actor.userId, now.toISOString()],
      );
      await writeAudit({ db: tx, actorUserId: actor.userId, action: 'transfer.request', subjectType: 'membership_transfer', subjectId: rows[0].id, detail: { toOrgId: options.toOrgId } });
      return rows[0].id;
    });
    return toTransfer((await read(db, id))!);
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new AppError('APPLICATION_PENDING', '您已有一份正在办理的会籍转移申请');
    throw err;
  }
}

export async function listMyMembershipTransfers(options: { db: Db; userId: string }): Promise<{ items: TMembershipTransfer[] }> {
  const actor = await loadActor(options);
  requireMember(actor);
  await completeMembershipTransfers(options);
  const { rows } = await options.db.query<Row>(`select ${COLUMNS} from ${FROM} where t.member_id = $1 order by t.id desc limit 50`, [actor.memberId]);
  return { items: rows.map(toTransfer) };
}

/** At most this many transfers in one answer of the office's list. */
export const ADMIN_TRANSFER_LIMIT = 200;

/**
 * Transfers into or out of the caller's unions (admins: all), oldest first: every open one
 * (requested, accepted: someone still has to act on it), then the most recent of the others, up to
 * ADMIN_TRANSFER_LIMIT. Cutting the oldest 200 instead would, once a union had seen 200 transfers,
 * hide every new one from the office.
 */
export async function listAdminMembershipTransfers(options: { db: Db; userId: string; orgId?: string; status?: TTransferStatus }): Promise<{ items: TMembershipTransfer[] }> {
  const { db } = options;
  const actor = await loadJoinOfficer(options);
  await completeMembershipTransfers(options);
  const paths = isAdmin(actor) ? null : actor.roles.filter((r) => r.role === 'cadre' && r.orgPath).map((r) => r.orgPath as string);
  const { rows } = await db.query<Row>(
    `select * from (
       select ${COLUMNS} from ${FROM}
        where ($1::text[] is null or exists (select 1 from unnest($1::text[]) s(p) where fo.path like s.p || '%' or tor.path like s.p || '%'))
          and ($2::bigint is null or t.from_org_id = $2::bigint or t.to_org_id = $2::bigint)
          and ($3::text is null or t.status = $3)
        order by t.status in ('requested', 'accepted') desc, t.id desc limit $4
     ) chosen order by id::bigint`,
    [paths, options.orgId ?? null, options.status ?? null, ADMIN_TRANSFER_LIMIT],
  );
  return { items: rows.map(toTransfer) };
}

type Decision = 'accept' | 'reject' | 'object' | 'cancel';

/**
 * accept / reject: the receiving union's cadres (and admins); object: the old union's, while the
 * objection period runs; cancel: the member, while requested. Under the row lock; a move the
 * rules do not allow is 409 INVALID_TRANSITION, a transfer outside the caller's reach 404.
 */
export async function decideMembershipTransfer(options: { db: Db; userId: string; id: string; decision: Decision; reason?: string; now?: Date }): Promise<TMembershipTransfer> {
  const { db, id, decision } = options;
  const now = options.now ?? new Date();
  const actor = decision === 'cancel' ? await loadActor(options) : await loadJoinOfficer(options);
  await completeMembershipTransfers({ db, now });
  await db.transaction(async (tx) => {
    const t = await read(tx, id, true);
    const reach = t && (decision === 'cancel' ? t.member_id === actor.memberId : canManageOrgPath(actor, decision === 'object' ? t.from_path : t.to_path));
    if (!t || !reach) throw new AppError('NOT_FOUND');
    const from: Record<Decision, TTransferStatus> = { accept: 'requested', reject: 'requested', cancel: 'requested', object: 'accepted' };
    if (t.status !== from[decision]) throw new AppError('INVALID_TRANSITION', '该会籍转移当前不能这样处理');
    const at = now.toISOString();
    if (decision === 'accept') {
      await tx.query(`update membership_transfers set status = 'accepted', accepted_at = $2, accepted_by = $3, objection_due_at = working_days_after($2, $4) where id = $1`, [id, at, actor.userId, REVIEW_WORKING_DAYS]);
    } else if (decision === 'cancel') {
      await tx.query(`update membership_transfers set status = 'cancelled', decided_at = $2, decided_by = $3 where id = $1`, [id, at, actor.userId]);
    } else {
      await tx.query(`update membership_transfers set status = $4, decided_at = $2, decided_by = $3, decision_reason = $5 where id = $1`, [id, at, actor.userId, decision === 'reject' ? 'rejected' : 'objected', options.reason ?? null]);
    }
    const label: Record<Decision, [string, string]> = {
      accept: ['已接收', `${t.to_org_name}已同意，原工会异议期后完成`],
      reject: ['未通过', options.reason ?? ''],
      object: ['有异议', options.reason ?? ''],
      cancel: ['已撤回', '您已撤回会籍转移申请'],
    };
    if (decision !== 'cancel') {
      await enqueueNotifications({ db: tx, items: [{ memberId: t.member_id, template: 'membership_transfer', data: { transferId: id, orgName: t.to_org_name, statusLabel: label[decision][0], note: label[decision][1] }, page: 'pages/mine/index' }] });
    }
    await writeAudit({ db: tx, actorUserId: actor.userId, action: `transfer.${decision}`, subjectType: 'membership_transfer', subjectId: id });
  });
  return toTransfer((await read(db, id))!);
}
