import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { inScopeSql, isAdmin, loadActor } from '../load-actor.js';
import { APPLICATION_COLUMNS, APPLICATION_FROM, toApplicationSummary, type ApplicationRow } from './aid-rows.js';
import { decodeIdCursor } from './list-my-aid-applications.js';
import type { AidStatus } from '../../../../shared/domain/aid.js';
import type { TAidApplicationSummary } from '../../../../shared/schemas.js';

/**
 * The review queue, oldest first: admins see every union's applications (the second level is
 * theirs), cadres those of their union's subtree (the first level). Anyone else: 403.
 */
export async function listAidReviews(options: {
  db: Db;
  userId: string;
  programId?: string;
  status?: AidStatus;
  cursor?: string;
  limit: number;
}): Promise<{ items: TAidApplicationSummary[]; nextCursor: string | null }> {
  const after = decodeIdCursor(options.cursor);
  const actor = await loadActor(options);
  const cadrePaths = actor.roles.filter((r) => r.role === 'cadre' && r.orgPath !== null).map((r) => r.orgPath as string);
  if (!isAdmin(actor) && cadrePaths.length === 0) throw new AppError('FORBIDDEN');
  const scope = isAdmin(actor) ? null : cadrePaths;
  const { rows } = await options.db.query<ApplicationRow>(
    `select ${APPLICATION_COLUMNS} from ${APPLICATION_FROM}
      where ${inScopeSql('o.path', '$1')}
        and ($2::bigint is null or a.program_id = $2::bigint)
        and ($3::text is null or a.status = $3::text)
        and ($4::bigint is null or a.id > $4::bigint)
      order by a.id limit $5`,
    [scope, options.programId ?? null, options.status ?? null, after, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  const now = new Date();
  return { items: page.map((r) => toApplicationSummary(r, now)), nextCursor: rows.length > options.limit ? page[page.length - 1].id : null };
}
