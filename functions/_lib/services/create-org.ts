import type { Db } from '../db/index.js';
import { AppError, pgErrorCode } from '../errors.js';
import { loadActor, requireAdmin } from './load-actor.js';
import type { TOrg } from '../../../shared/schemas.js';

/** Columns of api.md's `Org` (alias `o`): kind, platform, district and joinPlan only where the union has them. */
export const ORG_COLUMNS = `o.id::text as id, o.name, o.parent_id::text as "parentId",
  jsonb_strip_nulls(jsonb_build_object('kind', o.kind, 'platform', o.platform, 'district', o.district, 'joinPlan', o.join_plan)) as extra`;

type OrgRow = { id: string; name: string; parentId: string | null; extra: Partial<TOrg> | null };
export const toOrg = (r: OrgRow): TOrg => ({ id: r.id, name: r.name, parentId: r.parentId, ...(r.extra ?? {}) });

export async function createOrg(options: {
  db: Db;
  userId: string;
  name: string;
  parentId?: string;
  kind?: TOrg['kind'];
  platform?: string;
  district?: string;
  joinPlan?: TOrg['joinPlan'];
}): Promise<TOrg> {
  const { db } = options;
  requireAdmin(await loadActor(options));
  try {
    // The id is drawn first so that the materialised path can end in it, in one statement.
    const { rows } = await db.query<OrgRow>(
      `with n as (select nextval(pg_get_serial_sequence('orgs', 'id')) as id),
            p as (select path from orgs where id = $2::bigint)
       insert into orgs as o (id, name, parent_id, path, kind, platform, district, join_plan) overriding system value
       select n.id, $1, $2::bigint, coalesce((select path from p), '/') || n.id || '/', $3, $4, $5, $6
         from n
        where $2::bigint is null or exists (select 1 from p)
       returning ${ORG_COLUMNS}`,
      [options.name, options.parentId ?? null, options.kind ?? null, options.platform ?? null, options.district ?? null, options.joinPlan ?? null],
    );
    if (!rows[0]) throw new AppError('VALIDATION_FAILED', '上级工会不存在', { details: [{ path: 'parentId', message: '上级工会不存在' }] });
    return toOrg(rows[0]);
  } catch (err) {
    if (pgErrorCode(err) === '23505') {
      // join routing needs one industry union per platform and one district union per district
      const constraint = (err as { constraint?: string }).constraint ?? '';
      if (constraint === 'orgs_industry_platform' || /orgs_industry_platform/.test(String((err as Error).message))) {
        throw new AppError('VALIDATION_FAILED', '该平台已有产业工会', { details: [{ path: 'platform', message: '该平台已有产业工会' }] });
      }
      if (constraint === 'orgs_district_name' || /orgs_district_name/.test(String((err as Error).message))) {
        throw new AppError('VALIDATION_FAILED', '该区县已有区总工会', { details: [{ path: 'district', message: '该区县已有区总工会' }] });
      }
      throw new AppError('VALIDATION_FAILED', '同一上级下已有同名工会', { details: [{ path: 'name', message: '同一上级下已有同名工会' }] });
    }
    throw err;
  }
}
