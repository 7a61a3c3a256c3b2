// Distances on the sphere api.md fixes ("v1.1 precisions": haversine, radius 6,371,008.8 m).
// Coordinates are GCJ-02 as WeChat gives and takes them; they are compared with each other only,
// never converted, so the offset GCJ-02 adds to WGS-84 cancels out over a few kilometres.
export const EARTH_RADIUS_M = 6_371_008.8;

const rad = (deg: number) => (deg * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** Great-circle distance in metres; the same formula as the SQL in 019_stations.sql. */
export function haversineM(lat1: number, lng1: number, lat2: number, lng2: number): number {
  const h = Math.sin(rad(lat2 - lat1) / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(rad(lng2 - lng1) / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The point `distanceM` from (lat, lng) along `bearingDeg` (0 = north, 90 = east) on the same sphere. */
export function destinationPoint(lat: number, lng: number, distanceM: number, bearingDeg: number): { lat: number; lng: number } {
  const d = distanceM / EARTH_RADIUS_M;
  const b = rad(bearingDeg);
  const p1 = rad(lat);
  const p2 = Math.asin(Math.sin(p1) * Math.cos(d) + Math.cos(p1) * Math.sin(d) * Math.cos(b));
  const l2 = rad(lng) + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(p1), Math.cos(d) - Math.sin(p1) * Math.sin(p2));
  return { lat: deg(p2), lng: ((deg(l2) + 540) % 360) - 180 };
}

/** "850 米", "1.2 公里", "12 公里": how far a station is, as the list shows it. */
export function formatDistance(distanceM: number): string {
  if (distanceM < 1000) return `${Math.max(1, Math.round(distanceM))} 米`;
  if (distanceM < 10_000) return `${(Math.round(distanceM / 100) / 10).toFixed(1)} 公里`;
  return `${Math.round(distanceM / 1000)} 公里`;
}
