import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { maskMemberNo } from '../../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { ErrorCode } from '../../../../shared/errors.js';
import type { TRegistrationSearch, TRegistrationSearchItem } from '../../../../shared/schemas.js';

export const SEARCH_LIMIT = 20;

/**
 * The door's lookup for 补签: an activity's registrations whose member name contains `q`, or whose
 * member number ends with `q`. Only what the roster already shows its cadres (name, masked number,
 * union, status); never an ID number or phone. Matching uses strpos/right, not LIKE, so a `%` or
 * `_` typed in is just a character. Permission (checkin_refusal, 004_checkin.sql) and the rows are
 * one statement; the rows are read only when permitted.
 */
export async function searchRegistrations(options: { db: Queryable; userId: string; activityId: string; q: string }): Promise<TRegistrationSearch> {
  const { rows } = await options.db.query<{
    refusal: ErrorCode | null;
    items: { id: string; status: TRegistrationSearchItem['status']; name: string; member_no: string; org_name: string; checked_in_at: string | null; checked_in_by: string | null }[] | null;
  }>(
    `select p.refusal,
            case when p.refusal is null then (
              select coalesce(json_agg(x order by x.rank, x.seq), '[]'::json) from (
                select r.id::text as id, r.status, m.name, m.member_no, o.name as org_name, r.seq,
                       r.checked_in_at, case when r.checked_in_by is null then null else coalesce(sm.name, '管理员') end as checked_in_by,
                       case r.status when 'confirmed' then 0 when 'checked_in' then 1 when 'waitlisted' then 2 else 3 end as rank
                  from registrations r
                  join members m on m.id = r.member_id
                  join orgs o on o.id = m.org_id
                  left join users su on su.id = r.checked_in_by
                  left join members sm on sm.id = su.member_id
                 where r.activity_id = $2
                   and (strpos(m.name, $3) > 0 or ($3 ~ '^[0-9A-Za-z]+$' and right(m.member_no, length($3)) = $3))
                 order by rank, r.seq
                 limit ${SEARCH_LIMIT}) x)
            end as items
       from (select checkin_refusal($1, $2) as refusal) p`,
    [options.userId, options.activityId, options.q],
  );
  const { refusal, items } = rows[0];
  if (refusal) throw new AppError(refusal);
  return {
    items: (items ?? []).map((r) => ({
      registrationId: r.id,
      memberName: r.name,
      memberNoMasked: maskMemberNo(r.member_no),
      orgName: r.org_name,
      status: r.status,
      checkedInAt: r.checked_in_at ? toShanghaiIso(r.checked_in_at) : null,
      checkedInBy: r.checked_in_by,
    })),
  };
}
