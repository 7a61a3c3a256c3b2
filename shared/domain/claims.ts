// 职工互助保障 claim lifecycle (api.md "Mutual insurance").
export const CLAIM_STATUSES = ['submitted', 'under_review', 'needs_info', 'approved', 'paid', 'rejected'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

export const CLAIM_STATUS_LABELS: Record<ClaimStatus, string> = {
  submitted: '已提交',
  under_review: '审核中',
  needs_info: '待补充材料',
  approved: '已核定',
  paid: '已打款',
  rejected: '未通过',
};

const ALLOWED_MOVES: Record<ClaimStatus, readonly ClaimStatus[]> = {
  submitted: ['under_review'],
  under_review: ['needs_info', 'approved', 'rejected'],
  needs_info: ['under_review'],
  approved: ['paid'],
  paid: [],
  rejected: [],
};

export function canMoveClaim(from: ClaimStatus, to: ClaimStatus): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

export const PLANS = ['basic', 'critical_illness', 'accident', 'hospitalization'] as const;
export type Plan = (typeof PLANS)[number];

export const PLAN_NAMES: Record<Plan, string> = {
  basic: '在职职工互助保障',
  critical_illness: '重大疾病互助保障',
  accident: '意外伤害互助保障',
  hospitalization: '惠工保住院医疗互助保障',
};
