import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { LOTTERY_ALGORITHM, LOTTERY_EXPLANATION } from '../../../../shared/domain/lottery.js';
import { maskMemberNo, maskName } from '../../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TDrawEntry, TDrawResult, TPriorityGroup } from '../../../../shared/schemas.js';

/**
 * The public result of a drawn lottery (公示), for anyone: the seed revealed, the order, masked
 * names and member numbers, the groups the priority rule used and each outcome as drawn (later
 * cancellations and promotions do not rewrite it). Recomputes with verifyPublishedDraw().
 */
export async function getDraw(options: { db: Queryable; activityId: string }): Promise<TDrawResult> {
  const { db, activityId } = options;
  const { rows } = await db.query<{
    title: string; allocation: string; drawn_at: Date | null; draw_seed: string | null; draw_seed_hash: string | null;
    capacity: number; priority_share: number; priority_groups: TPriorityGroup[]; waitlist_enabled: boolean;
  }>(
    `select title, allocation, drawn_at, draw_seed, draw_seed_hash, capacity, priority_share, priority_groups, waitlist_enabled
       from activities where id = $1`,
    [activityId],
  );
  const a = rows[0];
  if (!a || a.allocation !== 'lottery') throw new AppError('NOT_FOUND', '没有这个抽签活动');
  if (!a.drawn_at || !a.draw_seed || !a.draw_seed_hash) throw new AppError('DRAW_NOT_READY', '尚未开奖，开奖后公示结果');
  const entries = await db.query<{ rank: number; registration_id: string; name: string; member_no: string; groups: TPriorityGroup[]; outcome: TDrawEntry['outcome'] }>(
    `select r.seq::int as rank, r.id::text as registration_id, m.name, m.member_no, r.draw_groups as groups, r.draw_outcome as outcome
       from registrations r join members m on m.id = r.member_id
      where r.activity_id = $1 and r.draw_outcome is not null order by r.seq`,
    [activityId],
  );
  return {
    seedHash: a.draw_seed_hash,
    seed: a.draw_seed,
    drawnAt: toShanghaiIso(a.drawn_at),
    algorithm: LOTTERY_ALGORITHM,
    explanation: LOTTERY_EXPLANATION,
    entries: entries.rows.map((e) => ({
      rank: e.rank,
      registrationId: e.registration_id,
      nameMasked: maskName(e.name),
      memberNoMasked: maskMemberNo(e.member_no),
      groups: e.groups,
      outcome: e.outcome,
    })),
    activityId,
    activityTitle: a.title,
    capacity: a.capacity,
    priorityShare: a.priority_share,
    priorityGroups: a.priority_groups,
    waitlistEnabled: a.waitlist_enabled,
  };
}
