import type { Queryable } from '../db/index.js';
import { AppError } from '../errors.js';
import { ACTIVITY_COLUMNS, REGISTRATION_COLUMNS, toActivity, toRegistration, type ActivityRow, type RegistrationRow } from './activity-rows.js';
import type { TActivity, TRegistration } from '../../../shared/schemas.js';

/** One activity with the caller's own registration (their latest, active one first), in one round trip. */
export async function getActivity(options: { db: Queryable; userId: string; activityId: string }): Promise<{ activity: TActivity; myRegistration: TRegistration | null }> {
  const { rows } = await options.db.query<ActivityRow & RegistrationRow>(
    `select ${ACTIVITY_COLUMNS}, mine.*
       from activities a join orgs o on o.id = a.org_id
       left join lateral (
         select ${REGISTRATION_COLUMNS} from registrations r join users u on u.member_id = r.member_id
          where r.activity_id = a.id and u.id = $2
          order by (r.status <> 'cancelled') desc, r.id desc limit 1
       ) mine on true
      where a.id = $1`,
    [options.activityId, options.userId],
  );
  if (!rows[0]) throw new AppError('NOT_FOUND', '活动不存在');
  return { activity: toActivity(rows[0]), myRegistration: rows[0].r_id ? toRegistration(rows[0]) : null };
}
