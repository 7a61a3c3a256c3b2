import { endpoint } from '../_lib/http.js';
import { authorizeUpload } from '../_lib/services/uploads/create-upload.js';
import { startUploadSession } from '../_lib/services/uploads/start-upload-session.js';
import { ZUploadSessionInput } from '../../shared/contract-uploads.js';

export default endpoint({
  method: 'POST',
  body: ZUploadSessionInput,
  authorize: async ({ db, userId }) => authorizeUpload({ db, userId }),
  async handle({ db, userId, body }) {
    return { status: 201, body: await startUploadSession({ db, userId, contentType: body.contentType, size: body.size }) };
  },
});
