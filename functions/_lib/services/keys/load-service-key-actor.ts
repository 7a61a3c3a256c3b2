import type { Queryable } from '../../db/index.js';
import type { Actor, ActorRole } from '../load-actor.js';

/** A key's user as an actor: the key's role over its union's subtree (or everywhere), nothing once revoked. */
export async function loadServiceKeyActor(db: Queryable, base: Actor): Promise<Actor> {
  const { rows } = await db.query<{ role: string; org_id: string | null; path: string | null }>(
    `select k.role, k.org_id::text, o.path
       from api_keys k left join orgs o on o.id = k.org_id
      where k.user_id = $1 and k.revoked_at is null`,
    [base.userId],
  );
  const roles = rows.map((r) => ({ role: r.role as ActorRole['role'], orgId: r.org_id, orgPath: r.path }));
  return { ...base, roles };
}
