import type { Db, Queryable } from '../../db/index.js';
import { AppError, isUnavailableError, pgErrorCode } from '../../errors.js';
import { hashIdNumber, hashPhone } from '../../id-hash.js';
import { log } from '../../log.js';
import { canManageOrgPath, isAdmin, loadActor, type Actor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { parseImportRow } from './parse-import-row.js';
import { ZMemberImportRow, type TLandedRow, type TMemberImportResult, type TRejectedRow } from '../../../../shared/schemas.js';
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import { maskPhone } from '../../../../shared/domain/mask.js';

type GoodRow = {
  index: number;
  name: string;
  idHash: string;
  idMasked: string;
  phoneMasked: string;
  phoneHash: string | null;
  memberNo: string | null;
  /** comma-joined groups; null = the row does not say (an existing member keeps theirs) */
  groups: string | null;
  /** 户号; null = the row does not say (an existing member keeps theirs) */
  householdNo: string | null;
};

/** Rows written per transaction: one set of multi-row statements, all or nothing. */
export const MEMBER_BATCH = 5000;

/**
 * What every row outside the caller's reach gets, whatever the reason (an ID number or a member
 * number held by someone in another union): it says neither where the person is nor which it was.
 */
const OUT_OF_REACH = { code: 'FORBIDDEN' as const, message: '该行会员不在您管理的工会范围内，无法导入或修改；如需调入，请联系上级工会办理' };

/**
 * 户号 decides who may review whose aid application (017): nobody changes their own or their
 * family's, or they could leave their family just before reviewing its application.
 */
export const OWN_HOUSEHOLD = { code: 'FORBIDDEN' as const, message: '不能修改本人或本家庭成员的户号，请由其他工会干部修改' };

/**
 * The caller may import into `orgId`: an admin anywhere, a cadre in its subtree. Checked before
 * the file is read (api.md "Spreadsheets"), and again by the import itself.
 */
export async function authorizeMemberImport(options: { db: Queryable; userId: string; orgId: string }): Promise<Actor> {
  const actor = await loadActor(options);
  if (!isAdmin(actor) && !actor.roles.some((r) => r.role === 'cadre')) throw new AppError('FORBIDDEN');
  const org = await options.db.query<{ path: string }>('select path from orgs where id = $1', [options.orgId]);
  if (!org.rows[0]) throw new AppError('VALIDATION_FAILED', '工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
  if (!canManageOrgPath(actor, org.rows[0].path)) throw new AppError('FORBIDDEN');
  return actor;
}

/**
 * Roster import: upsert by ID number (through its keyed hash). Each bad row is rejected alone with
 * its reason. The good rows land in batches of MEMBER_BATCH, each one transaction of set-based
 * statements; a batch that fails is reported row by row and the other batches still land.
 *
 * A cadre creates members in its subtree and updates only members already in it (issue #13,
 * finding 1): a row whose ID number or member number belongs to someone elsewhere is rejected,
 * with one message for every such case. Admins move members between unions. Every batch's audit
 * row names each member it touched.
 */
export async function importMembers(options: { db: Db; userId: string; orgId: string; rows: unknown[]; idHashKey: string; batchSize?: number }): Promise<TMemberImportResult> {
  const { db, orgId } = options;
  const actor = await authorizeMemberImport(options);
  const rejected: TRejectedRow[] = [];
  const good: GoodRow[] = [];
  const seenHash = new Set<string>();
  const seenNo = new Set<string>();
  options.rows.forEach((raw, index) => {
    const r = parseImportRow(ZMemberImportRow, raw, index);
    if ('rejected' in r) return void rejected.push(r.rejected);
    const row = r.data;
    const idHash = hashIdNumber(row.idNumber, options.idHashKey);
    if (seenHash.has(idHash)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '身份证号与本次导入的前面某行重复', column: 'idNumber' });
    if (row.memberNo && seenNo.has(row.memberNo)) return void rejected.push({ index, code: 'VALIDATION_FAILED', message: '会员编号与本次导入的前面某行重复', column: 'memberNo' });
    seenHash.add(idHash);
    if (row.memberNo) seenNo.add(row.memberNo);
    good.push({
      index,
      name: row.name,
      idHash,
      idMasked: maskIdNumber(row.idNumber),
      phoneMasked: maskPhone(row.phone),
      phoneHash: hashPhone(row.phone, options.idHashKey),
      memberNo: row.memberNo ?? null,
      groups: row.groups === undefined ? null : row.groups.join(','),
      householdNo: row.householdNo ?? null,
    });
  });

  const landed: TLandedRow[] = [];
  let created = 0;
  let updated = 0;
  const size = options.batchSize ?? MEMBER_BATCH;
  for (let start = 0; start < good.length; start += size) {
    const batch = good.slice(start, start + size);
    const batchRejected: TRejectedRow[] = [];
    try {
      const done = await db.transaction((tx) => landBatch(tx, actor, orgId, batch, batchRejected));
      rejected.push(...batchRejected);
      created += done.created;
      updated += done.updated;
      landed.push(...done.landed);
    } catch (err) {
      // Only a unique violation is the race described below; anything else is unexpected (a 500).
      if (err instanceof AppError || isUnavailableError(err) || pgErrorCode(err) !== '23505') throw err;
      // A constraint the pre-checks could not see (another import landing the same person or
      // member number meanwhile): this batch wrote nothing; its rows are reported, the rest go on.
      log.warn('member_import_batch_failed', { code: pgErrorCode(err), rows: batch.length });
      for (const g of batch) rejected.push({ index: g.index, code: 'VALIDATION_FAILED', message: '该批数据与同时进行的其他导入冲突，未导入，请重新导入这些行' });
    }
  }
  rejected.sort((a, b) => a.index - b.index);
  landed.sort((a, b) => a.index - b.index);
  return { created, updated, rejected, landed };
}

async function landBatch(tx: Queryable, actor: Actor, orgId: string, batch: GoodRow[], rejected: TRejectedRow[]) {
  const reject = (g: GoodRow, r: { code: TRejectedRow['code']; message: string }, column: string) => void rejected.push({ index: g.index, ...r, column });
  // Who already holds these ID numbers and member numbers, locked so that nobody moves them meanwhile.
  // own_family: the importer or their household (aid_same_family, 017), whose 户号 they may not change.
  const held = await tx.query<{ id: string; id_hash: string; member_no: string; path: string; household_no: string | null; own_family: boolean }>(
    `select m.id::text, m.id_hash, m.member_no, o.path, m.household_no, aid_same_family($3::bigint, m.id) as own_family
       from members m join orgs o on o.id = m.org_id
      where m.id_hash = any($1::text[]) or m.member_no = any($2::text[])
      order by m.id
        for update of m`,
    [batch.map((g) => g.idHash), batch.flatMap((g) => (g.memberNo ? [g.memberNo] : [])), actor.userId],
  );
  const byHash = new Map(held.rows.map((r) => [r.id_hash, r]));
  const byNo = new Map(held.rows.map((r) => [r.member_no, r]));
  const inserting: GoodRow[] = [];
  const updating: (GoodRow & { memberId: string })[] = [];
  for (const g of batch) {
    const existing = byHash.get(g.idHash);
    if (existing && !canManageOrgPath(actor, existing.path)) {
      reject(g, OUT_OF_REACH, 'idNumber');
      continue;
    }
    const holder = g.memberNo ? byNo.get(g.memberNo) : undefined;
    if (holder && holder.id_hash !== g.idHash) {
      if (!canManageOrgPath(actor, holder.path)) reject(g, OUT_OF_REACH, 'memberNo');
      else reject(g, { code: 'VALIDATION_FAILED', message: '会员编号已被其他会员使用' }, 'memberNo');
      continue;
    }
    if (existing && g.householdNo !== null && g.householdNo !== existing.household_no && existing.own_family) {
      reject(g, OWN_HOUSEHOLD, 'householdNo');
      continue;
    }
    if (existing) updating.push({ ...g, memberId: existing.id });
    else inserting.push(g);
  }

  const touched: { index: number; id: string }[] = [];
  if (updating.length) {
    // Existing people in reach: moved to the target union, name and phone corrected; a given member
    // number replaces theirs; groups and 户号 change only when the row says them.
    const { rows } = await tx.query<{ id: string }>(
      `update members m set org_id = $1::bigint, name = v.name, phone_masked = v.phone_masked, phone_hash = v.phone_hash,
              member_no = coalesce(v.member_no, m.member_no),
              groups = coalesce(string_to_array(v.groups, ','), m.groups),
              household_no = coalesce(v.household_no, m.household_no), updated_at = now()
         from unnest($2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[]) as v(id, name, phone_masked, phone_hash, member_no, groups, household_no)
        where m.id = v.id
       returning m.id::text`,
      [orgId, ...columns(updating, ['memberId', 'name', 'phoneMasked', 'phoneHash', 'memberNo', 'groups', 'householdNo'])],
    );
    const done = new Set(rows.map((r) => r.id));
    for (const u of updating) if (done.has(u.memberId)) touched.push({ index: u.index, id: u.memberId });
  }
  let created = 0;
  if (inserting.length) {
    // New people. `on conflict do nothing`: someone who appeared since the lock above is not
    // overwritten (they may be elsewhere); that row is reported instead.
    const { rows } = await tx.query<{ id: string; id_hash: string }>(
      `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, phone_hash, groups, household_no)
       select $1::bigint, coalesce(v.member_no, 'ZZ' || lpad(nextval('member_no_seq')::text, 8, '0')), v.name, v.id_hash, v.id_masked,
              v.phone_masked, v.phone_hash, coalesce(string_to_array(v.groups, ','), '{}'), v.household_no
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[]) as v(member_no, name, id_hash, id_masked, phone_masked, phone_hash, groups, household_no)
       on conflict (id_hash) do nothing
       returning id::text, id_hash`,
      [orgId, ...columns(inserting, ['memberNo', 'name', 'idHash', 'idMasked', 'phoneMasked', 'phoneHash', 'groups', 'householdNo'])],
    );
    const idOf = new Map(rows.map((r) => [r.id_hash, r.id]));
    for (const g of inserting) {
      const id = idOf.get(g.idHash);
      if (id) touched.push({ index: g.index, id });
      else reject(g, OUT_OF_REACH, 'idNumber');
    }
    created = rows.length;
  }
  touched.sort((a, b) => a.index - b.index);
  await writeAudit({
    db: tx,
    actorUserId: actor.userId,
    action: 'members.import',
    subjectType: 'org',
    subjectId: orgId,
    detail: { rows: batch.length, created, updated: touched.length - created, memberIds: touched.map((t) => t.id) },
  });
  return { created, updated: touched.length - created, landed: touched };
}

function columns<T extends Record<string, unknown>>(rows: T[], keys: (keyof T)[]): unknown[][] {
  return keys.map((k) => rows.map((r) => r[k] ?? null));
}
