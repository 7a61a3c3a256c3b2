import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { hashIdNumber } from '../id-hash.js';
import { zodDetails } from '../http.js';
import { canManageOrgPath, loadActor } from './load-actor.js';
import { writeAudit } from './write-audit.js';
import { ZMemberImportRow, type TMemberImportResult, type TRejectedRow } from '../../../shared/schemas.js';
import { maskIdNumber } from '../../../shared/domain/id-number.js';
import { maskPhone } from '../../../shared/domain/mask.js';

type GoodRow = { index: number; name: string; idHash: string; idMasked: string; phoneMasked: string; memberNo: string | null };

/**
 * Roster import: upsert by ID number (through its keyed hash). Each bad row is rejected alone with
 * its reason; the good rows land together in one transaction, in a handful of set-based statements.
 */
export async function importMembers(options: { db: Db; userId: string; orgId: string; rows: unknown[]; idHashKey: string }): Promise<TMemberImportResult> {
  const { db, orgId } = options;
  const actor = await loadActor(options);
  const org = await db.query<{ path: string }>('select path from orgs where id = $1', [orgId]);
  if (!org.rows[0]) throw new AppError('VALIDATION_FAILED', '工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
  if (!canManageOrgPath(actor, org.rows[0].path)) throw new AppError('FORBIDDEN');

  const rejected: TRejectedRow[] = [];
  const good: GoodRow[] = [];
  const seenHash = new Set<string>();
  const seenNo = new Set<string>();
  options.rows.forEach((raw, index) => {
    const parsed = ZMemberImportRow.safeParse(raw);
    if (!parsed.success) {
      const d = zodDetails(parsed.error)[0];
      rejected.push({ index, code: 'VALIDATION_FAILED', message: d.path ? `${d.path}：${d.message}` : d.message });
      return;
    }
    const row = parsed.data;
    const idHash = hashIdNumber(row.idNumber, options.idHashKey);
    if (seenHash.has(idHash)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '身份证号与本次导入的前面某行重复' });
    if (row.memberNo && seenNo.has(row.memberNo)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '会员编号与本次导入的前面某行重复' });
    seenHash.add(idHash);
    if (row.memberNo) seenNo.add(row.memberNo);
    good.push({ index, name: row.name, idHash, idMasked: maskIdNumber(row.idNumber), phoneMasked: maskPhone(row.phone), memberNo: row.memberNo ?? null });
  });

  const counts = await db.transaction(async (tx) => {
    // A member number already held by a different person is that row's problem alone.
    const taken = await tx.query<{ member_no: string; id_hash: string }>('select member_no, id_hash from members where member_no = any($1::text[])', [good.flatMap((g) => (g.memberNo ? [g.memberNo] : []))]);
    const holderOf = new Map(taken.rows.map((r) => [r.member_no, r.id_hash]));
    const landing = good.filter((g) => {
      const holder = g.memberNo ? holderOf.get(g.memberNo) : undefined;
      if (holder && holder !== g.idHash) {
        rejected.push({ index: g.index, code: 'VALIDATION_FAILED', message: '会员编号已被其他会员使用' });
        return false;
      }
      return true;
    });
    const col = <K extends keyof GoodRow>(k: K) => landing.map((g) => g[k]);
    const values = `unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) as v(member_no, name, id_hash, id_masked, phone_masked)`;
    const params = [orgId, col('memberNo'), col('name'), col('idHash'), col('idMasked'), col('phoneMasked')];
    // Existing people first (moved org, new phone, corrected name); a given member number replaces theirs.
    const updated = await tx.query(
      `update members m set org_id = $1::bigint, name = v.name, phone_masked = v.phone_masked,
              member_no = coalesce(v.member_no, m.member_no), updated_at = now()
         from ${values} where m.id_hash = v.id_hash`,
      params,
    );
    const inserted = await tx.query(
      `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked)
       select $1::bigint, coalesce(v.member_no, 'ZZ' || lpad(nextval('member_no_seq')::text, 8, '0')), v.name, v.id_hash, v.id_masked, v.phone_masked
         from ${values}
        where not exists (select 1 from members m where m.id_hash = v.id_hash)`,
      params,
    );
    await writeAudit({ db: tx, actorUserId: options.userId, action: 'members.import', subjectType: 'org', subjectId: orgId, detail: { rows: options.rows.length, landed: landing.length } });
    return { created: inserted.rowCount, updated: updated.rowCount };
  });
  rejected.sort((a, b) => a.index - b.index);
  return { ...counts, rejected };
}
