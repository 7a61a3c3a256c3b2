// The contract as the mini-program sees it: shared/schemas.ts plus the few answers that api.md
// names but shared/ does not model yet (demo users for the H5 login picker).
import { z } from '../../../shared/zod.js';
import type { TActivity } from '../../../shared/schemas.js';

export * from '../../../shared/schemas.js';

export const ZDemoUser = z.object({ openid: z.string(), label: z.string(), role: z.string() });
export const ZDemoUsers = z.object({ items: z.array(ZDemoUser) });
export type TDemoUser = z.infer<typeof ZDemoUser>;

export type TCategoryFilter = TActivity['category'];
