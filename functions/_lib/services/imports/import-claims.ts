import type { Db, Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { hashIdNumber } from '../../id-hash.js';
import { claimsScope, inScopeSql, isClaimsOfficer, loadActor, type Actor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { enqueueNotifications, type Notification } from '../enqueue-notifications.js';
import { parseImportRow } from './parse-import-row.js';
import { ZClaimImportRow, type TClaimImportRow, type TImportResult, type TLandedRow, type TRejectedRow } from '../../../../shared/schemas.js';
import { CLAIM_STATUS_LABELS, PLAN_NAMES, canMoveClaim, type ClaimStatus } from '../../../../shared/domain/claims.js';
import { isServiceableTime } from '../../../../shared/domain/time.js';

type GoodRow = TClaimImportRow & { index: number; idHash: string };
type Existing = { id: string; claim_no: string; member_id: string; status: ClaimStatus; last_at: Date | string | null };
type Event = { claimId: string; status: ClaimStatus; at: string; note: string | null };

// Claim imports take turns: two officers loading overlapping files at once would otherwise race
// to insert the same new claim number. Imports are rare and short, so waiting costs nothing.
const IMPORT_LOCK = 20261105;

/**
 * Claim decisions from the mutual-aid system, upserted by claim number. The row is the claim's
 * whole current state (an omitted optional field is cleared). How the timeline grows:
 * - a new claim starts with `submitted` at submittedAt; when it arrives in a later status, that
 *   status follows at `at` with the row's note (the note sits on the newest event);
 * - an existing claim whose status changes must follow canMoveClaim; the move is appended at
 *   `at` with the note, and the member is notified;
 * - an existing claim in the same status only has its fields corrected (counted `updated`, no
 *   event, no notification; the note and `at` belong to status changes and are ignored);
 *   identical fields are `unchanged`, so re-loading the same file changes nothing.
 * Bad rows are rejected alone; the good ones land in one transaction of set-based statements.
 */
export async function importClaims(options: { db: Db; userId: string; rows: unknown[]; idHashKey: string }): Promise<TImportResult> {
  const actor = await authorizeClaimsImport(options);

  const rejected: TRejectedRow[] = [];
  const reject = (index: number, code: TRejectedRow['code'], message: string, column?: string) => void rejected.push({ index, code, message, ...(column ? { column } : {}) });
  const good: GoodRow[] = [];
  const seen = new Set<string>();
  options.rows.forEach((raw, index) => {
    const r = parseImportRow(ZClaimImportRow, raw, index);
    if ('rejected' in r) return void rejected.push(r.rejected);
    const row = r.data;
    if (row.status === 'paid' && (row.amountPaidFen === undefined || row.paidAt === undefined)) return reject(index, 'VALIDATION_FAILED', '已打款的申请必须填写 amountPaidFen 和 paidAt', row.amountPaidFen === undefined ? 'amountPaidFen' : 'paidAt');
    if (row.status === 'rejected' && !row.rejectReason) return reject(index, 'VALIDATION_FAILED', '未通过的申请必须填写 rejectReason', 'rejectReason');
    const badTime = (['submittedAt', 'at', 'paidAt'] as const).find((k) => row[k] !== undefined && !isServiceableTime(row[k]));
    if (badTime) return reject(index, 'VALIDATION_FAILED', `${badTime}：时间须在1900年至2100年之间，请检查年份`, badTime);
    if (row.status !== 'submitted' && Date.parse(row.at) < Date.parse(row.submittedAt)) return reject(index, 'VALIDATION_FAILED', 'at：状态变更时间不能早于提交时间', 'at');
    // One file holds one state per claim; a repeated number would make the result depend on row order.
    if (seen.has(row.claimNo)) return reject(index, 'VALIDATION_FAILED', '申请编号与本次导入的前面某行重复', 'claimNo');
    seen.add(row.claimNo);
    good.push({ ...row, index, idHash: hashIdNumber(row.idNumber, options.idHashKey) });
  });

  const counts = await options.db.transaction(async (tx) => {
    await tx.query('select pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
    // A scoped officer sees only its subtree's members: anyone else is "not on the roster" to it.
    const members = await tx.query<{ id: string; id_hash: string }>(
      `select m.id::text, m.id_hash from members m join orgs o on o.id = m.org_id where m.id_hash = any($1::text[]) and ${inScopeSql('o.path', '$2')}`,
      [good.map((g) => g.idHash), claimsScope(actor)],
    );
    const memberOf = new Map(members.rows.map((m) => [m.id_hash, m.id]));
    const found = await tx.query<Existing>(
      `select c.id::text, c.claim_no, c.member_id::text, c.status, (select max(e.at) from claim_events e where e.claim_id = c.id) as last_at
         from claims c where c.claim_no = any($1::text[]) for update`,
      [good.map((g) => g.claimNo)],
    );
    const existingOf = new Map(found.rows.map((c) => [c.claim_no, c]));

    const creating: (GoodRow & { memberId: string })[] = [];
    const updating: (GoodRow & { claimId: string })[] = [];
    const moves: Event[] = [];
    const notifications: Notification[] = [];
    for (const row of good) {
      const memberId = memberOf.get(row.idHash);
      if (!memberId) {
        reject(row.index, 'NOT_FOUND', '会员名册中没有此身份证号对应的会员', 'idNumber');
        continue;
      }
      const existing = existingOf.get(row.claimNo);
      if (!existing) {
        creating.push({ ...row, memberId });
        continue;
      }
      if (existing.member_id !== memberId) {
        reject(row.index, 'VALIDATION_FAILED', '该申请编号已属于其他会员，不能更换申请人', 'claimNo');
        continue;
      }
      if (existing.status !== row.status) {
        if (!canMoveClaim(existing.status, row.status)) {
          reject(row.index, 'INVALID_TRANSITION', `申请状态不能从“${CLAIM_STATUS_LABELS[existing.status]}”变为“${CLAIM_STATUS_LABELS[row.status]}”`, 'status');
          continue;
        }
        // The timeline is read oldest first by `at`: a move dated before the last one would show out of order.
        if (existing.last_at !== null && Date.parse(row.at) < new Date(existing.last_at).getTime()) {
          reject(row.index, 'VALIDATION_FAILED', 'at：状态变更时间早于该申请上一次状态变更的时间', 'at');
          continue;
        }
        moves.push({ claimId: existing.id, status: row.status, at: row.at, note: row.note ?? null });
        notifications.push(claimNotification(memberId, existing.id, row));
      }
      updating.push({ ...row, claimId: existing.id });
    }

    const created = await insertClaims(tx, creating);
    const updated = await updateClaims(tx, updating);
    const idOf = new Map(created.map((c) => [c.claim_no, c.id]));
    const events = creating.flatMap((row): Event[] => {
      const claimId = idOf.get(row.claimNo) as string;
      const note = row.note ?? null;
      if (row.status === 'submitted') return [{ claimId, status: row.status, at: row.submittedAt, note }];
      return [
        { claimId, status: 'submitted', at: row.submittedAt, note: null },
        { claimId, status: row.status, at: row.at, note },
      ];
    });
    await appendEvents(tx, [...events, ...moves]);
    await enqueueNotifications({ db: tx, items: notifications });
    const result = { created: created.length, updated, unchanged: updating.length - updated };
    const landed: TLandedRow[] = [...creating.map((r) => ({ index: r.index, id: idOf.get(r.claimNo) as string })), ...updating.map((r) => ({ index: r.index, id: r.claimId }))];
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'claims.import', subjectType: 'claim', subjectId: null, detail: { rows: options.rows.length, ...result, rejected: rejected.length } });
    return { ...result, landed: landed.sort((a, b) => a.index - b.index) };
  });
  rejected.sort((a, b) => a.index - b.index);
  return { ...counts, rejected };
}

/** Claims officers and admins (people or keys); checked before a file is read. */
export async function authorizeClaimsImport(options: { db: Db; userId: string }): Promise<Actor> {
  const actor = await loadActor(options);
  if (!isClaimsOfficer(actor)) throw new AppError('FORBIDDEN');
  return actor;
}

/** What the member's WeChat message says: claim number, plan and status; never a note, which may hold medical facts. */
function claimNotification(memberId: string, claimId: string, row: GoodRow): Notification {
  return {
    memberId,
    template: 'claim_status_changed',
    data: { claimNo: row.claimNo, statusLabel: CLAIM_STATUS_LABELS[row.status], planName: PLAN_NAMES[row.plan] },
    page: `pages/claim/index?id=${claimId}`,
  };
}

// The columns an import sets, as parallel arrays for unnest (one statement for 5,000 rows).
function claimColumns(rows: GoodRow[]) {
  return [
    rows.map((r) => r.plan),
    rows.map((r) => r.status),
    rows.map((r) => r.incidentDate),
    rows.map((r) => r.submittedAt),
    rows.map((r) => r.amountClaimedFen),
    rows.map((r) => r.amountApprovedFen ?? null),
    rows.map((r) => r.amountPaidFen ?? null),
    rows.map((r) => r.paidAt ?? null),
    rows.map((r) => r.rejectReason ?? null),
  ];
}
const CLAIM_VALUES = `$2::text[], $3::text[], $4::date[], $5::timestamptz[], $6::bigint[], $7::bigint[], $8::bigint[], $9::timestamptz[], $10::text[]`;
const FIELDS = ['plan', 'status', 'incident_date', 'submitted_at', 'amount_claimed_fen', 'amount_approved_fen', 'amount_paid_fen', 'paid_at', 'reject_reason'];
const CLAIM_FIELDS = FIELDS.join(', ');

async function insertClaims(tx: Queryable, rows: (GoodRow & { memberId: string })[]): Promise<{ id: string; claim_no: string }[]> {
  if (rows.length === 0) return [];
  const claimNos = rows.map((r) => r.claimNo);
  const { rows: inserted } = await tx.query<{ id: string; claim_no: string }>(
    `insert into claims (claim_no, member_id, ${CLAIM_FIELDS})
     select v.claim_no, v.member_id, ${FIELDS.map((f) => `v.${f}`).join(', ')}
       from unnest($1::text[], ${CLAIM_VALUES}, $11::bigint[]) as v(claim_no, ${CLAIM_FIELDS}, member_id)
     returning id::text, claim_no`,
    [claimNos, ...claimColumns(rows), rows.map((r) => r.memberId)],
  );
  return inserted;
}

/** Writes only rows whose fields differ; answers how many did. */
async function updateClaims(tx: Queryable, rows: (GoodRow & { claimId: string })[]): Promise<number> {
  if (rows.length === 0) return 0;
  const { rows: changed } = await tx.query(
    `update claims c set ${FIELDS.map((f) => `${f} = v.${f}`).join(', ')}, updated_at = now()
       from unnest($1::bigint[], ${CLAIM_VALUES}) as v(id, ${CLAIM_FIELDS})
      where c.id = v.id and (${FIELDS.map((f) => `c.${f}`).join(', ')}) is distinct from (${FIELDS.map((f) => `v.${f}`).join(', ')})
     returning c.id`,
    [rows.map((r) => r.claimId), ...claimColumns(rows)],
  );
  return changed.length;
}

async function appendEvents(tx: Queryable, events: Event[]): Promise<void> {
  if (events.length === 0) return;
  // unnest keeps array order, so a new claim's `submitted` gets the smaller id: it stays first on a tie of `at`.
  await tx.query(
    `insert into claim_events (claim_id, status, at, note)
     select * from unnest($1::bigint[], $2::text[], $3::timestamptz[], $4::text[])`,
    [events.map((e) => e.claimId), events.map((e) => e.status), events.map((e) => e.at), events.map((e) => e.note)],
  );
}
