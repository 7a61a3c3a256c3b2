import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { claimsScope, inScopeSql, isClaimsOfficer, loadActor } from './load-actor.js';
import { writeAudit } from './write-audit.js';
import { CLAIM_COLUMNS, toClaimSummary, type ClaimRow } from './get-claim.js';
import type { TOfficerClaimQuery, TOfficerClaimSummary } from '../../../shared/schemas.js';

type Row = ClaimRow & { micros: string; member_id: string; member_name: string; member_no: string; id_masked: string; org_name: string };

// Opaque cursor: base64url of [submitted_at in epoch microseconds, id], as the member's own list.
function encodeCursor(micros: string, id: string): string {
  return Buffer.from(JSON.stringify([micros, id])).toString('base64url');
}

function decodeCursor(cursor: string): { micros: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && /^-?\d{1,18}$/.test(String(value[0])) && /^[1-9]\d{0,17}$/.test(String(value[1]))) {
      return { micros: String(value[0]), id: String(value[1]) };
    }
  } catch {
    /* falls through to the refusal below */
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { details: [{ path: 'cursor', message: '分页参数无效' }] });
}

/**
 * Claims lookup for officers and integrations (api.md "Service keys"): by claim number, member or
 * status, newest submission first, the officer's view without the timeline (ID numbers masked,
 * no notes). A scoped officer finds only its subtree's claims. Each search is audited with the
 * members whose claims it showed.
 */
export async function listOfficerClaims(options: { db: Db; userId: string; query: TOfficerClaimQuery }): Promise<{ items: TOfficerClaimSummary[]; nextCursor: string | null }> {
  const { query } = options;
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const actor = await loadActor(options);
  if (!isClaimsOfficer(actor)) throw new AppError('FORBIDDEN');
  const { rows } = await options.db.query<Row>(
    `select ${CLAIM_COLUMNS}, (extract(epoch from c.submitted_at) * 1000000)::bigint::text as micros,
            m.id::text as member_id, m.name as member_name, m.member_no, m.id_masked, o.name as org_name
       from claims c join members m on m.id = c.member_id join orgs o on o.id = m.org_id
      where ${inScopeSql('o.path', '$1')}
        and ($2::text is null or c.claim_no = $2)
        and ($3::bigint is null or c.member_id = $3)
        and ($4::text is null or c.status = $4)
        and ($5::bigint is null or (c.submitted_at, c.id) < (timestamptz 'epoch' + $5::bigint * interval '1 microsecond', $6::bigint))
      order by c.submitted_at desc, c.id desc
      limit $7`,
    [claimsScope(actor), query.claimNo ?? null, query.memberId ?? null, query.status ?? null, after?.micros ?? null, after?.id ?? null, query.limit + 1],
  );
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  await writeAudit({
    db: options.db,
    actorUserId: actor.userId,
    action: 'claims.search',
    subjectType: 'claim',
    subjectId: null,
    detail: { claimNo: query.claimNo ?? null, memberId: query.memberId ?? null, status: query.status ?? null, shown: page.length, memberIds: [...new Set(page.map((r) => r.member_id))] },
  });
  return {
    items: page.map((r) => ({ ...toClaimSummary(r), memberId: r.member_id, memberName: r.member_name, memberNo: r.member_no, idNumberMasked: r.id_masked, orgName: r.org_name })),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.micros, last.id) : null,
  };
}
