// Scarce benefits: lottery, priority groups, public results (api.md, issue #16; docs/lottery.md).
// Imports only zod, contract-base and shared/domain, so shared/schemas.ts can import it without a cycle.
import { z } from './zod.js';
import { ZDateTime } from './contract-base.js';
import { LOTTERY_ALGORITHM, MEMBER_GROUPS } from './domain/lottery.js';

export const ZAllocation = z.enum(['first_come', 'lottery']);
export const ZPriorityGroup = z.enum(MEMBER_GROUPS, { message: '优先类别只能是困难职工、劳模、新就业形态、一线职工' });
export const ZPriorityGroups = z
  .array(ZPriorityGroup)
  .max(4)
  .refine((g) => new Set(g).size === g.length, { message: '优先类别不能重复' });
export const ZPriorityShare = z.number().int({ message: '优先比例须为整数' }).min(0, { message: '优先比例不能小于0' }).max(100, { message: '优先比例不能超过100' });

/** The allocation fields of ActivityInput: first come has no priority rules; a share needs groups. */
export function refineAllocation(v: { allocation?: string; priorityGroups?: string[]; priorityShare?: number }, ctx: z.RefinementCtx) {
  const groups = v.priorityGroups ?? [];
  const share = v.priorityShare ?? 0;
  if (v.allocation !== 'lottery') {
    if (groups.length > 0) ctx.addIssue({ code: 'custom', path: ['priorityGroups'], message: '先到先得的活动不设优先类别' });
    if (share > 0) ctx.addIssue({ code: 'custom', path: ['priorityShare'], message: '先到先得的活动不设优先比例' });
  } else if (share > 0 && groups.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['priorityGroups'], message: '设置了优先比例，请选择优先类别' });
  }
}

export const ZDrawOutcome = z.enum(['confirmed', 'waitlisted', 'not_selected']);
export const ZDrawEntry = z.object({
  rank: z.number().int().min(1),
  registrationId: z.string(),
  nameMasked: z.string(),
  memberNoMasked: z.string(),
  groups: z.array(ZPriorityGroup),
  outcome: ZDrawOutcome,
});
/** GET /api/activities/:id/draw: the public result (公示); anyone, no login. */
export const ZDrawResult = z.object({
  seedHash: z.string(),
  seed: z.string(),
  drawnAt: ZDateTime,
  algorithm: z.literal(LOTTERY_ALGORITHM),
  explanation: z.string(),
  entries: z.array(ZDrawEntry),
  // extensions: what the outcomes were decided with, so the result recomputes from itself alone
  activityId: z.string(),
  activityTitle: z.string(),
  capacity: z.number().int(),
  priorityShare: z.number().int(),
  priorityGroups: z.array(ZPriorityGroup),
  waitlistEnabled: z.boolean(),
});
/** POST /api/internal/run-draws (cron): how many lotteries were drawn. */
export const ZRunDrawsResult = z.object({ drawn: z.number().int(), skipped: z.number().int() });

export type TAllocation = z.infer<typeof ZAllocation>;
export type TPriorityGroup = z.infer<typeof ZPriorityGroup>;
export type TDrawEntry = z.infer<typeof ZDrawEntry>;
export type TDrawResult = z.infer<typeof ZDrawResult>;
