import { endpoint } from '../_lib/http.js';
import { appendUploadChunk, parseUploadOffset } from '../_lib/services/uploads/append-upload-chunk.js';
import { UPLOAD_CHUNK_MAX_BYTES, UPLOAD_CHUNK_TYPES, ZUploadSessionId } from '../../shared/contract-uploads.js';

export default endpoint({
  method: 'PUT',
  raw: { types: [...UPLOAD_CHUNK_TYPES], maxBytes: UPLOAD_CHUNK_MAX_BYTES },
  async handle({ db, userId, pathId, header, raw }) {
    const sessionId = pathId('id', ZUploadSessionId);
    const offset = parseUploadOffset(header('upload-offset'));
    const { status, body } = await appendUploadChunk({ db, userId, sessionId, offset, bytes: raw ?? Buffer.alloc(0) });
    const next = 'offset' in body ? body.offset : body.size;
    return { status, body, headers: { 'Upload-Offset': String(next) } };
  },
});
