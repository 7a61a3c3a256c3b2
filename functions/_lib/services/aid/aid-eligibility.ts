// Who may apply to a programme, and why not: one rule for the self-check and the submission.
import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../load-actor.js';
import { PROGRAM_COLUMNS, PROGRAM_FROM, type ProgramRow } from './aid-rows.js';
import type { AidStatus } from '../../../../shared/domain/aid.js';

export type EligibilityReason = { code: 'not_a_member' | 'outside_org' | 'not_in_group' | 'already_applied' | 'not_open_yet' | 'closed'; message: string };

const GROUP_LABELS: Record<string, string> = { hardship: '困难职工', model_worker: '劳模', gig_worker: '新就业形态劳动者', frontline: '一线职工' };

export async function loadAidProgram(db: Queryable, programId: string, lock = false): Promise<ProgramRow> {
  const { rows } = await db.query<ProgramRow>(`select ${PROGRAM_COLUMNS} from ${PROGRAM_FROM} where p.id = $1${lock ? ' for update of p' : ''}`, [programId]);
  if (!rows[0]) throw new AppError('NOT_FOUND', '未找到该帮扶项目');
  return rows[0];
}

/** Every reason the actor cannot apply now, in the order a person would fix them; [] = eligible. */
export async function aidEligibilityReasons(options: {
  db: Queryable;
  actor: Actor;
  program: ProgramRow;
  now: Date;
}): Promise<{ reasons: EligibilityReason[]; application: { id: string; status: AidStatus } | null }> {
  const { actor, program, now } = options;
  const reasons: EligibilityReason[] = [];
  if (!actor.memberId || !actor.memberOrgPath) {
    reasons.push({ code: 'not_a_member', message: '请先完成实名绑定，成为工会会员后再申请' });
    return { reasons, application: null };
  }
  const { rows } = await options.db.query<{ groups: string[]; app_id: string | null; app_status: AidStatus | null }>(
    `select m.groups, a.id::text as app_id, a.status as app_status
       from members m left join aid_applications a on a.member_id = m.id and a.program_id = $2
      where m.id = $1`,
    [actor.memberId, program.id],
  );
  const row = rows[0];
  if (program.org_path !== null && !actor.memberOrgPath.startsWith(program.org_path)) {
    reasons.push({ code: 'outside_org', message: `本项目只面向${program.org_name}及其下属工会的会员` });
  }
  if (program.required_groups.length > 0 && !program.required_groups.some((g) => row?.groups.includes(g))) {
    reasons.push({ code: 'not_in_group', message: `本项目只面向工会名册登记为${program.required_groups.map((g) => GROUP_LABELS[g] ?? g).join('或')}的会员` });
  }
  const application = row?.app_id ? { id: row.app_id, status: row.app_status as AidStatus } : null;
  if (application) reasons.push({ code: 'already_applied', message: '您已申请过本项目，每人每个项目只能申请一次' });
  if (now.getTime() < new Date(program.opens_at).getTime()) reasons.push({ code: 'not_open_yet', message: '本项目尚未开始受理申请' });
  else if (now.getTime() >= new Date(program.closes_at).getTime()) reasons.push({ code: 'closed', message: '本项目已截止受理申请' });
  return { reasons, application };
}
