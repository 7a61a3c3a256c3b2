import { endpoint } from '../_lib/http.js';
import { readUpload } from '../_lib/services/uploads/read-upload.js';
import { ZUploadId } from '../../shared/contract-uploads.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    const { bytes, contentType } = await readUpload({ db, userId, uploadId: pathId('id', ZUploadId) });
    return {
      raw: bytes,
      headers: {
        'content-type': contentType,
        'content-length': String(bytes.length),
        // shown in the page, never cached by a shared cache, never sniffed into something else
        'content-disposition': 'inline',
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    };
  },
});
