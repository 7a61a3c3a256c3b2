import type { Queryable } from '../../db/index.js';
import { inScopeSql } from '../load-actor.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TStationReliabilityList } from '../../../../shared/schemas.js';
import { decodeIdCursor, encodeIdCursor } from './station-rows.js';
import { loadStationScope } from './station-scope.js';

/**
 * Each station's record, for the union deciding which ones to fix or drop: visits (last 30 days
 * and all), reports (all, open, open past their deadline) and the mean time from report to
 * resolution. In station id order, so pages stay stable while the figures move.
 */
export async function listStationReliability(options: { db: Queryable; userId: string; orgId?: string; cursor?: string; limit: number; now?: Date }): Promise<TStationReliabilityList> {
  const { db, limit } = options;
  const now = options.now ?? new Date();
  const { scope, orgPath } = await loadStationScope(options);
  const after = options.cursor ? decodeIdCursor(options.cursor) : null;
  const { rows } = await db.query<{
    id: string; name: string; address: string; org_name: string; status: 'open' | 'reported_closed' | 'suspended'; last_confirmed_at: Date | null;
    visits_30d: number; visits_total: number; reports_total: number; reports_open: number; overdue_open: number; resolved_count: number; avg_resolve_hours: number | null;
  }>(
    `select s.id::text, s.name, s.address, o.name as org_name, station_status(s.id, s.suspended_at) as status, s.last_confirmed_at,
            v.visits_30d, v.visits_total, r.reports_total, r.reports_open, r.overdue_open, r.resolved_count, r.avg_resolve_hours
       from stations s
       join orgs o on o.id = s.org_id
       cross join lateral (select count(*) filter (where created_at > $5::timestamptz - interval '30 days')::int as visits_30d, count(*)::int as visits_total
                             from station_visits where station_id = s.id) v
       cross join lateral (select count(*)::int as reports_total,
                                  count(*) filter (where resolved_at is null)::int as reports_open,
                                  count(*) filter (where resolved_at is null and deadline_at < $5)::int as overdue_open,
                                  count(resolved_at)::int as resolved_count,
                                  (avg(extract(epoch from resolved_at - created_at)) / 3600)::float8 as avg_resolve_hours
                             from station_reports where station_id = s.id) r
      where ${inScopeSql('o.path', '$1')}
        and ($2::text is null or starts_with(o.path, $2))
        and ($3::bigint is null or s.id > $3)
      order by s.id
      limit $4`,
    [scope, orgPath, after, limit + 1, now.toISOString()],
  );
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      stationId: r.id,
      name: r.name,
      address: r.address,
      orgName: r.org_name,
      status: r.status,
      lastConfirmedAt: r.last_confirmed_at ? toShanghaiIso(r.last_confirmed_at) : null,
      visits30d: r.visits_30d,
      visitsTotal: r.visits_total,
      reportsTotal: r.reports_total,
      reportsOpen: r.reports_open,
      overdueOpen: r.overdue_open,
      resolvedCount: r.resolved_count,
      avgResolveHours: r.avg_resolve_hours === null ? null : Math.round(Number(r.avg_resolve_hours) * 10) / 10,
    })),
    nextCursor: rows.length > limit ? encodeIdCursor(page[page.length - 1].id) : null,
  };
}
