import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { manageScope, scopeCovers } from './office-scope.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { Category } from '../../../../shared/domain/activities.js';
import type { TAttendanceStats } from '../../../../shared/schemas.js';

type Figures = { activities: number; registrations: number; checkins: number; noShowRate: number };
type Row = { org_path: string | null; month: string | null; category: Category | null; activities: number; registrations: number; checkins: number };

/** 1 − checkins / registrations, rounded to 4 decimals; 0 when nobody registered. */
export function noShowRate(registrations: number, checkins: number): number {
  return registrations > 0 ? Math.round((1 - checkins / registrations) * 10_000) / 10_000 : 0;
}

const figures = (r: { activities: number; registrations: number; checkins: number }): Figures => ({
  activities: r.activities,
  registrations: r.registrations,
  checkins: r.checkins,
  noShowRate: noShowRate(r.registrations, r.checkins),
});

/** 'YYYY-MM' shifted by `delta` months. */
function addMonths(month: string, delta: number): string {
  const [y, m] = month.split('-').map(Number);
  const i = y * 12 + (m - 1) + delta;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * Attendance of a union's subtree: the chosen month in total and by category, and the 12 months
 * ending with it. Held = not cancelled and starting in the month in Asia/Shanghai (UTC+8, no
 * daylight saving, so months are computed by offset). Registrations and check-ins come from the
 * counters the sign-up and check-in functions keep on the activity row (confirmed_count counts
 * confirmed and checked-in), so no registration is read. One statement after the caller is known;
 * the org's path comes back with the figures and the permission is decided before they are shown.
 */
export async function getAttendanceStats(options: { db: Db; userId: string; orgId: string; month?: string }): Promise<TAttendanceStats> {
  const scope = manageScope(await loadActor(options));
  const month = options.month ?? toShanghaiIso(new Date()).slice(0, 7);
  const first = addMonths(month, -11);
  const { rows } = await options.db.query<Row>(
    `with target as (select path from orgs where id = $1),
          held as (
            select to_char((a.starts_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') as month, a.category,
                   a.confirmed_count, a.checked_in_count
              from activities a join orgs o on o.id = a.org_id
             where o.path like (select path from target) || '%'
               and a.status <> 'cancelled'
               and a.starts_at >= ($2 || '-01T00:00:00+08:00')::timestamptz
               and a.starts_at < ($3 || '-01T00:00:00+08:00')::timestamptz)
     select (select path from target) as org_path, null::text as month, null::text as category, 0 as activities, 0 as registrations, 0 as checkins
     union all
     select null, month, category, count(*)::int, coalesce(sum(confirmed_count), 0)::int, coalesce(sum(checked_in_count), 0)::int
       from held group by grouping sets ((month), (month, category))`,
    [options.orgId, first, addMonths(month, 1)],
  );
  const orgPath = rows[0]?.org_path;
  if (!orgPath) throw new AppError('NOT_FOUND', '未找到该工会');
  if (!scopeCovers(scope, orgPath)) throw new AppError('FORBIDDEN', '您只能查看本工会及下级工会的活动统计');
  const figureRows = rows.slice(1);
  const monthly = new Map(figureRows.filter((r) => r.category === null).map((r) => [r.month, r]));
  const none = { activities: 0, registrations: 0, checkins: 0 };
  return {
    orgId: options.orgId,
    month,
    totals: figures(monthly.get(month) ?? none),
    byCategory: figureRows
      .filter((r) => r.month === month && r.category !== null)
      .sort((a, b) => b.activities - a.activities || (a.category as string).localeCompare(b.category as string))
      .map((r) => ({ category: r.category as Category, ...figures(r) })),
    byMonth: Array.from({ length: 12 }, (_, i) => addMonths(first, i)).map((m) => ({ month: m, ...figures(monthly.get(m) ?? none) })),
  };
}
