import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { canManageOrgPath, isAdmin, loadActor, type Actor } from '../load-actor.js';

/**
 * Whose stations the caller looks after: null = every station (admins), otherwise the org paths of
 * its cadre roles (a station belongs to its union's subtree). Anyone else is refused.
 */
export async function loadStationScope(options: { db: Queryable; userId: string; orgId?: string }): Promise<{ actor: Actor; scope: string[] | null; orgPath: string | null }> {
  const actor = await loadActor(options);
  let scope: string[] | null;
  if (isAdmin(actor)) scope = null;
  else {
    scope = actor.roles.filter((r) => r.role === 'cadre' && r.orgPath).map((r) => r.orgPath as string);
    if (scope.length === 0) throw new AppError('FORBIDDEN');
  }
  let orgPath: string | null = null;
  if (options.orgId) {
    const org = await options.db.query<{ path: string }>('select path from orgs where id = $1', [options.orgId]);
    if (!org.rows[0] || !canManageOrgPath(actor, org.rows[0].path)) throw new AppError('FORBIDDEN');
    orgPath = org.rows[0].path;
  }
  return { actor, scope, orgPath };
}
