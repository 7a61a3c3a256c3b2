import type { Queryable } from '../db/index.js';
import { ticketPublicKeyBase64Url } from '../tickets.js';
import type { Config } from '../config.js';
import { maskMemberNo } from '../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';
import type { TOfflinePack, TOfflinePackRegistration } from '../../../shared/schemas.js';
import { requireCheckInManager } from './check-in.js';

/**
 * What a scanner phone downloads before the doors open: the public key (never the signing key),
 * who holds a seat, and which registrations were cancelled, so that it can decide at a door
 * without signal. Waitlisted registrations are in neither list: their tickets are not issued.
 */
export async function getOfflinePack(options: { db: Queryable; config: Pick<Config, 'ticketPublicKey'>; userId: string; activityId: string }): Promise<TOfflinePack> {
  await requireCheckInManager(options);
  const { rows } = await options.db.query<{ id: string; member_name: string; member_no: string; status: string }>(
    `select r.id::text, m.name as member_name, m.member_no, r.status
       from registrations r
       join members m on m.id = r.member_id
      where r.activity_id = $1 and r.status in ('confirmed', 'checked_in', 'cancelled')
      order by r.seq`,
    [options.activityId],
  );
  const registrations: TOfflinePackRegistration[] = [];
  const revoked: string[] = [];
  for (const r of rows) {
    if (r.status === 'cancelled') revoked.push(r.id);
    else registrations.push({ id: r.id, memberName: r.member_name, memberNoMasked: maskMemberNo(r.member_no), status: r.status as TOfflinePackRegistration['status'] });
  }
  return { activityId: options.activityId, publicKey: ticketPublicKeyBase64Url(options.config), registrations, revoked, generatedAt: toShanghaiIso(new Date()) };
}
