import type { Db } from '../db/index.js';
import type { TOrg } from '../../../shared/schemas.js';

/** The union tree, parents before children. */
export async function listOrgs(options: { db: Db }): Promise<{ items: TOrg[] }> {
  const { rows } = await options.db.query<TOrg>('select id::text, name, parent_id::text as "parentId" from orgs order by path');
  return { items: rows };
}
