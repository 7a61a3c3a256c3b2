import { endpoint } from '../_lib/http.js';
import { readUploadSession } from '../_lib/services/uploads/read-upload-session.js';
import { ZUploadSessionId } from '../../shared/contract-uploads.js';

export default endpoint({
  method: 'GET',
  async handle({ db, userId, pathId }) {
    const session = await readUploadSession({ db, userId, sessionId: pathId('id', ZUploadSessionId) });
    return { body: session, headers: { 'Upload-Offset': String(session.offset), 'cache-control': 'no-store' } };
  },
});
