// The lottery under concurrency, on the real PostgreSQL (PGlite has one connection and would
// prove nothing): the draw happens once, and applications never queue behind each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/api.js';
import { createNodePgDb } from '../../functions/_lib/db/node-pg.js';
import { drawLottery, drawLotteryOnly } from '../../functions/_lib/services/lottery/draw-lottery.js';
import { notifyDrawResults } from '../../functions/_lib/services/lottery/notify-draw-results.js';
import { runDueDraws } from '../../functions/_lib/services/lottery/run-due-draws.js';
import { ZDrawResult } from '../../shared/schemas.js';
import { verifyPublishedDraw } from '../../shared/domain/lottery.js';
import { AppError } from '../../functions/_lib/errors.js';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ kind: 'postgres', poolMax: 20 });
});
afterAll(async () => {
  await api.close();
});

describe('a lottery on PostgreSQL under concurrency', () => {
  it('draws exactly once when two cadres press 开始抽签 at the same moment: the other gets ALREADY_DRAWN', async () => {
    const orgId = await api.org();
    const id = await api.lottery({ orgId, closed: true, applicants: 40, capacity: 10 });
    const [c1, c2] = [await api.cadre(orgId), await api.cadre(orgId)];
    const replies = await Promise.all([c1, c2].map((c) => api.post(`/api/activities/${id}/draw`, { token: c.token })));
    expect(replies.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(replies.find((r) => r.status === 409)!.body.error.code).toBe('ALREADY_DRAWN');
    expect(await api.count('registrations', 'activity_id = $1 and draw_outcome is not null', [id])).toBe(40);
    expect(await api.count('registrations', `activity_id = $1 and status = 'confirmed'`, [id])).toBe(10);
    expect(await api.count('notification_outbox', `template = 'lottery_result' and data->>'activityId' = $1`, [id])).toBe(40);
    const result = ZDrawResult.parse(replies.find((r) => r.status === 200)!.body);
    expect(verifyPublishedDraw(result).ok).toBe(true);
  });

  it('draws exactly once when a cadre, the scheduler and a second scheduler instance race', async () => {
    const orgId = await api.org();
    const id = await api.lottery({ orgId, closed: true, applicants: 30, capacity: 5 });
    const cadre = await api.cadre(orgId);
    const other = createNodePgDb((api.db as { url?: string }).url as string, 4);
    try {
      const outcomes = await Promise.allSettled([
        drawLottery({ db: api.db, userId: cadre.userId, activityId: id }),
        drawLottery({ db: other, userId: null, activityId: id }),
        runDueDraws({ db: other, limit: 1000 }),
      ]);
      for (const o of outcomes) if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(AppError);
      expect(await api.count('registrations', 'activity_id = $1 and draw_outcome is not null', [id])).toBe(30);
      expect(await api.count('audit_log', `action = 'activity.draw' and subject_id = $1`, [id])).toBe(1);
    } finally {
      await other.close();
    }
  });

  it('lands 300 simultaneous applications as applied, each its own row, with no seat given and none lost', async () => {
    const orgId = await api.org();
    const id = await api.lottery({ orgId, capacity: 20 });
    const crowd = [];
    for (let i = 0; i < 300; i++) crowd.push(await api.memberUser({ orgId }));
    const replies = await Promise.all(crowd.map((m) => api.post(`/api/activities/${id}/registrations`, { token: m.token })));
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(new Set(replies.map((r) => r.body.status))).toEqual(new Set(['applied']));
    expect(await api.count('registrations', `activity_id = $1 and status = 'applied'`, [id])).toBe(300);
    const counters = (await api.db.query<{ confirmed_count: number; next_seq: string }>('select confirmed_count, next_seq::text from activities where id = $1', [id])).rows[0];
    expect(counters).toEqual({ confirmed_count: 0, next_seq: '1' }); // no sign-up touched the activity row
    // double taps in the crowd still make one registration each
    const again = await Promise.all(crowd.slice(0, 50).map((m) => api.post(`/api/activities/${id}/registrations`, { token: m.token })));
    expect(again.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    expect(await api.count('registrations', 'activity_id = $1', [id])).toBe(300);
  });

  it('never leaves an application undrawn when applications race the draw at the close', async () => {
    const orgId = await api.org();
    const id = await api.lottery({ orgId, capacity: 5 });
    const crowd = [];
    for (let i = 0; i < 60; i++) crowd.push(await api.memberUser({ orgId }));
    // close it now, then applications (still inside the window by their own clock) and the draw go together
    const closeAt = new Date();
    await api.db.query(`update activities set signup_opens_at = $2::timestamptz - interval '1 hour', signup_closes_at = $2 where id = $1`, [id, closeAt.toISOString()]);
    const { signUp } = await import('../../functions/_lib/services/sign-up.js');
    const early = new Date(closeAt.getTime() - 1);
    const cadre = await api.cadre(orgId);
    const settled = await Promise.allSettled([
      ...crowd.map((m) => signUp({ db: api.db, userId: m.userId, activityId: id, now: early })),
      drawLottery({ db: api.db, userId: cadre.userId, activityId: id, now: new Date(closeAt.getTime() + 1) }),
    ]);
    for (const s of settled) if (s.status === 'rejected') expect((s.reason as AppError).code).toBe('SIGNUP_CLOSED');
    expect(settled.at(-1)!.status).toBe('fulfilled');
    expect(await api.count('registrations', `activity_id = $1 and status = 'applied'`, [id])).toBe(0);
    expect(await api.count('registrations', 'activity_id = $1 and draw_outcome is not null', [id])).toBe(await api.count('registrations', 'activity_id = $1', [id]));
  });
  it('writes each applicant exactly one result notice when several notifier runs race over one draw', async () => {
    const orgId = await api.org();
    const id = await api.lottery({ orgId, closed: true, applicants: 120, capacity: 10 });
    expect(await drawLotteryOnly({ db: api.db, userId: null, activityId: id })).toBe(true);
    const other = createNodePgDb((api.db as { url?: string }).url as string, 4);
    try {
      // small batches so that the runs interleave on the job's row lock many times
      const written = await Promise.all([
        notifyDrawResults({ db: api.db, activityId: id, batch: 7 }),
        notifyDrawResults({ db: other, activityId: id, batch: 7 }),
        notifyDrawResults({ db: other, batch: 5 }),
        notifyDrawResults({ db: api.db, batch: 11 }),
      ]);
      // a run that found the job locked stops; whatever is left, the next run (the cron) finishes
      const rest = await notifyDrawResults({ db: api.db, activityId: id });
      expect(written.reduce((a, b) => a + b, 0) + rest).toBe(120);
      const { rows } = await api.db.query<{ n: number; members: number }>(
        `select count(*)::int as n, count(distinct member_id)::int as members from notification_outbox where template = 'lottery_result' and data->>'activityId' = $1`,
        [id],
      );
      expect(rows[0]).toEqual({ n: 120, members: 120 });
      expect(await api.count('lottery_notice_jobs', 'activity_id = $1 and done_at is not null', [id])).toBe(1);
    } finally {
      await other.close();
    }
  });
});
