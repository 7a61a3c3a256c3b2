import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { hashIdNumber } from '../id-hash.js';
import { isClaimsOfficer, loadActor } from './load-actor.js';
import { writeAudit } from './write-audit.js';
import { parseImportRow } from './parse-import-row.js';
import { ZCoverageImportRow, type TImportResult, type TRejectedRow } from '../../../shared/schemas.js';
import type { Plan } from '../../../shared/domain/claims.js';

type GoodRow = { index: number; idHash: string; plan: Plan; year: number; startsOn: string; endsOn: string };

/**
 * Coverage from the mutual-aid system: upsert by (member, plan, year). Each bad row is rejected
 * alone with its reason; the good rows land together in one transaction, in one upsert.
 */
export async function importCoverage(options: { db: Db; userId: string; rows: unknown[]; idHashKey: string }): Promise<TImportResult> {
  const actor = await loadActor(options);
  if (!isClaimsOfficer(actor)) throw new AppError('FORBIDDEN');

  const rejected: TRejectedRow[] = [];
  const good: GoodRow[] = [];
  const seen = new Set<string>();
  options.rows.forEach((raw, index) => {
    const r = parseImportRow(ZCoverageImportRow, raw, index);
    if ('rejected' in r) return void rejected.push(r.rejected);
    const row = r.data;
    if (row.startsOn > row.endsOn) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: 'endsOn：保障结束日期不能早于开始日期' });
    const idHash = hashIdNumber(row.idNumber, options.idHashKey);
    // One upsert cannot touch the same row twice; a file repeating a line is refused on the repeat.
    const key = `${idHash}/${row.plan}/${row.year}`;
    if (seen.has(key)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '同一会员同一年度的同一保障项目与本次导入的前面某行重复' });
    seen.add(key);
    good.push({ index, idHash, plan: row.plan, year: row.year, startsOn: row.startsOn, endsOn: row.endsOn });
  });

  const counts = await options.db.transaction(async (tx) => {
    const members = await tx.query<{ id: string; id_hash: string }>('select id::text, id_hash from members where id_hash = any($1::text[])', [good.map((g) => g.idHash)]);
    const memberOf = new Map(members.rows.map((m) => [m.id_hash, m.id]));
    const landing = good.filter((g) => {
      if (memberOf.has(g.idHash)) return true;
      rejected.push({ index: g.index, code: 'NOT_FOUND', message: '会员名册中没有此身份证号对应的会员' });
      return false;
    });
    // Unchanged rows match the WHERE of DO UPDATE not at all, so they are not returned;
    // xmax = 0 tells a freshly inserted row from an updated one.
    const upserted = await tx.query<{ inserted: boolean }>(
      `insert into coverages (member_id, plan, year, starts_on, ends_on)
       select * from unnest($1::bigint[], $2::text[], $3::int[], $4::date[], $5::date[])
       on conflict (member_id, plan, year) do update
          set starts_on = excluded.starts_on, ends_on = excluded.ends_on, updated_at = now()
        where (coverages.starts_on, coverages.ends_on) is distinct from (excluded.starts_on, excluded.ends_on)
       returning (xmax = 0) as inserted`,
      [landing.map((g) => memberOf.get(g.idHash)), landing.map((g) => g.plan), landing.map((g) => g.year), landing.map((g) => g.startsOn), landing.map((g) => g.endsOn)],
    );
    const created = upserted.rows.filter((r) => r.inserted).length;
    const updated = upserted.rows.length - created;
    const result = { created, updated, unchanged: landing.length - created - updated };
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'coverage.import', subjectType: 'coverage', subjectId: null, detail: { rows: options.rows.length, ...result, rejected: rejected.length } });
    return result;
  });
  rejected.sort((a, b) => a.index - b.index);
  return { ...counts, rejected };
}
