// Cadre endpoints (api.md "Activities", "Check-in"), on the one request client.
import { request, apiUrl } from '../../services/api';
import {
  ZActivity,
  ZActivityList,
  ZDrawResult,
  ZCheckInResponse,
  ZRegistrationSearch,
  ZRoster,
  type TActivityInput,
  type TManualCheckInRequest,
  type TActivityPatch,
  type TCheckInRequest,
} from '../../services/contract';
import { ZBatchResponse, ZOfflinePack, type BatchScan } from './offline/schemas';

const act = (id: string) => `/activities/${encodeURIComponent(id)}`;

export const cadreApi = {
  managed: (cursor?: string | null) => request({ path: '/activities', query: { scope: 'managed', cursor, limit: 50 }, schema: ZActivityList }),
  create: (input: TActivityInput) => request({ method: 'POST', path: '/activities', body: input, schema: ZActivity }),
  update: (id: string, patch: TActivityPatch) => request({ method: 'PATCH', path: act(id), body: patch, schema: ZActivity }),
  cancel: (id: string, reason: string) => request({ method: 'POST', path: `${act(id)}/cancel`, body: { reason }, schema: ZActivity }),
  /** `timeoutMs`: the door's online scan gives up quickly and lets the offline pack decide (no retries then). */
  checkIn: (id: string, body: TCheckInRequest, o: { timeoutMs?: number } = {}) =>
    request({ method: 'POST', path: `${act(id)}/checkins`, body, schema: ZCheckInResponse, retry: !!body.nonce, timeoutMs: o.timeoutMs, retries: o.timeoutMs ? 0 : undefined }),
  /** 补签: the activity's registrations by name or member-number tail, and a check-in by hand. */
  searchRegistrations: (id: string, q: string) => request({ path: `${act(id)}/registrations`, query: { q }, schema: ZRegistrationSearch }),
  manualCheckIn: (id: string, body: TManualCheckInRequest) =>
    request({ method: 'POST', path: `${act(id)}/checkins/manual`, body, schema: ZCheckInResponse, retry: !!body.nonce, timeoutMs: 8000 }),
  roster: (id: string) => request({ path: `${act(id)}/roster`, query: { format: 'json' }, schema: ZRoster }),
  rosterCsvUrl: (id: string) => apiUrl(`${act(id)}/roster`, { format: 'csv' }),
  offlinePack: (id: string) => request({ path: `${act(id)}/offline-pack`, schema: ZOfflinePack }),
  checkInBatch: (id: string, scans: BatchScan[]) => request({ method: 'POST', path: `${act(id)}/checkins/batch`, body: { scans }, schema: ZBatchResponse, retry: true }),
  /** 开始抽签 (issue #16): draws a closed lottery; the answer is the public result. */
  draw: (id: string) => request({ method: 'POST', path: `${act(id)}/draw`, schema: ZDrawResult, timeoutMs: 30_000 }),
};
