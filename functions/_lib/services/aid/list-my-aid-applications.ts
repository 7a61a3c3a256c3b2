import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor, requireMember } from '../load-actor.js';
import { APPLICATION_COLUMNS, APPLICATION_FROM, toApplicationSummary, type ApplicationRow } from './aid-rows.js';
import type { TAidApplicationSummary } from '../../../../shared/schemas.js';

/** The cursor is the last id seen (ids grow with time): newest first, then older ones. */
export function decodeIdCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  if (/^[1-9]\d{0,17}$/.test(cursor)) return cursor;
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { details: [{ path: 'cursor', message: '分页参数无效' }] });
}

/** The member's own applications, newest first. */
export async function listMyAidApplications(options: { db: Db; userId: string; cursor?: string; limit: number }): Promise<{ items: TAidApplicationSummary[]; nextCursor: string | null }> {
  const after = decodeIdCursor(options.cursor);
  const actor = await loadActor(options);
  requireMember(actor);
  const { rows } = await options.db.query<ApplicationRow>(
    `select ${APPLICATION_COLUMNS} from ${APPLICATION_FROM}
      where a.member_id = $1 and ($2::bigint is null or a.id < $2::bigint)
      order by a.id desc limit $3`,
    [actor.memberId, after, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  const now = new Date();
  return { items: page.map((r) => toApplicationSummary(r, now)), nextCursor: rows.length > options.limit ? page[page.length - 1].id : null };
}
