// Cadre endpoints (api.md "Activities", "Check-in"), on the one request client.
import { request, apiUrl } from '../../services/api';
import {
  ZActivity,
  ZActivityList,
  ZCheckInResponse,
  ZRoster,
  type TActivityInput,
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
  checkIn: (id: string, body: TCheckInRequest) => request({ method: 'POST', path: `${act(id)}/checkins`, body, schema: ZCheckInResponse, retry: !!body.nonce }),
  roster: (id: string) => request({ path: `${act(id)}/roster`, query: { format: 'json' }, schema: ZRoster }),
  rosterCsvUrl: (id: string) => apiUrl(`${act(id)}/roster`, { format: 'csv' }),
  offlinePack: (id: string) => request({ path: `${act(id)}/offline-pack`, schema: ZOfflinePack }),
  checkInBatch: (id: string, scans: BatchScan[]) => request({ method: 'POST', path: `${act(id)}/checkins/batch`, body: { scans }, schema: ZBatchResponse, retry: true }),
};
