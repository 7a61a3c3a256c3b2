import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { canManageOrgPath, loadActor } from '../load-actor.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TActivityStats } from '../../../../shared/schemas.js';

const HOUR = 3600_000;
const TEN_MINUTES = 600_000;
/** The curves are drawn on a phone: 90 days of hours, a week of 10-minute slots are plenty. */
const MAX_SIGNUP_POINTS = 90 * 24;
const MAX_CHECKIN_POINTS = 7 * 24 * 6;

type Row = {
  org_path: string;
  opens_ms: string;
  closes_ms: string;
  now_ms: string;
  signups: [string, number][] | null;
  checkins: [string, number][] | null;
};

/**
 * One activity's sign-up curve (cumulative sign-ups at each full hour after sign-up opened, up to
 * its close or now) and its door (check-ins per 10 minutes from the first scan to the last, empty
 * slots included). Every sign-up counts, also one cancelled later: the curve shows demand.
 * Buckets are counted in SQL (one statement); the empty ones are filled in here.
 */
export async function getActivityStats(options: { db: Db; userId: string; activityId: string }): Promise<TActivityStats> {
  const actor = await loadActor(options);
  const { rows } = await options.db.query<Row>(
    `select o.path as org_path,
            (extract(epoch from a.signup_opens_at) * 1000)::bigint::text as opens_ms,
            (extract(epoch from a.signup_closes_at) * 1000)::bigint::text as closes_ms,
            (extract(epoch from now()) * 1000)::bigint::text as now_ms,
            (select json_agg(json_build_array(h::text, n) order by h)
               from (select ceil(extract(epoch from r.created_at - a.signup_opens_at) / 3600)::bigint as h, count(*)::int as n
                       from registrations r where r.activity_id = a.id group by 1) s) as signups,
            (select json_agg(json_build_array(b::text, n) order by b)
               from (select floor(extract(epoch from r.checked_in_at) / 600)::bigint as b, count(*)::int as n
                       from registrations r where r.activity_id = a.id and r.status = 'checked_in' group by 1) c) as checkins
       from activities a join orgs o on o.id = a.org_id
      where a.id = $1`,
    [options.activityId],
  );
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', '未找到该活动');
  if (!canManageOrgPath(actor, row.org_path)) throw new AppError('FORBIDDEN');

  const opens = Number(row.opens_ms);
  const perHour = new Map((row.signups ?? []).map(([h, n]) => [Math.max(0, Number(h)), n]));
  const lastSignupHour = Math.max(0, ...perHour.keys());
  const until = Math.min(Number(row.closes_ms), Number(row.now_ms));
  const hours = Math.min(MAX_SIGNUP_POINTS, Math.max(lastSignupHour, Math.ceil((until - opens) / HOUR), 0));
  const signups: TActivityStats['signups'] = [];
  let total = 0;
  for (let h = 0; h <= hours; h++) {
    total += perHour.get(h) ?? 0;
    signups.push({ at: toShanghaiIso(new Date(opens + h * HOUR)), count: total });
  }

  const perSlot = new Map((row.checkins ?? []).map(([b, n]) => [Number(b), n]));
  const checkins: TActivityStats['checkins'] = [];
  if (perSlot.size) {
    const firstSlot = Math.min(...perSlot.keys());
    const lastSlot = Math.min(Math.max(...perSlot.keys()), firstSlot + MAX_CHECKIN_POINTS - 1);
    for (let b = firstSlot; b <= lastSlot; b++) checkins.push({ at: toShanghaiIso(new Date(b * TEN_MINUTES)), count: perSlot.get(b) ?? 0 });
  }
  return { activityId: options.activityId, signups, checkins };
}
