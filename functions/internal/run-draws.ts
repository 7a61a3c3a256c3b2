import { timingSafeEqual } from 'node:crypto';
import { endpoint } from '../_lib/http.js';
import { AppError } from '../_lib/errors.js';
import { getConfig } from '../_lib/config.js';
import { runDueDraws } from '../_lib/services/lottery/run-due-draws.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Vercel Cron calls this every minute with `Authorization: Bearer $CRON_SECRET`: draws closed lotteries. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db, header }) {
    const secret = process.env.CRON_SECRET;
    if (secret ? !sameSecret(header('authorization') ?? '', `Bearer ${secret}`) : getConfig().production) throw new AppError('NOT_FOUND', '接口不存在');
    return { body: await runDueDraws({ db }) };
  },
});
