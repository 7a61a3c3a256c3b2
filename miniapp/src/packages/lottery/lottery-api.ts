// The lottery's public result (api.md "Scarce benefits"; issue #16): anyone may read it, no login.
import { request } from '../../services/api';
import { ZDrawResult } from '../../services/contract';

export const lotteryApi = {
  result: (id: string) => request({ path: `/activities/${encodeURIComponent(id)}/draw`, schema: ZDrawResult, timeoutMs: 30_000 }),
};
