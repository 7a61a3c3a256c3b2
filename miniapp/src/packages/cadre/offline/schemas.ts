// The offline check-in contract (pack and batch) is the shared one in shared/schemas.ts; these are
// the names the scanner code uses for it.
import type { z } from '../../../../../shared/zod.js';
import {
  ZCheckInBatchResponse,
  ZCheckInBatchResult,
  ZOfflinePack,
  ZOfflinePackRegistration,
  ZOfflineScan,
  type TOfflinePack,
  type TOfflinePackRegistration,
  type TOfflineScan,
} from '../../../../../shared/schemas.js';

export { ZOfflinePack, ZOfflinePackRegistration as ZPackRegistration, ZOfflineScan as ZBatchScan, ZCheckInBatchResult as ZBatchResult, ZCheckInBatchResponse as ZBatchResponse };

export type PackRegistration = TOfflinePackRegistration;
export type OfflinePack = TOfflinePack;
export type BatchScan = TOfflineScan;
export type BatchResult = z.infer<typeof ZCheckInBatchResult>;
