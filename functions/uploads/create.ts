import { endpoint } from '../_lib/http.js';
import { authorizeUpload, createUpload } from '../_lib/services/uploads/create-upload.js';
import { UPLOAD_MAX_BYTES, UPLOAD_TYPES } from '../../shared/contract-uploads.js';

export default endpoint({
  method: 'POST',
  raw: { types: [...UPLOAD_TYPES], maxBytes: UPLOAD_MAX_BYTES },
  authorize: async ({ db, userId }) => authorizeUpload({ db, userId }),
  async handle({ db, userId, raw, rawType }) {
    return { status: 201, body: await createUpload({ db, userId, bytes: raw ?? Buffer.alloc(0), declaredType: rawType ?? '' }) };
  },
});
