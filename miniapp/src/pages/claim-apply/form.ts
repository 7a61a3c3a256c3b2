// 申请互助金: the form's rules, apart from the page so that they are tested without a phone.
import { CLAIM_DOCUMENT_LABELS, missingClaimDocuments, type ClaimDocumentKey } from '../../../../shared/domain/claim-documents.js';
import { PLAN_NAMES, type Plan } from '../../../../shared/domain/claims.js';
import { yuanTextToFen } from '../../../../shared/domain/money.js';
import type { TClaimApplicationRequest } from '../../services/contract';

export type DocSlot = { key: ClaimDocumentKey; uploadId: string };
export type ApplyForm = { plan: Plan | ''; incidentDate: string; amountYuan: string; description: string; documents: DocSlot[] };

export type Checked = { ok: true; request: TClaimApplicationRequest } | { ok: false; errors: Partial<Record<'plan' | 'incidentDate' | 'amount' | 'description' | 'documents', string>> };

/** Yuan typed by the member to fen, exactly; the messages say what is wrong in plain words. */
export function checkApplication(form: ApplyForm, today: string): Checked {
  const errors: Extract<Checked, { ok: false }>['errors'] = {};
  if (!form.plan) errors.plan = '请选择保障项目';
  if (!form.incidentDate) errors.incidentDate = '请选择出险日期';
  else if (form.incidentDate > today) errors.incidentDate = '出险日期不能晚于今天';
  const fen = yuanTextToFen(form.amountYuan);
  if (fen === null) errors.amount = '请填写金额（元），最多两位小数';
  else if (fen <= 0) errors.amount = '申请金额须大于0';
  if (form.description.trim().length > 500) errors.description = '情况说明不能超过500字';
  if (form.plan) {
    const missing = missingClaimDocuments(form.plan, form.documents.map((d) => d.key));
    if (missing.length) errors.documents = `${PLAN_NAMES[form.plan]}还需上传：${missing.map((k) => CLAIM_DOCUMENT_LABELS[k]).join('、')}`;
  }
  if (Object.keys(errors).length || !form.plan || fen === null) return { ok: false, errors };
  return {
    ok: true,
    request: {
      plan: form.plan,
      incidentDate: form.incidentDate,
      amountClaimedFen: fen,
      ...(form.description.trim() ? { description: form.description.trim() } : {}),
      documents: form.documents.map((d) => ({ key: d.key, uploadId: d.uploadId })),
    },
  };
}
