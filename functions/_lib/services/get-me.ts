import type { Db } from '../db/index.js';
import { loadActor, toUser } from './load-actor.js';
import { getMember } from './get-member.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';

export async function getMe(options: { db: Db; userId: string }) {
  const actor = await loadActor(options);
  const member = actor.memberId ? await getMember({ db: options.db, memberId: actor.memberId }) : null;
  return {
    user: toUser(actor),
    member,
    verification: actor.verification,
    bindingReleased: actor.bindingReleasedAt ? { at: toShanghaiIso(actor.bindingReleasedAt), reason: 'taken_over_by_phone_binding' as const } : null,
  };
}
