import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireAdmin } from '../load-actor.js';
import { PROGRAM_COLUMNS, toProgram, type ProgramRow } from './aid-rows.js';
import type { TAidProgram, TAidProgramInput } from '../../../../shared/schemas.js';

/** An admin opens a programme: kind, window, who may apply, amounts by level, documents, notice days. */
export async function createAidProgram(options: { db: Db; userId: string; input: TAidProgramInput }): Promise<TAidProgram> {
  const { db, input } = options;
  requireAdmin(await loadActor(options));
  const { rows } = await db.query<ProgramRow>(
    `with p as (
       insert into aid_programs (kind, title, opens_at, closes_at, eligibility, amounts, required_documents, publicity_days, org_id, required_groups, review_days, created_by)
       select $1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9::bigint, $10::text[], $11, $12
        where $9::bigint is null or exists (select 1 from orgs where id = $9::bigint)
       returning *)
     select ${PROGRAM_COLUMNS} from p left join orgs po on po.id = p.org_id`,
    [
      input.kind,
      input.title,
      input.opensAt,
      input.closesAt,
      input.eligibility,
      JSON.stringify(input.amountsFen),
      JSON.stringify(input.requiredDocuments),
      input.publicityDays,
      input.orgId ?? null,
      input.requiredGroups ?? [],
      input.reviewDays ?? 5,
      options.userId,
    ],
  );
  if (!rows[0]) throw new AppError('VALIDATION_FAILED', '指定的工会不存在', { details: [{ path: 'orgId', message: '指定的工会不存在' }] });
  return toProgram(rows[0]);
}
