import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { log } from '../../log.js';
import { drawLotteryOnly, writeDrawNotices } from './draw-lottery.js';

/**
 * The scheduler's part (cron /api/internal/run-draws, every minute): draws the lotteries whose
 * sign-up has closed, oldest first. A lottery another run or a cadre is drawing right now is
 * skipped (its row is locked: drawLotteryOnly as the scheduler takes it with SKIP LOCKED), and one
 * drawn in between answers ALREADY_DRAWN: overlapping runs never draw twice. Each draw's notices are
 * written right after it commits.
 */
export async function runDueDraws(options: { db: Db; now?: Date; limit?: number }): Promise<{ drawn: number; skipped: number }> {
  const now = options.now ?? new Date();
  const { rows } = await options.db.query<{ id: string }>(
    `select id::text from activities
      where allocation = 'lottery' and drawn_at is null and status = 'published' and signup_closes_at <= $1
      order by signup_closes_at, id limit $2`,
    [now.toISOString(), options.limit ?? 5],
  );
  let drawn = 0;
  let skipped = 0;
  for (const { id } of rows) {
    try {
      if (await drawLotteryOnly({ db: options.db, userId: null, activityId: id, now })) {
        drawn++;
        await writeDrawNotices(options.db, id);
      } else skipped++;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      log.info('lottery_draw_skipped', { activityId: id, code: err.code });
      skipped++;
    }
  }
  return { drawn, skipped };
}
