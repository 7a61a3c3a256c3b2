// How activities and registrations are read from SQL and shaped as api.md's `Activity` and
// `Registration`. Every service that answers them uses these, so the shapes cannot drift.
import type { TActivity, TRegistration } from '../../../shared/schemas.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';
import { getConfig } from '../config.js';
import { issueTicket } from '../tickets.js';
import { maskMemberNo } from '../../../shared/domain/mask.js';
import { ticketHolder } from '../../../shared/domain/tickets.js';

export const ACTIVITY_COLUMNS = `a.id::text as a_id, a.org_id::text as a_org_id, o.name as a_org_name, a.title as a_title, a.category as a_category,
  a.description as a_description, a.location as a_location, a.starts_at as a_starts_at, a.ends_at as a_ends_at,
  a.signup_opens_at as a_signup_opens_at, a.signup_closes_at as a_signup_closes_at, a.capacity as a_capacity,
  a.waitlist_enabled as a_waitlist_enabled, a.cancel_deadline as a_cancel_deadline, a.audience as a_audience, a.status as a_status,
  a.cancel_reason as a_cancel_reason, a.confirmed_count as a_confirmed_count, a.waitlist_count as a_waitlist_count,
  a.checked_in_count as a_checked_in_count, a.allocation as a_allocation, a.priority_groups as a_priority_groups,
  a.priority_share as a_priority_share, a.draw_seed_hash as a_draw_seed_hash, a.drawn_at as a_drawn_at,
  case when a.allocation = 'lottery' then (select count(*)::int from registrations ap where ap.activity_id = a.id and ap.status <> 'cancelled') end as a_applicant_count`;

/** Registration columns from alias r, with the live waitlist position (arrival order among the waitlisted). */
export const REGISTRATION_COLUMNS = `r.id::text as r_id, r.activity_id::text as r_activity_id, r.status as r_status, r.created_at as r_created_at,
  r.checked_in_at as r_checked_in_at,
  (select m.name from members m where m.id = r.member_id) as r_member_name,
  (select m.member_no from members m where m.id = r.member_id) as r_member_no,
  case when r.status = 'waitlisted' then (select count(*)::int from registrations w where w.activity_id = r.activity_id and w.status = 'waitlisted' and w.seq <= r.seq) end as r_waitlist_position`;

export type ActivityRow = {
  a_id: string; a_org_id: string; a_org_name: string; a_title: string; a_category: TActivity['category']; a_description: string;
  a_location: TActivity['location']; a_starts_at: Date; a_ends_at: Date; a_signup_opens_at: Date; a_signup_closes_at: Date;
  a_capacity: number; a_waitlist_enabled: boolean; a_cancel_deadline: Date | null; a_audience: 'org' | 'all';
  a_status: 'published' | 'cancelled'; a_cancel_reason: string | null; a_confirmed_count: number; a_waitlist_count: number; a_checked_in_count: number;
  a_allocation: TActivity['allocation']; a_priority_groups: TActivity['priorityGroups']; a_priority_share: number; a_draw_seed_hash: string | null;
  a_drawn_at: Date | null; a_applicant_count: number | null;
};
export type RegistrationRow = {
  r_id: string | null; r_activity_id: string; r_status: TRegistration['status']; r_created_at: Date; r_checked_in_at: Date | null; r_waitlist_position: number | null;
  /** the member, for the ticket's holder; a row without them gets a ticket without a holder (T1) */
  r_member_name?: string | null; r_member_no?: string | null;
};

const time = (d: Date) => toShanghaiIso(d);

export function toActivity(row: ActivityRow): TActivity {
  return {
    id: row.a_id,
    orgId: row.a_org_id,
    orgName: row.a_org_name,
    title: row.a_title,
    category: row.a_category,
    description: row.a_description,
    location: row.a_location,
    startsAt: time(row.a_starts_at),
    endsAt: time(row.a_ends_at),
    signupOpensAt: time(row.a_signup_opens_at),
    signupClosesAt: time(row.a_signup_closes_at),
    capacity: row.a_capacity,
    waitlistEnabled: row.a_waitlist_enabled,
    ...(row.a_cancel_deadline ? { cancelDeadline: time(row.a_cancel_deadline) } : {}),
    audience: row.a_audience,
    status: row.a_status,
    cancelReason: row.a_cancel_reason,
    confirmedCount: row.a_confirmed_count,
    waitlistCount: row.a_waitlist_count,
    checkedInCount: row.a_checked_in_count,
    seatsLeft: row.a_status === 'cancelled' ? 0 : Math.max(0, row.a_capacity - row.a_confirmed_count),
    allocation: row.a_allocation,
    priorityGroups: row.a_priority_groups,
    priorityShare: row.a_priority_share,
    drawSeedHash: row.a_draw_seed_hash,
    drawnAt: row.a_drawn_at ? time(row.a_drawn_at) : null,
    applicantCount: row.a_applicant_count,
  };
}

export function toRegistration(row: RegistrationRow): TRegistration {
  const id = row.r_id as string;
  const holdsSeat = row.r_status === 'confirmed' || row.r_status === 'checked_in';
  return {
    id,
    activityId: row.r_activity_id,
    status: row.r_status,
    waitlistPosition: row.r_status === 'waitlisted' ? row.r_waitlist_position : null,
    createdAt: time(row.r_created_at),
    checkedInAt: row.r_checked_in_at ? time(row.r_checked_in_at) : null,
    ticket: holdsSeat
      ? issueTicket(getConfig(), {
          registrationId: id,
          activityId: row.r_activity_id,
          ...(row.r_member_name && row.r_member_no ? { holder: ticketHolder(row.r_member_name, maskMemberNo(row.r_member_no)) } : {}),
        })
      : null,
  };
}
