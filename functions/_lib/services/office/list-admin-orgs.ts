import type { Db } from '../../db/index.js';
import { loadActor } from '../load-actor.js';
import { manageScope, scopeParam, scopeSql } from './office-scope.js';
import type { TAdminOrg } from '../../../../shared/schemas.js';

type OrgRow = { id: string; name: string; parentId: string | null; path: string; member_count: number; extra: Record<string, string> | null };

/**
 * The union tree with member counts (admins: all of it; cadres: their subtrees), parents before
 * children. One statement counts members per union (an index-only scan of members_org); the
 * subtree sums are added up here along the materialised paths, which costs one pass per depth.
 */
export async function listAdminOrgs(options: { db: Db; userId: string }): Promise<{ items: TAdminOrg[] }> {
  const scope = manageScope(await loadActor(options));
  const { rows } = await options.db.query<OrgRow>(
    `select o.id::text, o.name, o.parent_id::text as "parentId", o.path,
            coalesce(c.n, 0)::int as member_count,
            -- kind, platform and district arrive with the join capability (api.md "v1.1 precisions"):
            -- read through to_jsonb so that this answer carries them wherever the columns exist
            jsonb_strip_nulls(jsonb_build_object('kind', to_jsonb(o) ->> 'kind', 'platform', to_jsonb(o) ->> 'platform', 'district', to_jsonb(o) ->> 'district')) as extra
       from orgs o
       left join (select org_id, count(*) as n from members group by org_id) c on c.org_id = o.id
      where ${scopeSql(1)}
      order by o.path`,
    [scopeParam(scope)],
  );
  const subtree = new Map<string, number>(rows.map((r) => [r.id, 0]));
  for (const r of rows) {
    // '/1/5/23/' → ancestors 1, 5 and itself 23; ancestors outside the caller's scope are not listed
    for (const id of r.path.split('/').filter(Boolean)) if (subtree.has(id)) subtree.set(id, (subtree.get(id) as number) + r.member_count);
  }
  return {
    items: rows.map((r) => ({ id: r.id, name: r.name, parentId: r.parentId, ...(r.extra ?? {}), memberCount: r.member_count, subtreeMemberCount: subtree.get(r.id) as number })),
  };
}
