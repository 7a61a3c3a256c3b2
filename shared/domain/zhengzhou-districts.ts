// Zhengzhou's urban districts with a centre point (GCJ-02, degrees): where the stations list starts
// when a rider refuses to share their location, and where the demo places its stations.
export type District = { name: string; lat: number; lng: number };

export const ZHENGZHOU_DISTRICTS: District[] = [
  { name: '金水区', lat: 34.8003, lng: 113.6606 },
  { name: '二七区', lat: 34.7250, lng: 113.6400 },
  { name: '中原区', lat: 34.7484, lng: 113.6130 },
  { name: '管城回族区', lat: 34.7535, lng: 113.6778 },
  { name: '惠济区', lat: 34.8675, lng: 113.6170 },
  { name: '郑东新区', lat: 34.7720, lng: 113.7300 },
  { name: '高新区', lat: 34.8110, lng: 113.5580 },
  { name: '经开区', lat: 34.7280, lng: 113.7500 },
];
