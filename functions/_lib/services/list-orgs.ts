import type { Db } from '../db/index.js';
import type { TOrg } from '../../../shared/schemas.js';
import { ORG_COLUMNS, toOrg } from './create-org.js';

/** The union tree, parents before children. */
export async function listOrgs(options: { db: Db }): Promise<{ items: TOrg[] }> {
  const { rows } = await options.db.query<Parameters<typeof toOrg>[0]>(`select ${ORG_COLUMNS} from orgs o order by o.path`);
  return { items: rows.map(toOrg) };
}
