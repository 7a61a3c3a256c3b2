import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { canManageOrgPath, isAdmin } from '../load-actor.js';
import { loadJoinOfficer } from './join-office.js';
import { JOIN_COLUMNS, decodeIdCursor, encodeIdCursor, toAdminJoinApplication, type JoinRow } from './join-rows.js';
import type { TAdminJoinApplication, TJoinStatus } from '../../../../shared/schemas.js';

/**
 * The review queue, oldest first (arrival order). A queue is a union's own applications: the one
 * named by `orgId` (in the caller's subtree, else 403), or without it the unions the caller is a
 * cadre of (an admin: every union). Pending applications past their deadline at a union directly
 * below also appear (`escalated`), so the parent union sees what its child leaves waiting.
 */
export async function listJoinQueue(options: { db: Db; userId: string; orgId?: string; status?: TJoinStatus; cursor?: string; limit: number; now?: Date }): Promise<{ items: TAdminJoinApplication[]; nextCursor: string | null }> {
  const { db } = options;
  const after = decodeIdCursor(options.cursor);
  const now = options.now ?? new Date();
  const actor = await loadJoinOfficer(options);
  let roots: string[] | null;
  if (options.orgId) {
    const org = await db.query<{ path: string }>('select path from orgs where id = $1', [options.orgId]);
    if (!org.rows[0]) throw new AppError('NOT_FOUND', '工会不存在');
    if (!canManageOrgPath(actor, org.rows[0].path)) throw new AppError('FORBIDDEN');
    roots = [options.orgId];
  } else {
    roots = isAdmin(actor) ? null : actor.roles.filter((r) => r.role === 'cadre' && r.orgId).map((r) => r.orgId as string);
  }
  const { rows } = await db.query<JoinRow & { escalated: boolean }>(
    `select ${JOIN_COLUMNS}, not ($1::bigint[] is null or j.org_id = any($1::bigint[])) as escalated
       from join_applications j join orgs o on o.id = j.org_id
      where j.status = $2
        and ($1::bigint[] is null or j.org_id = any($1::bigint[])
             or (j.status = 'pending' and j.review_due_at < $3 and o.parent_id = any($1::bigint[])))
        and ($4::bigint is null or j.id > $4::bigint)
      order by j.id
      limit $5`,
    [roots, options.status ?? 'pending', now.toISOString(), after, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  return {
    items: page.map((r) => toAdminJoinApplication(r, now, r.escalated)),
    nextCursor: rows.length > options.limit ? encodeIdCursor(page[page.length - 1].id) : null,
  };
}
