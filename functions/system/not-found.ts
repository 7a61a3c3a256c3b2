import type { ServerResponse } from 'node:http';
import { sendJson } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';

/** Every /api path no route claims: the contract's 404 body, never the platform's HTML page. */
export default async function notFound(_req: unknown, res: ServerResponse) {
  sendJson(res, 404, new AppError('NOT_FOUND', '接口不存在').toBody());
}
