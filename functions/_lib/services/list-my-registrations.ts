import type { Db } from '../db/index.js';
import { AppError, userGone } from '../errors.js';
import { ACTIVITY_COLUMNS, REGISTRATION_COLUMNS, toActivity, toRegistration, type ActivityRow, type RegistrationRow } from './activity-rows.js';
import type { TMyRegistration } from '../../../shared/schemas.js';

/** "我的报名": the member's registrations with their activities, newest first, in one round trip. */
export async function listMyRegistrations(options: { db: Db; userId: string; cursor?: string; limit: number }): Promise<{ items: TMyRegistration[]; nextCursor: string | null }> {
  const after = options.cursor ? Buffer.from(options.cursor, 'base64url').toString('utf8') : null;
  if (after !== null && !/^[1-9]\d{0,17}$/.test(after)) throw new AppError('VALIDATION_FAILED', '分页参数无效', { details: [{ path: 'cursor', message: '分页参数无效' }] });
  const { rows } = await options.db.query<ActivityRow & RegistrationRow & { is_user: boolean; is_member: boolean }>(
    `with me as (select member_id from users where id = $1)
     select exists (select 1 from me) as is_user, (select member_id is not null from me) as is_member, ${REGISTRATION_COLUMNS}, ${ACTIVITY_COLUMNS}
       from (select 1) one
       left join registrations r on r.member_id = (select member_id from me) and ($2::bigint is null or r.id < $2::bigint)
       left join activities a on a.id = r.activity_id
       left join orgs o on o.id = a.org_id
      order by r.id desc
      limit $3`,
    [options.userId, after, options.limit + 1],
  );
  if (!rows[0]?.is_user) throw userGone();
  if (!rows[0].is_member) throw new AppError('NOT_A_MEMBER');
  const found = rows.filter((r) => r.r_id !== null);
  const page = found.slice(0, options.limit);
  return {
    items: page.map((row) => ({ ...toRegistration(row), activity: toActivity(row) })),
    nextCursor: found.length > options.limit ? Buffer.from(page[page.length - 1].r_id as string).toString('base64url') : null,
  };
}
