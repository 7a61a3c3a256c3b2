import type { Db } from '../../db/index.js';
import { loadActor } from '../load-actor.js';
import { API_KEY_COLUMNS, requireKeyManager, toApiKey, type ApiKeyRow } from './api-key-view.js';
import type { TApiKey } from '../../../../shared/schemas.js';

/** Every key, newest first, without the keys themselves (they are not stored). */
export async function listApiKeys(options: { db: Db; userId: string }): Promise<{ items: TApiKey[] }> {
  requireKeyManager(await loadActor(options));
  const { rows } = await options.db.query<ApiKeyRow>(`select ${API_KEY_COLUMNS} from api_keys k left join orgs o on o.id = k.org_id order by k.id desc`);
  return { items: rows.map(toApiKey) };
}
