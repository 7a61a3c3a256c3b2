// The offline check-in contract (api.md extension): the pack a scanner downloads before the
// event, and the batch it uploads afterwards.
import { z } from '../../../../../shared/zod.js';
import { ZCheckedInRegistration, ZDateTime, ZErrorCode, ZId, ZRegistrationStatus } from '../../../../../shared/schemas.js';

export const ZPackRegistration = z.object({
  id: ZId,
  memberName: z.string(),
  memberNoMasked: z.string(),
  status: ZRegistrationStatus,
});

export const ZOfflinePack = z.object({
  activityId: ZId,
  /** Ed25519 public key, base64url of 32 bytes. */
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  registrations: z.array(ZPackRegistration),
  revoked: z.array(ZId),
  generatedAt: ZDateTime,
});

export const ZBatchScan = z.object({
  ticket: z.string().max(1000),
  nonce: z.string().max(64),
  scannedAt: ZDateTime,
  deviceId: z.string().max(64),
});

export const ZBatchResult = z.object({
  nonce: z.string(),
  result: z.enum(['checked_in', 'already_checked_in', 'rejected']),
  code: ZErrorCode.optional(),
  message: z.string().optional(),
  registration: ZCheckedInRegistration.optional(),
});

export const ZBatchResponse = z.object({ results: z.array(ZBatchResult) });

export type PackRegistration = z.infer<typeof ZPackRegistration>;
export type OfflinePack = z.infer<typeof ZOfflinePack>;
export type BatchScan = z.infer<typeof ZBatchScan>;
export type BatchResult = z.infer<typeof ZBatchResult>;
