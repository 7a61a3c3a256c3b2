// 互助金申请 (issue #17): the documents a member attaches to a claim application, and which ones
// each plan asks for. The mini-program shows the labels; the server checks the required keys.
import type { Plan } from './claims.js';

export const CLAIM_DOCUMENT_KEYS = ['invoice', 'discharge_summary', 'diagnosis', 'accident_proof', 'expense_list', 'id_card', 'bank_card', 'other'] as const;
export type ClaimDocumentKey = (typeof CLAIM_DOCUMENT_KEYS)[number];

export const CLAIM_DOCUMENT_LABELS: Record<ClaimDocumentKey, string> = {
  invoice: '医疗费用发票',
  discharge_summary: '出院小结',
  diagnosis: '诊断证明',
  accident_proof: '事故证明',
  expense_list: '费用清单',
  id_card: '身份证',
  bank_card: '银行卡',
  other: '其他材料',
};

/** What each plan asks for at the least; any other document may be added. */
export const CLAIM_REQUIRED_DOCUMENTS: Record<Plan, readonly ClaimDocumentKey[]> = {
  basic: ['diagnosis', 'invoice'],
  critical_illness: ['diagnosis'],
  accident: ['accident_proof', 'invoice'],
  hospitalization: ['invoice', 'discharge_summary'],
};

/** The required documents of `plan` missing from `keys`, in the plan's order. */
export function missingClaimDocuments(plan: Plan, keys: readonly string[]): ClaimDocumentKey[] {
  const have = new Set(keys);
  return CLAIM_REQUIRED_DOCUMENTS[plan].filter((k) => !have.has(k));
}

/** Documents one application may carry in all (each ≤ 5 MB). */
export const MAX_CLAIM_DOCUMENTS = 20;
