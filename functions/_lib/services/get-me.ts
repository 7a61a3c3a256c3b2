import type { Db } from '../db/index.js';
import { loadActor, toUser } from './load-actor.js';
import { getMember } from './get-member.js';

export async function getMe(options: { db: Db; userId: string }) {
  const actor = await loadActor(options);
  const member = actor.memberId ? await getMember({ db: options.db, memberId: actor.memberId }) : null;
  return { user: toUser(actor), member };
}
