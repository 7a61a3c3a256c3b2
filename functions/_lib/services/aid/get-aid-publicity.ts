import type { Db } from '../../db/index.js';
import { loadAidProgram } from './aid-eligibility.js';
import { publicityEnd } from './aid-rows.js';
import { maskPersonName } from '../../../../shared/domain/aid.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TAidPublicity } from '../../../../shared/schemas.js';

/**
 * The public notice (公示), no login: while the notice runs, each publicized (or since paid)
 * application as a masked name, its union and the amount, and nothing else: no ID number, phone,
 * document, child or level. Before and after the notice period the list is empty.
 */
export async function getAidPublicity(options: { db: Db; programId: string; now?: Date }): Promise<TAidPublicity> {
  const now = options.now ?? new Date();
  const program = await loadAidProgram(options.db, options.programId);
  const end = publicityEnd(program);
  const starts = program.publicity_starts_at === null ? null : new Date(program.publicity_starts_at);
  const running = starts !== null && end !== null && starts.getTime() <= now.getTime() && now.getTime() < end.getTime();
  let items: TAidPublicity['items'] = [];
  if (running) {
    const { rows } = await options.db.query<{ applicant_name: string; org_name: string; amount_fen: string }>(
      `select a.applicant_name, o.name as org_name, a.amount_fen
         from aid_applications a join orgs o on o.id = a.org_id
        where a.program_id = $1 and a.status in ('publicized', 'paid')
        order by o.name, a.id`,
      [program.id],
    );
    items = rows.map((r) => ({ nameMasked: maskPersonName(r.applicant_name), orgName: r.org_name, amountFen: Number(r.amount_fen) }));
  }
  return { programId: program.id, title: program.title, publicityStartsAt: starts && toShanghaiIso(starts), publicityEndsAt: end && toShanghaiIso(end), items };
}
