import type { Queryable } from '../../db/index.js';

/**
 * Run by the every-minute cron (GET /api/internal/dispatch-notifications): sessions past their
 * expiry go with their partial bytes (the chunks cascade), complete or not. A complete session's
 * upload stays; only the session that made it goes. Bounded per run.
 */
export async function pruneUploadSessions(options: { db: Queryable; limit?: number }): Promise<number> {
  const { rows } = await options.db.query<{ n: number }>(
    `with gone as (
       delete from upload_sessions where id in (select id from upload_sessions where expires_at <= now() order by expires_at limit $1) returning 1
     ) select count(*)::int as n from gone`,
    [options.limit ?? 500],
  );
  return rows[0].n;
}
