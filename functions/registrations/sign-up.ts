import { endpoint } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';
import { signUp } from '../_lib/services/sign-up.js';

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{1,128}$/;

export default endpoint({
  method: 'POST',
  async handle({ db, userId, pathId, header }) {
    const key = header('idempotency-key');
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new AppError('VALIDATION_FAILED', 'Idempotency-Key 只能包含1至128位字母、数字和 _.:-', { details: [{ path: 'Idempotency-Key', message: '格式不正确' }] });
    }
    const { registration, created } = await signUp({ db, userId, activityId: pathId(), idempotencyKey: key });
    return { status: created ? 201 : 200, body: registration };
  },
});
