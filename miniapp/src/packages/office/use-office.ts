// The office pages' shared state: who is here (fresh roles from GET /api/me) and the unions they
// may pick from.
import { useResource } from '../../hooks/resource';
import { useMe } from '../../hooks/use-me';
import { getCachedUser } from '../../services/session';
import { officeApi } from './office-api';
import { canUse, pickableOrgs, type OfficeSection } from './sections';

export function useOfficeAccess(section: OfficeSection | null) {
  const me = useMe();
  const user = me.data?.user ?? getCachedUser();
  const roles = user?.roles ?? [];
  return { me, roles, allowed: section === null ? roles.length > 0 : canUse(roles, section), ready: !!me.data || !!user };
}

/** The unions this person may choose (an admin: every one; a cadre: their own subtree). */
export function usePickableOrgs(roles: { role: string; orgId: string | null }[], enabled = true) {
  const key = roles.map((r) => `${r.role}:${r.orgId}`).join(',');
  return useResource(async () => (enabled ? pickableOrgs((await officeApi.allOrgs()).items, roles) : []), [key, enabled]);
}
