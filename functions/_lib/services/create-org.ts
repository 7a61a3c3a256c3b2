import type { Db } from '../db/index.js';
import { AppError, pgErrorCode } from '../errors.js';
import { loadActor, requireAdmin } from './load-actor.js';
import type { TOrg } from '../../../shared/schemas.js';

export async function createOrg(options: { db: Db; userId: string; name: string; parentId?: string }): Promise<TOrg> {
  const { db } = options;
  requireAdmin(await loadActor(options));
  try {
    // The id is drawn first so that the materialised path can end in it, in one statement.
    const { rows } = await db.query<TOrg>(
      `with n as (select nextval(pg_get_serial_sequence('orgs', 'id')) as id),
            p as (select path from orgs where id = $2::bigint)
       insert into orgs (id, name, parent_id, path) overriding system value
       select n.id, $1, $2::bigint, coalesce((select path from p), '/') || n.id || '/'
         from n
        where $2::bigint is null or exists (select 1 from p)
       returning id::text, name, parent_id::text as "parentId"`,
      [options.name, options.parentId ?? null],
    );
    if (!rows[0]) throw new AppError('VALIDATION_FAILED', '上级工会不存在', { details: [{ path: 'parentId', message: '上级工会不存在' }] });
    return rows[0];
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new AppError('VALIDATION_FAILED', '同一上级下已有同名工会', { details: [{ path: 'name', message: '同一上级下已有同名工会' }] });
    throw err;
  }
}
