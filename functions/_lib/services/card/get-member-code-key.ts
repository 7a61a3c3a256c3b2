import type { Queryable } from '../../db/index.js';
import type { Config } from '../../config.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { canVerifyMemberCodes } from './verify-member-code.js';
import { ticketPublicKeyBase64Url } from '../../tickets.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import { CODE_MAX_AGE_SECONDS } from '../../../../shared/domain/member-codes.js';
import type { TMemberCodeKey } from '../../../../shared/contract-card.js';

/** What a venue's phone keeps to check member codes without network: the public key, never the signing key. */
export async function getMemberCodeKey(options: { db: Queryable; config: Pick<Config, 'ticketPublicKey'>; userId: string; now?: Date }): Promise<TMemberCodeKey> {
  const actor = await loadActor(options);
  if (!canVerifyMemberCodes(actor)) throw new AppError('FORBIDDEN', '只有核验员、工会干部和管理员可以核验会员码');
  return { publicKey: ticketPublicKeyBase64Url(options.config), algorithm: 'ed25519-mc1', serverTime: toShanghaiIso(options.now ?? new Date()), maxAgeSeconds: CODE_MAX_AGE_SECONDS };
}
