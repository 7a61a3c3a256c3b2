import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireAdmin } from '../load-actor.js';
import { loadAidProgram } from './aid-eligibility.js';
import { publicityEnd } from './aid-rows.js';
import { notifyAidApplicants } from './notify-aid-applicant.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';

/**
 * 开始公示: every approved application of the programme moves to publicized and the notice runs
 * publicityDays from now. Nothing approved: INVALID_TRANSITION (nothing to show). Run again later,
 * it publishes the newly approved ones and the notice period starts again from then.
 */
export async function publicizeAidProgram(options: { db: Db; userId: string; programId: string; now?: Date }) {
  const { db } = options;
  const now = options.now ?? new Date();
  requireAdmin(await loadActor(options));
  return db.transaction(async (tx) => {
    const program = await loadAidProgram(tx, options.programId, true);
    const { rows } = await tx.query<{ id: string; member_id: string }>(
      `update aid_applications set status = 'publicized', publicized_at = $2, updated_at = $2
        where program_id = $1 and status = 'approved' returning id::text, member_id::text`,
      [program.id, now],
    );
    if (rows.length === 0) throw new AppError('INVALID_TRANSITION', '本项目没有待公示的申请（需市总工会复审通过）');
    await tx.query(
      `insert into aid_application_events (application_id, status, at, note, actor_user_id)
       select unnest($1::bigint[]), 'publicized', $2, $3, $4`,
      [rows.map((r) => r.id), now, `公示${program.publicity_days}天`, options.userId],
    );
    await tx.query('update aid_programs set publicity_starts_at = $2 where id = $1', [program.id, now]);
    await notifyAidApplicants(tx, rows.map((r) => ({ applicationId: r.id, memberId: r.member_id, programTitle: program.title, status: 'publicized' as const })));
    const end = publicityEnd({ publicity_starts_at: now, publicity_days: program.publicity_days }) as Date;
    return { programId: program.id, publicized: rows.length, publicityStartsAt: toShanghaiIso(now), publicityEndsAt: toShanghaiIso(end) };
  });
}
