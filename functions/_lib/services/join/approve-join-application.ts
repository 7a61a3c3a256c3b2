import type { Db } from '../../db/index.js';
import { AppError, pgErrorCode } from '../../errors.js';
import { lockForDecision, loadJoinOfficer, noticeApplicant } from './join-office.js';
import { readJoinApplication, toAdminJoinApplication } from './join-rows.js';
import type { TAdminJoinApplication } from '../../../../shared/schemas.js';

/** "2026-11-30" and the year, in Asia/Shanghai (UTC+8, no daylight saving). */
function shanghaiDay(now: Date): { date: string; year: number } {
  const date = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return { date, year: Number(date.slice(0, 4)) };
}

/**
 * Approval: in one transaction the person becomes a member of that union (member number as the
 * roster import assigns it, unless given), the applicant's WeChat user is bound to them ('phone'
 * when the phone came from getPhoneNumber, else 'id_only' as bind does), the union's joining plan
 * (入会即送) is added for this year, and the applicant is notified. Under the row lock: a parallel
 * approval or withdrawal finds it decided (409 INVALID_TRANSITION).
 */
export async function approveJoinApplication(options: { db: Db; userId: string; id: string; memberNo?: string; now?: Date }): Promise<TAdminJoinApplication> {
  const { db, id } = options;
  const now = options.now ?? new Date();
  const actor = await loadJoinOfficer(options);
  try {
    await db.transaction(async (tx) => {
      const row = await lockForDecision(tx, actor, id);
      const onRoster = await tx.query('select 1 from members where id_hash = $1', [row.id_hash]);
      if (onRoster.rows.length) throw new AppError('ALREADY_MEMBER', '该身份证号已在会员名册中，请驳回本申请并告知申请人直接实名绑定');
      const applicant = await tx.query<{ member_id: string | null }>('select member_id::text from users where id = $1 for update', [row.user_id]);
      if (applicant.rows[0]?.member_id) throw new AppError('ALREADY_MEMBER', '申请人的微信已绑定会员信息，请驳回本申请');
      if (options.memberNo) {
        const taken = await tx.query('select 1 from members where member_no = $1', [options.memberNo]);
        if (taken.rows.length) throw new AppError('VALIDATION_FAILED', '会员编号已被其他会员使用', { details: [{ path: 'memberNo', message: '会员编号已被其他会员使用' }] });
      }
      const created = await tx.query<{ id: string }>(
        `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, phone_hash, groups)
         values ($1, coalesce($2, 'ZZ' || lpad(nextval('member_no_seq')::text, 8, '0')), $3, $4, $5, $6, $7,
                 case when $8 = 'gig' then array['gig_worker'] else '{}'::text[] end)
         returning id::text`,
        [row.org_id, options.memberNo ?? null, row.name, row.id_hash, row.id_masked, row.phone_masked, row.phone_hash, row.channel],
      );
      const memberId = created.rows[0].id;
      await tx.query(`update users set member_id = $2, verification = $3, binding_released_at = null where id = $1`, [row.user_id, memberId, row.phone_verified ? 'phone' : 'id_only']);
      await tx.query(`update join_applications set status = 'approved', decided_at = $2, decided_by = $3, member_id = $4 where id = $1`, [id, now.toISOString(), actor.userId, memberId]);
      if (row.join_plan) {
        const { date, year } = shanghaiDay(now);
        await tx.query(
          `insert into coverages (member_id, plan, year, starts_on, ends_on) values ($1, $2, $3, $4::date, make_date($3, 12, 31))
           on conflict (member_id, plan, year) do nothing`,
          [memberId, row.join_plan, year, date],
        );
      }
      await noticeApplicant(tx, { row, status: 'approved', orgName: row.org_name, note: '您已成为工会会员', actorUserId: actor.userId, detail: { memberId, joinPlan: row.join_plan } });
    });
  } catch (err) {
    // a member number or person that landed on the roster between the checks and the insert
    if (pgErrorCode(err) === '23505') throw new AppError('ALREADY_MEMBER', '该申请人或会员编号刚刚已登记在名册中，请刷新后再处理');
    throw err;
  }
  return toAdminJoinApplication((await readJoinApplication(db, id))!, now);
}
