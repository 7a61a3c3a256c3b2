import { endpoint } from '../_lib/http.js';
import { requireCronSecret } from '../_lib/cron.js';
import { runDueDraws } from '../_lib/services/lottery/run-due-draws.js';

/** Vercel Cron calls this every minute with `Authorization: Bearer $CRON_SECRET`: draws closed lotteries. */
export default endpoint({
  method: 'GET',
  auth: 'none',
  async handle({ db, header }) {
    requireCronSecret(header('authorization'));
    return { body: await runDueDraws({ db }) };
  },
});
