import type { Db } from '../../db/index.js';
import { loadActor } from '../load-actor.js';
import { aidEligibilityReasons, loadAidProgram } from './aid-eligibility.js';
import { maskMemberNo } from '../../../../shared/domain/mask.js';
import type { TAidEligibility } from '../../../../shared/schemas.js';

/** The self-check a member sees before filling anything: eligible or not, and every reason why not. */
export async function checkAidEligibility(options: { db: Db; userId: string; programId: string; now?: Date }): Promise<TAidEligibility> {
  const { db } = options;
  const actor = await loadActor(options);
  const program = await loadAidProgram(db, options.programId);
  const { reasons, application } = await aidEligibilityReasons({ db, actor, program, now: options.now ?? new Date() });
  let applicant: TAidEligibility['applicant'] = null;
  if (actor.memberId) {
    const { rows } = await db.query<{ name: string; member_no: string; org_name: string; phone_masked: string | null }>(
      'select m.name, m.member_no, o.name as org_name, m.phone_masked from members m join orgs o on o.id = m.org_id where m.id = $1',
      [actor.memberId],
    );
    if (rows[0]) applicant = { name: rows[0].name, memberNoMasked: maskMemberNo(rows[0].member_no), orgName: rows[0].org_name, phoneMasked: rows[0].phone_masked };
  }
  return { programId: program.id, eligible: reasons.length === 0, reasons, application, applicant };
}
