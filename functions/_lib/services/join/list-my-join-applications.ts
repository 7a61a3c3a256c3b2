import type { Db } from '../../db/index.js';
import { loadActor } from '../load-actor.js';
import { JOIN_COLUMNS, decodeIdCursor, encodeIdCursor, toJoinApplication, type JoinRow } from './join-rows.js';
import type { TJoinApplication } from '../../../../shared/schemas.js';

/** The caller's own applications, newest first (a member sees the one that made them a member). */
export async function listMyJoinApplications(options: { db: Db; userId: string; cursor?: string; limit: number }): Promise<{ items: TJoinApplication[]; nextCursor: string | null }> {
  const before = decodeIdCursor(options.cursor);
  await loadActor(options);
  const { rows } = await options.db.query<JoinRow>(
    `select ${JOIN_COLUMNS} from join_applications j join orgs o on o.id = j.org_id
      where j.user_id = $1 and ($2::bigint is null or j.id < $2::bigint)
      order by j.id desc limit $3`,
    [options.userId, before, options.limit + 1],
  );
  const page = rows.slice(0, options.limit);
  return { items: page.map(toJoinApplication), nextCursor: rows.length > options.limit ? encodeIdCursor(page[page.length - 1].id) : null };
}
