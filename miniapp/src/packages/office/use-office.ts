// The office pages' shared state: who is here (fresh roles from GET /api/me) and the unions they
// may pick from.
import { useState } from 'react';
import { toUiError, useResource, type UiError } from '../../hooks/resource';
import { toast } from '../../utils/feedback';
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

/**
 * One decision on a card (通过, 驳回, 接收, 提出异议 …): one at a time, 成功 said in a toast, a refusal
 * in the words `errorText` gives for its code; the list reloads either way (a refusal usually means
 * someone else got there first).
 */
export function useOfficeAction(onDone: () => void, errorText: (e: UiError) => string = (e) => e.message) {
  const [busy, setBusy] = useState(false);
  const act = async (what: () => Promise<unknown>, done: string) => {
    if (busy) return;
    setBusy(true);
    try {
      await what();
      toast(done, 'success');
    } catch (err) {
      toast(errorText(toUiError(err)));
    } finally {
      setBusy(false);
      onDone();
    }
  };
  return { busy, act };
}
