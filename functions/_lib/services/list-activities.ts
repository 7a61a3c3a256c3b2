import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { ACTIVITY_COLUMNS, REGISTRATION_COLUMNS, toActivity, toRegistration, type ActivityRow, type RegistrationRow } from './activity-rows.js';
import type { TActivityListQuery, TActivityWithMine } from '../../../shared/schemas.js';

function encodeCursor(startsAt: Date, id: string): string {
  return Buffer.from(`${startsAt.toISOString()}|${id}`).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  const [at, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!at || !id || Number.isNaN(Date.parse(at)) || !/^[1-9]\d{0,17}$/.test(id)) {
    throw new AppError('VALIDATION_FAILED', '分页参数无效', { details: [{ path: 'cursor', message: '分页参数无效' }] });
  }
  return [at, id];
}

/**
 * The activity list in one round trip, soonest first, each with the caller's own registration.
 * scope "member": published, not yet ended, open to everyone or to the caller's union subtree.
 * scope "managed": what the caller may manage as cadre or admin, cancelled and recent past included.
 */
export async function listActivities(options: { db: Db; userId: string; query: TActivityListQuery }): Promise<{ items: TActivityWithMine[]; nextCursor: string | null }> {
  const { query } = options;
  const [afterAt, afterId] = query.cursor ? decodeCursor(query.cursor) : [null, null];
  const { rows } = await options.db.query<ActivityRow & RegistrationRow>(
    `with me as (
       select u.id as user_id, u.member_id, mo.path as member_path
         from users u left join members m on m.id = u.member_id left join orgs mo on mo.id = m.org_id
        where u.id = $1
     ), managed as (
       select ro.role, ro_o.path from acting_roles ro left join orgs ro_o on ro_o.id = ro.org_id where ro.user_id = $1 and ro.role in ('admin', 'cadre')
     )
     select ${ACTIVITY_COLUMNS}, mine.*
       from activities a join orgs o on o.id = a.org_id
       left join lateral (
         select ${REGISTRATION_COLUMNS} from registrations r
          where r.activity_id = a.id and r.member_id = (select member_id from me)
          order by (r.status <> 'cancelled') desc, r.id desc limit 1
       ) mine on true
      where case when $2 = 'managed'
                 then a.ends_at > $7::timestamptz - interval '30 days'
                      and exists (select 1 from managed g where g.role = 'admin' or o.path like g.path || '%')
                 else a.status = 'published' and a.ends_at > $7::timestamptz
                      and (a.audience = 'all' or (select member_path from me) like o.path || '%')
            end
        and ($3::text is null or a.category = $3)
        and ($4::bigint is null or o.path like (select path from orgs where id = $4::bigint) || '%')
        and ($5::timestamptz is null or (a.starts_at, a.id) > ($5::timestamptz, $6::bigint))
      order by a.starts_at, a.id
      limit $8`,
    [options.userId, query.scope, query.category ?? null, query.orgId ?? null, afterAt, afterId, new Date(), query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const items = page.map((row) => ({ ...toActivity(row), myRegistration: row.r_id ? toRegistration(row) : null }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > query.limit && last ? encodeCursor(last.a_starts_at, last.a_id) : null };
}
