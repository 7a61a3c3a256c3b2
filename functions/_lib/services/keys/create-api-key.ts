import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { newServiceKey } from './service-key.js';
import { requireKeyManager } from './api-key-view.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TApiKeyCreated, TCreateApiKeyRequest } from '../../../../shared/schemas.js';

/**
 * A new service key for another system of the union. The key is answered once and only its hash
 * is kept; it acts through a user row of its own, so every audit row names what the key did.
 */
export async function createApiKey(options: { db: Db; userId: string; input: TCreateApiKeyRequest }): Promise<TApiKeyCreated> {
  const actor = await loadActor(options);
  requireKeyManager(actor);
  const { name, role, orgId } = options.input;
  const secret = newServiceKey();
  return options.db.transaction(async (tx) => {
    if (orgId !== undefined) {
      const org = await tx.query('select 1 from orgs where id = $1', [orgId]);
      if (!org.rows[0]) throw new AppError('VALIDATION_FAILED', '工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
    }
    const { rows } = await tx.query<{ id: string; created_at: Date | string }>(
      `with u as (insert into users (service) values (true) returning id)
       insert into api_keys (name, role, org_id, key_hash, key_prefix, created_by, user_id)
       select $1, $2, $3, $4, $5, $6, u.id from u
       returning id::text, created_at`,
      [name, role, orgId ?? null, secret.hash, secret.prefix, actor.userId],
    );
    const key = rows[0];
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'api_key.create', subjectType: 'api_key', subjectId: key.id, detail: { name, role, orgId: orgId ?? null, keyPrefix: secret.prefix } });
    return { id: key.id, name, role, orgId: orgId ?? null, key: secret.key, createdAt: toShanghaiIso(key.created_at) };
  });
}
