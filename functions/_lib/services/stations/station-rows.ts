// One station as api.md's `Station`: the columns every station answer selects, and the row → JSON
// step. Open now / opens at come from the stored opening_hours text through the shared evaluator,
// at the application's clock (so tests pin it); the search's openNow filter tests the same hours
// in SQL through hours_index, which the same parser wrote. Which days are public holidays (`PH`)
// comes from calendar_days in the same statement (holidaysColumn), never from a list in code.
import { AppError } from '../../errors.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import { describeOpeningHours, holidaysIn, openState, parseOpeningHours, shanghaiDay } from '../../../../shared/domain/opening-hours.js';
import type { TStation, TStationService, TStationStatus } from '../../../../shared/schemas.js';

export const STATION_COLUMNS = `s.id::text as id, s.org_id::text as org_id, o.name as org_name, s.name, s.address, s.lat, s.lng,
  s.opening_hours, s.services, s.phone, s.last_confirmed_at, station_status(s.id, s.suspended_at) as status`;

/**
 * The select-list item giving the public holidays the evaluator may need around `now` (the day
 * before to eight days after, as openState() looks ahead a week): `param` holds shanghaiToday(now).
 */
export const holidaysColumn = (param: string) => `public_holidays(${param}::date - 1, ${param}::date + 8)::text[] as holidays`;

/** The Shanghai calendar date of `now`, the parameter holidaysColumn() reads. */
export const shanghaiToday = (now: Date) => shanghaiDay(now).date;

export type StationRow = {
  id: string;
  org_id: string;
  org_name: string;
  name: string;
  address: string;
  lat: number;
  lng: number;
  opening_hours: string;
  services: string[];
  phone: string | null;
  last_confirmed_at: Date | null;
  status: TStationStatus;
  distance_m?: number | null;
  /** holidaysColumn(): the public holidays around now */
  holidays: string[];
};

export function toStation(r: StationRow, now: Date): TStation {
  const parsed = parseOpeningHours(r.opening_hours);
  // Stored hours passed the same parser at import; a row that does not parse is shown as closed.
  const state = parsed.ok ? openState(parsed.hours, now, holidaysIn(r.holidays)) : { openNow: false, opensAt: null, closesAt: null };
  return {
    id: r.id,
    name: r.name,
    address: r.address,
    lat: Number(r.lat),
    lng: Number(r.lng),
    distanceM: r.distance_m === null || r.distance_m === undefined ? null : Math.round(Number(r.distance_m)),
    openingHours: r.opening_hours,
    openNow: state.openNow,
    services: r.services as TStationService[],
    phone: r.phone,
    status: r.status,
    lastConfirmedAt: r.last_confirmed_at ? toShanghaiIso(r.last_confirmed_at) : null,
    opensAt: state.opensAt ? toShanghaiIso(state.opensAt) : null,
    closesAt: state.closesAt ? toShanghaiIso(state.closesAt) : null,
    hoursText: parsed.ok ? describeOpeningHours(parsed.hours) : r.opening_hours,
    orgId: r.org_id,
    orgName: r.org_name,
  };
}

/** Opaque cursor for nearest-first pages: the last item's exact distance and id. */
export function encodeNearCursor(distance: number, id: string): string {
  return Buffer.from(JSON.stringify([distance, id])).toString('base64url');
}

export function decodeNearCursor(cursor: string): { distance: number; id: string } {
  try {
    const [distance, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [unknown, unknown];
    if (typeof distance === 'number' && Number.isFinite(distance) && distance >= 0 && typeof id === 'string' && /^[1-9]\d{0,17}$/.test(id)) return { distance, id };
  } catch {
    /* falls through */
  }
  throw new AppError('VALIDATION_FAILED', '翻页参数无效，请重新查询', { details: [{ path: 'cursor', message: '翻页参数无效' }] });
}

/** Opaque cursor for lists in id order. */
export function encodeIdCursor(id: string): string {
  return Buffer.from(id).toString('base64url');
}

export function decodeIdCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[1-9]\d{0,17}$/.test(id)) throw new AppError('VALIDATION_FAILED', '翻页参数无效，请重新查询', { details: [{ path: 'cursor', message: '翻页参数无效' }] });
  return id;
}
