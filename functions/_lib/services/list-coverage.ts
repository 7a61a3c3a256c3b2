import type { Db } from '../db/index.js';
import { loadActor, requireMember } from './load-actor.js';
import { PLAN_NAMES, PLANS, type Plan } from '../../../shared/domain/claims.js';
import type { TCoverage } from '../../../shared/schemas.js';

/** The calendar year in Asia/Shanghai (UTC+8, no daylight saving): New Year's Eve at 23:00 UTC is already next year there. */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
}

/** The plans covering the member in one year (default: this year in Asia/Shanghai), in the plans' fixed order. */
export async function listCoverage(options: { db: Db; userId: string; year?: number; now?: Date }): Promise<{ items: TCoverage[] }> {
  const actor = await loadActor(options);
  requireMember(actor);
  const year = options.year ?? shanghaiYear(options.now ?? new Date());
  const { rows } = await options.db.query<{ plan: Plan; year: number; starts_on: string; ends_on: string }>(
    `select plan, year, starts_on, ends_on from coverages
      where member_id = $1 and year = $2
      order by array_position($3::text[], plan), starts_on`,
    [actor.memberId, year, PLANS],
  );
  return { items: rows.map((r) => ({ plan: r.plan, planName: PLAN_NAMES[r.plan], year: r.year, startsOn: r.starts_on, endsOn: r.ends_on })) };
}
