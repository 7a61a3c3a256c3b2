import type { Db } from '../../db/index.js';
import { loadActor, requireAdmin } from '../load-actor.js';
import { loadJoinOfficer } from './join-office.js';
import { writeAudit } from '../write-audit.js';
import type { TCalendarDay } from '../../../../shared/schemas.js';

type DayRow = { day: string; workday: boolean; name: string };
const DAY_COLUMNS = `to_char(day, 'YYYY-MM-DD') as day, workday, name`;

/** The days that differ from Monday–Friday (holidays, 调休 working days), of one year or all. Admins and cadres. */
export async function listCalendarDays(options: { db: Db; userId: string; year?: number }): Promise<{ items: TCalendarDay[] }> {
  await loadJoinOfficer(options);
  const { rows } = await options.db.query<DayRow>(
    `select ${DAY_COLUMNS} from calendar_days where $1::int is null or extract(year from day) = $1::int order by day`,
    [options.year ?? null],
  );
  return { items: rows };
}

/**
 * An admin adds or corrects days (the State Council's notice for the next year, a local holiday):
 * upsert by day. Every review deadline computed afterwards counts with them; deadlines already
 * given are not moved (the applicant was told a date).
 */
export async function addCalendarDays(options: { db: Db; userId: string; days: TCalendarDay[] }): Promise<{ items: TCalendarDay[] }> {
  const { db } = options;
  const actor = await loadActor(options);
  requireAdmin(actor);
  // one row per day: the last given wins
  const byDay = new Map(options.days.map((d) => [d.day, d]));
  const days = [...byDay.values()];
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<DayRow>(
      `insert into calendar_days (day, workday, name)
       select v.day, v.workday, v.name from unnest($1::date[], $2::boolean[], $3::text[]) as v(day, workday, name)
       on conflict (day) do update set workday = excluded.workday, name = excluded.name
       returning ${DAY_COLUMNS}`,
      [days.map((d) => d.day), days.map((d) => d.workday), days.map((d) => d.name)],
    );
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'calendar.days', subjectType: 'calendar', subjectId: null, detail: { days: days.map((d) => d.day) } });
    return { items: rows.sort((a, b) => (a.day < b.day ? -1 : 1)) };
  });
}

/**
 * An admin gives days back to the ordinary week (a holiday entered by mistake, a 调休 day the
 * notice did not have): their rows are deleted, in one statement. A day that has no row is
 * already ordinary and is left alone; the answer lists the rows removed, as they were.
 */
export async function removeCalendarDays(options: { db: Db; userId: string; days: string[] }): Promise<{ items: TCalendarDay[] }> {
  const { db } = options;
  const actor = await loadActor(options);
  requireAdmin(actor);
  const days = [...new Set(options.days)];
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<DayRow>(`delete from calendar_days where day = any($1::date[]) returning ${DAY_COLUMNS}`, [days]);
    rows.sort((a, b) => (a.day < b.day ? -1 : 1));
    await writeAudit({ db: tx, actorUserId: actor.userId, action: 'calendar.days.remove', subjectType: 'calendar', subjectId: null, detail: { days: rows.map((d) => d.day) } });
    return { items: rows };
  });
}
