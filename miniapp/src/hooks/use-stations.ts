// The stations list: where the rider is (asked only when this list opens), the filters, the pages.
// The location: weapp's GCJ-02 fix (what wx.openLocation takes back); refused or failing, the
// rider picks a district and the list starts from its centre.
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { stationsApi } from '../pages/stations/stations-api';
import type { TStation, TStationService } from '../services/contract';
import { toUiError, type UiError } from './resource';
import { ZHENGZHOU_DISTRICTS, type District } from '../../../shared/domain/zhengzhou-districts.js';
import { wgs84ToGcj02 } from '../../../shared/domain/geo.js';
import { IS_H5 } from '../services/platform';

const LOCATION_TIMEOUT_MS = 10_000;

export type Place = { lat: number; lng: number; label: string };
export type LocationState = { step: 'asking' } | { step: 'refused' } | { step: 'ready'; place: Place };

/**
 * The device's position in GCJ-02, or null when refused or unavailable (no throw). WeChat gives
 * GCJ-02 itself; a browser gives WGS-84 only, converted here (shared/domain/geo.ts).
 */
export async function currentPlace(): Promise<Place | null> {
  try {
    // A fix that does not come (a prompt left open, no signal indoors) must not leave the page waiting.
    const res = await Promise.race([
      Taro.getLocation({ type: IS_H5 ? 'wgs84' : 'gcj02' }),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), LOCATION_TIMEOUT_MS)),
    ]);
    if (typeof res.latitude !== 'number' || typeof res.longitude !== 'number') return null;
    const p = IS_H5 ? wgs84ToGcj02(res.latitude, res.longitude) : { lat: res.latitude, lng: res.longitude };
    return { ...p, label: '我的位置' };
  } catch {
    return null;
  }
}

export const districtPlace = (d: District): Place => ({ lat: d.lat, lng: d.lng, label: d.name });
export { ZHENGZHOU_DISTRICTS };

export function useStations() {
  const [location, setLocation] = useState<LocationState>({ step: 'asking' });
  const [service, setService] = useState<TStationService | undefined>(undefined);
  const [openNow, setOpenNow] = useState(false);
  const [items, setItems] = useState<TStation[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const generation = useRef(0);

  const locate = useCallback(async () => {
    setLocation({ step: 'asking' });
    const place = await currentPlace();
    setLocation(place ? { step: 'ready', place } : { step: 'refused' });
  }, []);

  useEffect(() => {
    void locate();
  }, [locate]);

  const place = location.step === 'ready' ? location.place : null;

  const load = useCallback(
    async (more: boolean) => {
      if (!place) return;
      const gen = more ? generation.current : ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await stationsApi.list({ lat: place.lat, lng: place.lng, service, openNow, cursor: more ? nextCursor : null });
        if (gen !== generation.current) return;
        setItems((prev) => (more ? [...prev, ...page.items] : page.items));
        setNextCursor(page.nextCursor);
      } catch (err) {
        if (gen === generation.current) setError(toUiError(err));
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [place, service, openNow, nextCursor],
  );

  useEffect(() => {
    void load(false);
    // a new place or filter starts over; the cursor is not a reason to reload
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [place?.lat, place?.lng, service, openNow]);

  /** One station's answer replaced in the list (after a report changed its status). */
  const replace = (station: TStation) => setItems((prev) => prev.map((s) => (s.id === station.id ? station : s)));

  return {
    location,
    place,
    chooseDistrict: (d: District) => setLocation({ step: 'ready', place: districtPlace(d) }),
    relocate: locate,
    service,
    setService,
    openNow,
    setOpenNow,
    items,
    nextCursor,
    loading,
    error,
    reload: () => load(false),
    more: () => load(true),
    replace,
  };
}
