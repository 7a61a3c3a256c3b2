// The stations page's report choices (written out for the WeChat dialog check) are the contract's
// report kinds, in order: tapIndex i reports STATION_REPORT_KINDS[i].
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { STATION_REPORT_KIND_LABELS, STATION_REPORT_KINDS } from '../../shared/contract-stations.js';
import { ZHENGZHOU_DISTRICTS } from '../../shared/domain/zhengzhou-districts.js';

describe('the stations page', () => {
  it('offers the report kinds in the contract’s order, under the labels the office shows', () => {
    const source = readFileSync(new URL('../../miniapp/src/pages/stations/index.tsx', import.meta.url), 'utf8');
    const list = /showActionSheet\(\{ itemList: \[([^\]]*)\]/.exec(source)?.[1];
    expect(list, 'the action sheet call').toBeDefined();
    const labels = [...(list as string).matchAll(/'([^']*)'/g)].map((m) => m[1]);
    expect(labels).toEqual(STATION_REPORT_KINDS.map((k) => STATION_REPORT_KIND_LABELS[k]));
  });

  it('lets a rider without a location choose among Zhengzhou’s districts, each centred inside the city', () => {
    expect(ZHENGZHOU_DISTRICTS.length).toBeGreaterThanOrEqual(6);
    for (const d of ZHENGZHOU_DISTRICTS) {
      expect(d.lat, d.name).toBeGreaterThan(34.6);
      expect(d.lat, d.name).toBeLessThan(34.9);
      expect(d.lng, d.name).toBeGreaterThan(113.5);
      expect(d.lng, d.name).toBeLessThan(113.9);
    }
  });
});
