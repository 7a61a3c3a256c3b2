import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { isAdmin, loadActor } from '../load-actor.js';
import { isAidReviewerOf } from './aid-rows.js';
import { readAidApplication } from './get-aid-application.js';
import { notifyAidApplicants } from './notify-aid-applicant.js';
import { aidReviewLevel, type AidStatus } from '../../../../shared/domain/aid.js';
import type { TAidApplication, TAidReviewRequest } from '../../../../shared/schemas.js';

type Locked = {
  id: string;
  status: AidStatus;
  member_id: string;
  org_path: string;
  grassroots_by: string | null;
  program_title: string;
  required_documents: { key: string; label: string }[];
  same_family: boolean;
};

/**
 * One review decision. The first level (submitted) is for cadres of the applicant's union or
 * above and admins; the second (grassroots_approved) for admins only, and not the person who
 * decided the first. Nobody decides on their own family's application (aid_same_family, 017).
 * The application row is locked, so two reviewers deciding at once: one wins, the other is
 * INVALID_TRANSITION; the database refuses any move outside aid_status_moves whatever the code says.
 */
export async function reviewAidApplication(options: { db: Db; userId: string; applicationId: string; review: TAidReviewRequest; now?: Date }): Promise<TAidApplication> {
  const { db, review } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor(options);
  if (!isAdmin(actor) && !actor.roles.some((r) => r.role === 'cadre')) throw new AppError('FORBIDDEN');
  await db.transaction(async (tx) => {
    const { rows } = await tx.query<Locked>(
      `select a.id::text as id, a.status, a.member_id::text as member_id, o.path as org_path, a.grassroots_by::text as grassroots_by,
              p.title as program_title, p.required_documents, aid_same_family($2, a.member_id) as same_family
         from aid_applications a join orgs o on o.id = a.org_id join aid_programs p on p.id = a.program_id
        where a.id = $1 for update of a`,
      [options.applicationId, actor.userId],
    );
    const app = rows[0];
    if (!app || !isAidReviewerOf(actor, app.org_path)) throw new AppError('NOT_FOUND', '未找到该申请');
    const level = aidReviewLevel(app.status);
    if (!level) throw new AppError('INVALID_TRANSITION', '该申请当前不在审核环节');
    if (level === 'city' && !isAdmin(actor)) throw new AppError('FORBIDDEN', '复审由市总工会办理');
    if (app.same_family) throw new AppError('FORBIDDEN', '不能审核本人或本家庭成员的申请');
    if (level === 'city' && app.grassroots_by === actor.userId) throw new AppError('FORBIDDEN', '初审和复审不能由同一人办理');

    let to: AidStatus;
    let note: string | null = null;
    if (review.decision === 'approve') {
      to = level === 'grassroots' ? 'grassroots_approved' : 'approved';
      note = level === 'grassroots' ? '基层工会初审通过' : '市总工会复审通过';
      await tx.query(
        `update aid_applications set status = $2, stage_started_at = $3, updated_at = $3,
                grassroots_by = case when $2 = 'grassroots_approved' then $4::bigint else grassroots_by end,
                approved_by = case when $2 = 'approved' then $4::bigint else approved_by end
          where id = $1`,
        [app.id, to, now, actor.userId],
      );
    } else if (review.decision === 'return') {
      to = 'returned';
      const doc = review.documentKey ? app.required_documents.find((d) => d.key === review.documentKey) : undefined;
      if (review.documentKey && !doc) throw new AppError('VALIDATION_FAILED', '指定的材料不在本项目要求的材料之列', { details: [{ path: 'documentKey', message: '材料不存在' }] });
      note = doc ? `请重新提交“${doc.label}”：${review.reason}` : `退回修改：${review.reason}`;
      await tx.query(
        `update aid_applications set status = 'returned', return_reason = $2, return_document_key = $3, updated_at = $4 where id = $1`,
        [app.id, review.reason, review.documentKey ?? null, now],
      );
    } else {
      to = 'rejected';
      note = `未通过：${review.reason}`;
      await tx.query(`update aid_applications set status = 'rejected', reject_reason = $2, updated_at = $3 where id = $1`, [app.id, review.reason, now]);
    }
    await tx.query('insert into aid_application_events (application_id, status, at, note, actor_user_id) values ($1, $2, $3, $4, $5)', [app.id, to, now, note, actor.userId]);
    await notifyAidApplicants(tx, [{ applicationId: app.id, memberId: app.member_id, programTitle: app.program_title, status: to }]);
  });
  return readAidApplication(db, options.applicationId, now);
}
