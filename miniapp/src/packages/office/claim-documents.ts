// Opening a claim's documents in the office (issue #17). GET /api/uploads/:id needs the session
// header, which <Image src> and previewImage cannot send: H5 fetches the bytes and shows them from
// a blob URL in a new tab; weapp downloads them (Taro.downloadFile takes headers) and previews the
// photo or opens the PDF. Every open is audited by the server.
import Taro from '@tarojs/taro';
import { apiUrl, authHeader } from '../../services/api';
import { IS_H5 } from '../../services/platform';

export async function openDocument(uploadId: string, contentType: string): Promise<void> {
  const url = apiUrl(`/uploads/${encodeURIComponent(uploadId)}`);
  if (IS_H5) {
    const res = await fetch(url, { headers: authHeader() });
    if (!res.ok) throw new Error(String(res.status));
    const href = URL.createObjectURL(await res.blob());
    window.open(href, '_blank');
    setTimeout(() => URL.revokeObjectURL(href), 60_000);
    return;
  }
  const { tempFilePath, statusCode } = await Taro.downloadFile({ url, header: authHeader() });
  if (statusCode !== 200) throw new Error(String(statusCode));
  if (contentType === 'application/pdf') await Taro.openDocument({ filePath: tempFilePath, fileType: 'pdf' });
  else await Taro.previewImage({ urls: [tempFilePath] });
}
