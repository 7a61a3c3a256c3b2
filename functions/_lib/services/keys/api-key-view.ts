import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TApiKey, TApiKeyRole } from '../../../../shared/schemas.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../load-actor.js';
import { isAdmin } from '../load-actor.js';

export type ApiKeyRow = {
  id: string;
  name: string;
  role: TApiKeyRole;
  org_id: string | null;
  org_name: string | null;
  key_prefix: string;
  created_at: Date | string;
  revoked_at: Date | string | null;
  last_used_at: Date | string | null;
};

export const API_KEY_COLUMNS = `k.id::text, k.name, k.role, k.org_id::text, o.name as org_name, k.key_prefix, k.created_at, k.revoked_at, k.last_used_at`;

export function toApiKey(r: ApiKeyRow): TApiKey {
  return {
    id: r.id,
    name: r.name,
    role: r.role,
    orgId: r.org_id,
    orgName: r.org_name,
    keyPrefix: r.key_prefix,
    createdAt: toShanghaiIso(r.created_at),
    revokedAt: r.revoked_at === null ? null : toShanghaiIso(r.revoked_at),
    lastUsedAt: r.last_used_at === null ? null : toShanghaiIso(r.last_used_at),
  };
}

/** Keys are managed by an admin in person: a key (even an admin key) cannot mint or revoke keys. */
export function requireKeyManager(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN');
  if (actor.openid === null && actor.memberId === null) throw new AppError('FORBIDDEN', '服务密钥不能管理服务密钥，请由管理员在小程序中操作');
}
