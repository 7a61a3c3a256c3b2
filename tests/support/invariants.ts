// What must be true of the data after any sequence of requests, however hostile or interrupted:
// nothing half-written. Each check is one query that lists the rows breaking it; an empty list
// everywhere is the pass. Used by the fuzzer and the fault tests.
import type { Queryable } from '../../functions/_lib/db/index.js';

export const INVARIANTS: { name: string; sql: string }[] = [
  {
    name: 'activity counters equal its registrations',
    sql: `select a.id::text from activities a
           where a.confirmed_count <> (select count(*) from registrations r where r.activity_id = a.id and r.status in ('confirmed', 'checked_in'))
              or a.waitlist_count <> (select count(*) from registrations r where r.activity_id = a.id and r.status = 'waitlisted')
              or a.checked_in_count <> (select count(*) from registrations r where r.activity_id = a.id and r.status = 'checked_in')`,
  },
  { name: 'no activity holds more confirmed seats than its capacity', sql: `select id::text from activities where confirmed_count > capacity` },
  {
    name: 'nobody waits while a seat of a published activity is free',
    sql: `select a.id::text from activities a
           where a.status = 'published' and a.confirmed_count < a.capacity
             and exists (select 1 from registrations r where r.activity_id = a.id and r.status = 'waitlisted')`,
  },
  {
    name: 'a cancelled activity has no active registration',
    sql: `select a.id::text from activities a
           where a.status = 'cancelled' and exists (select 1 from registrations r where r.activity_id = a.id and r.status in ('confirmed', 'waitlisted'))`,
  },
  {
    name: 'every registration belongs to an existing activity and member',
    sql: `select r.id::text from registrations r
            left join activities a on a.id = r.activity_id left join members m on m.id = r.member_id
           where a.id is null or m.id is null`,
  },
  {
    name: 'a member holds at most one active registration per activity',
    sql: `select activity_id::text from registrations where status <> 'cancelled' group by activity_id, member_id having count(*) > 1`,
  },
  {
    name: 'every checked-in registration has the scan that checked it in',
    sql: `select r.id::text from registrations r
           where r.status = 'checked_in'
             and not exists (select 1 from checkins c where c.registration_id = r.id and c.result = 'checked_in')`,
  },
  { name: 'every claim has at least one timeline event', sql: `select c.id::text from claims c where not exists (select 1 from claim_events e where e.claim_id = c.id)` },
  {
    name: "a claim's status is its latest timeline event",
    sql: `select c.id::text from claims c
           where c.status <> (select e.status from claim_events e where e.claim_id = c.id order by e.at desc, e.id desc limit 1)`,
  },
  {
    name: "an org's materialised path is its parent's path plus its id",
    sql: `select o.id::text from orgs o left join orgs p on p.id = o.parent_id
           where o.path <> coalesce(p.path, '/') || o.id || '/'`,
  },
  { name: 'a cadre role names an org', sql: `select id::text from roles where role = 'cadre' and org_id is null` },
  {
    name: 'ID numbers are kept masked only',
    sql: `select id::text from members where id_masked !~ '^[0-9]{3}\\*+[0-9]{3}[0-9Xx]$' or id_hash ~ '^[0-9]{17}[0-9Xx]$'`,
  },
];

/** Every broken invariant with up to five offending ids; empty when the data is whole. */
export async function brokenInvariants(db: Queryable): Promise<{ name: string; ids: string[] }[]> {
  const broken: { name: string; ids: string[] }[] = [];
  for (const inv of INVARIANTS) {
    const { rows } = await db.query<{ id: string }>(`select * from (${inv.sql}) v(id) limit 5`);
    if (rows.length) broken.push({ name: inv.name, ids: rows.map((r) => r.id) });
  }
  return broken;
}
