// The love stations' endpoints (issue #18) on the one request client. Kept beside the stations
// page rather than in services/api.ts, so their schemas (and the opening-hours parser they carry)
// load with the pages/stations sub-package, not with the main package.
import { request } from '../../services/api';
import { ZStationList, ZStationReport, ZStationVisit, type TStationReportRequest, type TStationService } from '../../services/contract';

const enc = encodeURIComponent;

export const stationsApi = {
  list: (q: { lat: number; lng: number; service?: TStationService; openNow?: boolean; cursor?: string | null }) =>
    request({ path: '/stations', query: { lat: q.lat, lng: q.lng, radiusKm: 5, service: q.service, openNow: q.openNow ? 'true' : undefined, cursor: q.cursor, limit: 20 }, schema: ZStationList }),
  visit: (id: string) => request({ method: 'POST', path: `/stations/${enc(id)}/visits`, schema: ZStationVisit, retry: true }),
  report: (id: string, body: TStationReportRequest) => request({ method: 'POST', path: `/stations/${enc(id)}/reports`, body, schema: ZStationReport }),
};
