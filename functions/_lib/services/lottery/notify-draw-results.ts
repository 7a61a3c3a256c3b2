import type { Db } from '../../db/index.js';
import { log } from '../../log.js';

/** Notices written per transaction: small enough to keep each short, large enough to be few. */
export const DRAW_NOTICE_BATCH = 5000;

/**
 * Writes the lottery_result notices of drawn lotteries (the outbox of enqueue-notifications.ts;
 * dispatch-notifications.ts sends them). The draw left a job row (026) in its own transaction;
 * here each batch of applicants, in draw order, and the job's cursor are written in one
 * transaction that holds the job's row lock, so concurrent runs never write a notice twice and a
 * failed batch is simply done again. Runs right after a draw (the cadre's request, the scheduler)
 * and from the dispatcher's cron, which finishes whatever an interrupted run left.
 * `activityId` limits it to one lottery. Answers the notices written.
 */
export async function notifyDrawResults(options: { db: Db; activityId?: string; batch?: number; maxBatches?: number }): Promise<number> {
  const { db } = options;
  const batch = options.batch ?? DRAW_NOTICE_BATCH;
  let written = 0;
  for (let i = 0; i < (options.maxBatches ?? 100); i++) {
    const step = await db.transaction(async (tx) => {
      const { rows } = await tx.query<{ activity_id: string; after_rank: number; waitlisted_before: number }>(
        `select activity_id::text, after_rank, waitlisted_before from lottery_notice_jobs
          where done_at is null and ($1::bigint is null or activity_id = $1)
          order by created_at, activity_id limit 1 for update skip locked`,
        [options.activityId ?? null],
      );
      const job = rows[0];
      if (!job) return null;
      // The receiving user is joined (users.member_id is unique: what notification_user() answers).
      const { rows: done } = await tx.query<{ last_rank: number | null; n: number; waitlisted: number }>(
        `with b as (
           select r.member_id, r.draw_outcome as outcome, r.seq as rank
             from registrations r
            where r.activity_id = $1 and r.draw_outcome is not null and r.seq > $2
            order by r.seq limit $3
         ), ins as (
           insert into notification_outbox (member_id, user_id, template, data, page)
           select b.member_id, u.id, 'lottery_result',
                  jsonb_build_object('activityId', a.id::text, 'activityTitle', a.title, 'startsAt', a.starts_at, 'location', coalesce(a.location->>'name', ''),
                                     'outcome', b.outcome,
                                     'outcomeText', case b.outcome when 'confirmed' then '中签，已为您确认名额'
                                                                   when 'waitlisted' then '未中签，候补第' || ($4 + row_number() over (partition by b.outcome order by b.rank)) || '位'
                                                                   else '很遗憾，未中签' end),
                  'pages/activity/index?id=' || a.id::text
             from b join activities a on a.id = $1
             left join users u on u.member_id = b.member_id and u.openid is not null
         )
         select max(rank) as last_rank, count(*)::int as n, (count(*) filter (where outcome = 'waitlisted'))::int as waitlisted from b`,
        [job.activity_id, job.after_rank, batch, job.waitlisted_before],
      );
      const { last_rank, n, waitlisted } = done[0];
      await tx.query(
        `update lottery_notice_jobs set after_rank = coalesce($2, after_rank), waitlisted_before = waitlisted_before + $3,
                done_at = case when $4::int < $5::int then now() end
          where activity_id = $1`,
        [job.activity_id, last_rank, waitlisted, n, batch],
      );
      return { activityId: job.activity_id, n, finished: n < batch };
    });
    if (!step) break;
    written += step.n;
    if (step.finished) log.info('lottery_notices_written', { activityId: step.activityId, last: step.n });
  }
  return written;
}
