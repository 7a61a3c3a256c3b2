import type { Queryable } from '../../db/index.js';

/** Days after payment that a child's name, school and year are kept (AID_CHILD_PURGE_DAYS, default 180). */
export function aidChildPurgeDays(env: Record<string, string | undefined> = process.env): number {
  const raw = env.AID_CHILD_PURGE_DAYS?.trim();
  if (!raw) return 180;
  const n = Number(raw);
  return Number.isInteger(n) && n >= 0 && n <= 3650 ? n : 180;
}

/** Deletes the child's data of applications paid more than `days` ago; run with the dispatcher. */
export async function purgeAidChildData(options: { db: Queryable; days?: number }): Promise<number> {
  const { rows } = await options.db.query<{ n: number }>('select purge_aid_child_data($1) as n', [options.days ?? aidChildPurgeDays()]);
  return rows[0].n;
}
