import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { hashIdNumber } from '../../id-hash.js';
import { claimsScope, inScopeSql } from '../load-actor.js';
import { authorizeClaimsImport } from './import-claims.js';
import { writeAudit } from '../write-audit.js';
import { parseImportRow } from './parse-import-row.js';
import { ZCoverageImportRow, type TImportResult, type TLandedRow, type TRejectedRow } from '../../../../shared/schemas.js';
import type { Plan } from '../../../../shared/domain/claims.js';

type GoodRow = { index: number; idHash: string; plan: Plan; year: number; startsOn: string; endsOn: string };

/**
 * Coverage from the mutual-aid system: upsert by (member, plan, year). Each bad row is rejected
 * alone with its reason; the good rows land together in one transaction, in one upsert.
 */
export async function importCoverage(options: { db: Db; userId: string; rows: unknown[]; idHashKey: string }): Promise<TImportResult> {
  const actor = await authorizeClaimsImport(options);

  const rejected: TRejectedRow[] = [];
  const good: GoodRow[] = [];
  const seen = new Set<string>();
  options.rows.forEach((raw, index) => {
    const r = parseImportRow(ZCoverageImportRow, raw, index);
    if ('rejected' in r) return void rejected.push(r.rejected);
    const row = r.data;
    if (row.startsOn > row.endsOn) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: 'endsOn：保障结束日期不能早于开始日期', column: 'endsOn' });
    const idHash = hashIdNumber(row.idNumber, options.idHashKey);
    // One upsert cannot touch the same row twice; a file repeating a line is refused on the repeat.
    const key = `${idHash}/${row.plan}/${row.year}`;
    if (seen.has(key)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '同一会员同一年度的同一保障项目与本次导入的前面某行重复', column: 'plan' });
    seen.add(key);
    good.push({ index, idHash, plan: row.plan, year: row.year, startsOn: row.startsOn, endsOn: row.endsOn });
  });

  const counts = await options.db.transaction(async (tx) => {
    // A scoped officer sees only its subtree's members: anyone else is "not on the roster" to it.
    const members = await tx.query<{ id: string; id_hash: string }>(
      `select m.id::text, m.id_hash from members m join orgs o on o.id = m.org_id where m.id_hash = any($1::text[]) and ${inScopeSql('o.path', '$2')}`,
      [good.map((g) => g.idHash), claimsScope(actor)],
    );
    const memberOf = new Map(members.rows.map((m) => [m.id_hash, m.id]));
    const landing = good.filter((g) => {
      if (memberOf.has(g.idHash)) return true;
      rejected.push({ index: g.index, code: 'NOT_FOUND', message: '会员名册中没有此身份证号对应的会员', column: 'idNumber' });
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
    // Unchanged rows are not returned by the upsert: every landed row's id is read by its key.
    const ids = await tx.query<{ id: string; member_id: string; plan: string; year: number }>(
      `select c.id::text, c.member_id::text, c.plan, c.year from coverages c
         join unnest($1::bigint[], $2::text[], $3::int[]) as v(member_id, plan, year) on (c.member_id, c.plan, c.year) = (v.member_id, v.plan, v.year)`,
      [landing.map((g) => memberOf.get(g.idHash)), landing.map((g) => g.plan), landing.map((g) => g.year)],
    );
    const idOf = new Map(ids.rows.map((r) => [`${r.member_id}/${r.plan}/${r.year}`, r.id]));
    const landed: TLandedRow[] = landing.map((g) => ({ index: g.index, id: idOf.get(`${memberOf.get(g.idHash)}/${g.plan}/${g.year}`) as string }));
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'coverage.import', subjectType: 'coverage', subjectId: null, detail: { rows: options.rows.length, ...result, rejected: rejected.length } });
    return { ...result, landed };
  });
  rejected.sort((a, b) => a.index - b.index);
  return { ...counts, rejected };
}
