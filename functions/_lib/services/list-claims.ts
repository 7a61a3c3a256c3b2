import type { Db } from '../db/index.js';
import { AppError } from '../errors.js';
import { loadActor, requireMember } from './load-actor.js';
import { CLAIM_COLUMNS, toClaimSummary, type ClaimRow } from './get-claim.js';
import type { TClaimSummary } from '../../../shared/schemas.js';

// The cursor is opaque to clients: base64url of [submitted_at in epoch microseconds, id], the
// last row's position in the (submitted_at desc, id desc) order. Microseconds, not a JS Date,
// so that two claims submitted within the same millisecond are never skipped or repeated.
type Position = { micros: string; id: string };

function encodeCursor(p: Position): string {
  return Buffer.from(JSON.stringify([p.micros, p.id])).toString('base64url');
}

function decodeCursor(cursor: string): Position {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && /^-?\d{1,20}$/.test(String(value[0])) && /^[1-9]\d{0,17}$/.test(String(value[1]))) {
      return { micros: String(value[0]), id: String(value[1]) };
    }
  } catch {
    /* falls through to the refusal below */
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { details: [{ path: 'cursor', message: '分页参数无效' }] });
}

/** The member's own claims without timelines, newest submission first. */
export async function listClaims(options: { db: Db; userId: string; cursor?: string; limit: number }): Promise<{ items: TClaimSummary[]; nextCursor: string | null }> {
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const actor = await loadActor(options);
  requireMember(actor);
  const { rows } = await options.db.query<ClaimRow & { micros: string }>(
    `select ${CLAIM_COLUMNS}, (extract(epoch from c.submitted_at) * 1000000)::bigint::text as micros
       from claims c
      where c.member_id = $1
        and ($2::bigint is null or (c.submitted_at, c.id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::bigint))
      order by c.submitted_at desc, c.id desc
      limit $4`,
    [actor.memberId, after?.micros ?? null, after?.id ?? null, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toClaimSummary),
    nextCursor: rows.length > options.limit && last ? encodeCursor({ micros: last.micros, id: last.id }) : null,
  };
}
