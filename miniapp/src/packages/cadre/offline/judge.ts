// Deciding at the door without a network: the ticket's Ed25519 signature (shared verifyTicket)
// proves the server issued it; the pack says who it belongs to and what became of it since.
import './text-encoder';
import { prepareBasePoint } from '../../../../../shared/domain/ed25519-fixed-key.js';
import { base64UrlToBytes, ticketVerifier, type TicketClaims } from '../../../../../shared/domain/tickets.js';
import type { OfflinePack, PackRegistration } from './schemas';
import type { OfflineState } from './state';

export type RejectCode = 'TICKET_INVALID' | 'WRONG_ACTIVITY' | 'NOT_CONFIRMED' | 'REGISTRATION_CANCELLED';

export type Judgement =
  | { result: 'checked_in'; registrationId: string; memberName: string; memberNoMasked: string; unlisted?: boolean }
  | {
      result: 'already_checked_in';
      registrationId: string;
      memberName: string;
      memberNoMasked: string;
      unlisted?: boolean;
      /** null when the pack only says "checked in before the pack was made". */
      firstAt: string | null;
      firstBy: string;
    }
  | { result: 'rejected'; code: RejectCode; registrationId?: string; memberName?: string };

export function packPublicKey(pack: OfflinePack): Uint8Array | null {
  const key = base64UrlToBytes(pack.publicKey);
  return key && key.length === 32 ? key : null;
}

/**
 * A genuine ticket for this activity whose registration is newer than the pack (signed up or
 * promoted after the download). A T2 ticket names its holder (masked, under the signature); an
 * old T1 ticket cannot, and says so. Either way the door takes a second look ("名单外").
 */
const UNKNOWN_HOLDER = { name: '身份未知（旧版电子票）', memberNo: '' };

/**
 * The verifier of the last key used: a door checks one activity's tickets, all under its key, and
 * building the key's table once makes each check several times faster (issue #12: ≤ 5 ms on a phone).
 */
let lastVerifier: { key: Uint8Array; verify: (ticket: string) => TicketClaims | null } | null = null;

function verifierFor(publicKey: Uint8Array) {
  const same = lastVerifier && lastVerifier.key.length === publicKey.length && lastVerifier.key.every((b, i) => b === publicKey[i]);
  if (!same) lastVerifier = { key: Uint8Array.from(publicKey), verify: ticketVerifier(publicKey) };
  return lastVerifier!.verify;
}

/** Builds the pack key's table and the base-point table before the first scan needs them. */
export function prepareJudge(pack: OfflinePack): void {
  const key = packPublicKey(pack);
  if (key) verifierFor(key);
  prepareBasePoint();
}

export function judgeTicket(ticket: string, pack: OfflinePack, publicKey: Uint8Array, state: OfflineState): Judgement {
  const claims = verifierFor(publicKey)(ticket.trim());
  if (!claims) return { result: 'rejected', code: 'TICKET_INVALID' };
  if (claims.activityId !== pack.activityId) return { result: 'rejected', code: 'WRONG_ACTIVITY' };

  const id = claims.registrationId;
  const listed = pack.registrations.find((r) => r.id === id);
  const holder = claims.holder ?? UNKNOWN_HOLDER;
  const reg: Omit<PackRegistration, 'id'> = listed ?? { memberName: holder.name, memberNoMasked: holder.memberNo, status: 'confirmed' };
  const who = { registrationId: id, memberName: reg.memberName, memberNoMasked: reg.memberNoMasked, ...(listed ? {} : { unlisted: true }) };

  // The pack lists only seats (confirmed, checked in); cancelled ones come as revoked. A waitlisted
  // member has no ticket to show: tickets are issued only with a seat.
  if (pack.revoked.includes(id)) return { result: 'rejected', code: 'REGISTRATION_CANCELLED', ...who };
  const mine = state.accepted[id];
  if (mine) return { result: 'already_checked_in', ...who, firstAt: mine.at, firstBy: '本机（离线）' };
  if (reg.status === 'checked_in') return { result: 'already_checked_in', ...who, firstAt: null, firstBy: '下载名单前已签到' };
  return { result: 'checked_in', ...who };
}

/** The state after a scan: a member let in is remembered (no second entry) and queued for upload. */
export function recordScan(state: OfflineState, ticket: string, j: Judgement, ctx: { nonce: string; scannedAt: string; deviceId: string }): OfflineState {
  if (j.result !== 'checked_in') return state;
  return {
    ...state,
    accepted: { ...state.accepted, [j.registrationId]: { at: ctx.scannedAt, nonce: ctx.nonce } },
    queue: [...state.queue, { ticket: ticket.trim(), nonce: ctx.nonce, scannedAt: ctx.scannedAt, deviceId: ctx.deviceId, registrationId: j.registrationId, memberName: j.memberName }],
  };
}

/**
 * Door counts from the pack plus what this phone let in since. Members let in from outside the
 * pack are counted apart (`unlisted`): adding them to both sides would show 1/1 for a list of 0.
 */
export function offlineCounts(pack: OfflinePack, state: OfflineState): { registered: number; checkedIn: number; unlisted: number } {
  let registered = 0;
  let checkedIn = 0;
  for (const r of pack.registrations) {
    registered++;
    if (r.status === 'checked_in' || state.accepted[r.id]) checkedIn++;
  }
  const listed = new Set(pack.registrations.map((r) => r.id));
  const unlisted = Object.keys(state.accepted).filter((id) => !listed.has(id)).length;
  return { registered, checkedIn, unlisted };
}
