import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { writeAudit } from '../write-audit.js';
import { API_KEY_COLUMNS, requireKeyManager, toApiKey, type ApiKeyRow } from './api-key-view.js';
import type { TApiKey } from '../../../../shared/schemas.js';

/** Revokes a key at once (its next call is 401 KEY_REVOKED); revoking twice keeps the first time. */
export async function revokeApiKey(options: { db: Db; userId: string; keyId: string }): Promise<TApiKey> {
  const actor = await loadActor(options);
  requireKeyManager(actor);
  return options.db.transaction(async (tx) => {
    const { rows } = await tx.query<ApiKeyRow>(
      `with k as (update api_keys set revoked_at = coalesce(revoked_at, now()) where id = $1 returning *)
       select ${API_KEY_COLUMNS} from k left join orgs o on o.id = k.org_id`,
      [options.keyId],
    );
    if (!rows[0]) throw new AppError('NOT_FOUND', '未找到该服务密钥');
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'api_key.revoke', subjectType: 'api_key', subjectId: rows[0].id, detail: { keyPrefix: rows[0].key_prefix } });
    return toApiKey(rows[0]);
  });
}
