// The office's aid endpoints (issue #17): review queue and decisions, programmes, notice, payments.
import Taro from '@tarojs/taro';
import { apiUrl, authHeader, request } from '../../../services/api';
import { ZAidApplication, ZAidApplicationList, ZAidProgram, ZAidProgramList, ZAidPublicizeResult, ZImportResult, type TAidProgramInput, type TAidReviewRequest, type TAidStatus } from '../../../services/contract';
import { IS_H5 } from '../../../services/platform';

const enc = encodeURIComponent;

export const aidOfficeApi = {
  programs: () => request({ path: '/aid-programs', schema: ZAidProgramList }),
  queue: (q: { programId?: string; status?: TAidStatus }) => request({ path: '/admin/aid-applications', query: { programId: q.programId, status: q.status, limit: 100 }, schema: ZAidApplicationList }),
  application: (id: string) => request({ path: `/aid-applications/${enc(id)}`, schema: ZAidApplication }),
  review: (id: string, body: TAidReviewRequest) => request({ method: 'POST', path: `/admin/aid-applications/${enc(id)}/review`, body, schema: ZAidApplication }),
  createProgram: (body: TAidProgramInput) => request({ method: 'POST', path: '/admin/aid-programs', body, schema: ZAidProgram }),
  publicize: (programId: string) => request({ method: 'POST', path: `/admin/aid-programs/${enc(programId)}/publicize`, schema: ZAidPublicizeResult }),
  importPayments: (rows: { applicationId: string; paidAt: string }[]) => request({ method: 'POST', path: '/admin/aid-applications/payments/import', body: { rows }, schema: ZImportResult }),
};

/** A document opened for the reviewer (the read is audited by the server). */
export async function openDocument(uploadId: string): Promise<void> {
  const url = apiUrl(`/uploads/${enc(uploadId)}`);
  if (IS_H5) {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw new Error(String(res.status));
    window.open(URL.createObjectURL(await res.blob()), '_blank');
    return;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header: authHeader() });
  if (statusCode !== 200) throw new Error(String(statusCode));
  if (/\.pdf$/i.test(tempFilePath)) await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' });
  else await Taro.previewImage({ urls: [tempFilePath] });
}
