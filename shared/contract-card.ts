// The member card and the member code (issue #15; api.md "Joining the union online (入会) and the
// member card"; extensions in docs/api-extensions.md). The code's rule: shared/domain/member-codes.ts.
import { z } from './zod.js';
import { ZDate, ZDateTime } from './contract-base.js';

export const ZMembershipStatus = z.enum(['active', 'ended']);

export const ZMemberCard = z.object({
  memberNo: z.string(),
  name: z.string(),
  orgName: z.string(),
  joinedOn: ZDate,
  status: ZMembershipStatus,
  code: z.string(),
  codeExpiresAt: ZDateTime,
  // ---------- extensions (docs/api-extensions.md) ----------
  /** the device key's certificate: the phone signs new codes with `deviceKey` under it, offline too */
  certificate: z.string(),
  /** the device key's 32-byte Ed25519 seed, base64url: only this phone gets it, the server keeps none */
  deviceKey: z.string(),
  certificateExpiresAt: ZDateTime,
  /** the server's clock when answering: the phone dates its codes by it (offset kept for offline) */
  serverTime: ZDateTime,
  /** how often the app draws a new code (seconds) */
  codeRefreshSeconds: z.number().int(),
  memberNoMasked: z.string(),
});

export const ZMemberCodeVerifyRequest = z.object({
  code: z.string().max(1000, { message: '会员码过长' }),
});

export const ZMemberCodeVerifyResponse = z.object({
  valid: z.literal(true),
  member: z.object({
    name: z.string(),
    memberNoMasked: z.string(),
    orgName: z.string(),
    status: ZMembershipStatus,
  }),
  issuedAt: ZDateTime,
});

/** Extension: what a venue's phone downloads to check codes without network. */
export const ZMemberCodeKey = z.object({
  publicKey: z.string(),
  algorithm: z.literal('ed25519-mc1'),
  serverTime: ZDateTime,
  maxAgeSeconds: z.number().int(),
});

export type TMemberCard = z.infer<typeof ZMemberCard>;
export type TMemberCodeVerifyRequest = z.infer<typeof ZMemberCodeVerifyRequest>;
export type TMemberCodeVerifyResponse = z.infer<typeof ZMemberCodeVerifyResponse>;
export type TMemberCodeKey = z.infer<typeof ZMemberCodeKey>;
