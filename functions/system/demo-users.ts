import { endpoint } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';
import { getConfig } from '../_lib/config.js';
import { DEMO_LOGINS } from '../_lib/demo-logins.js';

/** The H5 demo's user picker. Only where dev login is on: never in production. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle() {
    if (!getConfig().devLogin) throw new AppError('NOT_FOUND', '接口不存在');
    return { body: { items: DEMO_LOGINS } };
  },
});
