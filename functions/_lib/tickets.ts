import { signTicket, verifyTicket, bytesToBase64Url, type TicketClaims } from '../../shared/domain/tickets.js';
import type { Config } from './config.js';

/** The QR text for a confirmed registration: signed with the server's Ed25519 key. */
export function issueTicket(config: Pick<Config, 'ticketSecretKey'>, claims: TicketClaims): string {
  return signTicket(claims, config.ticketSecretKey);
}

export function readTicket(config: Pick<Config, 'ticketPublicKey'>, ticket: string): TicketClaims | null {
  return verifyTicket(ticket, config.ticketPublicKey);
}

/** What offline scanners download: the public key only, never the signing key. */
export function ticketPublicKeyBase64Url(config: Pick<Config, 'ticketPublicKey'>): string {
  return bytesToBase64Url(config.ticketPublicKey);
}
