-- Joining the union online (入会, issue #15; api.md "Joining the union online" and "v1.1 precisions"):
-- what kind of union each org is (join routing), the working-day calendar behind review deadlines,
-- join applications, and membership transfers (会籍转移).

-- ---------- orgs: kind, platform, district, the plan given on joining ----------
-- `if not exists`: another capability may have added the same columns first.
alter table orgs add column if not exists kind text check (kind in ('city', 'district', 'industry', 'grassroots'));
alter table orgs add column if not exists platform text check (length(platform) between 1 and 30);
alter table orgs add column if not exists district text check (length(district) between 1 and 30);
-- 入会即送: the mutual-insurance plan a new member of this union gets for the year of joining.
alter table orgs add column join_plan text check (join_plan in ('basic', 'critical_illness', 'accident', 'hospitalization'));
-- Routing must be unambiguous: one industry union per platform, one district union per district.
create unique index orgs_industry_platform on orgs (platform) where kind = 'industry';
create unique index orgs_district_name on orgs (district) where kind = 'district';

-- ---------- the working-day calendar (Asia/Shanghai) ----------
-- Days that differ from "Monday to Friday work, weekends rest": public holidays on weekdays
-- (workday = false) and make-up working days on weekends (调休上班, workday = true).
create table calendar_days (
  day date primary key,
  workday boolean not null,
  name text not null check (length(name) between 1 and 30)
);

-- 2026: 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
insert into calendar_days (day, workday, name)
select d::date, false, v.name
  from (values ('元旦', '2026-01-01', '2026-01-03'), ('春节', '2026-02-15', '2026-02-23'), ('清明节', '2026-04-04', '2026-04-06'),
               ('劳动节', '2026-05-01', '2026-05-05'), ('端午节', '2026-06-19', '2026-06-21'), ('中秋节', '2026-09-25', '2026-09-27'),
               ('国庆节', '2026-10-01', '2026-10-07')) as v(name, first, last),
       generate_series(v.first::date, v.last::date, interval '1 day') as d;
insert into calendar_days (day, workday, name) values
  ('2026-01-04', true, '元旦调休上班'), ('2026-02-14', true, '春节调休上班'), ('2026-02-28', true, '春节调休上班'),
  ('2026-05-09', true, '劳动节调休上班'), ('2026-09-20', true, '国庆节调休上班'), ('2026-10-10', true, '国庆节调休上班');
-- 2027: the statutory days of 《全国年节及纪念日放假办法》 (2024 revision); the State Council's
-- notice with the 2027 调休 days comes late in 2026: an admin adds them (POST /api/admin/calendar-days).
insert into calendar_days (day, workday, name) values
  ('2027-01-01', false, '元旦'),
  ('2027-02-05', false, '春节'), ('2027-02-06', false, '春节'), ('2027-02-07', false, '春节'), ('2027-02-08', false, '春节'),
  ('2027-04-05', false, '清明节'), ('2027-05-01', false, '劳动节'), ('2027-05-02', false, '劳动节'),
  ('2027-06-09', false, '端午节'), ('2027-09-15', false, '中秋节'),
  ('2027-10-01', false, '国庆节'), ('2027-10-02', false, '国庆节'), ('2027-10-03', false, '国庆节');

-- The one place where working days are counted. The deadline `p_days` working days after `p_at`:
-- the end (23:59:59 Asia/Shanghai, UTC+8 without daylight saving) of the p_days-th working day
-- after the day of p_at. A working day: Monday–Friday unless calendar_days says otherwise.
create function working_days_after(p_at timestamptz, p_days int)
returns timestamptz
language sql stable as $$
  select ((g.d::date + 1)::timestamp - interval '8 hours' - interval '1 second') at time zone 'UTC'
    from generate_series(((p_at at time zone 'UTC') + interval '8 hours')::date + 1,
                         ((p_at at time zone 'UTC') + interval '8 hours')::date + p_days * 3 + 30, interval '1 day') as g(d)
    left join calendar_days c on c.day = g.d::date
   where coalesce(c.workday, extract(isodow from g.d) < 6)
   order by g.d
  offset greatest(p_days, 1) - 1
   limit 1
$$;

-- ---------- join applications ----------
create table join_applications (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id),
  status text not null default 'pending' check (status in ('pending', 'approved', 'rejected', 'withdrawn')),
  org_id bigint not null references orgs (id),
  channel text not null check (channel in ('employer', 'gig')),
  name text not null check (length(name) between 1 and 30),
  -- the ID number only as its keyed hash (members.id_hash's) and masked, like the roster
  id_hash text not null,
  id_masked text not null,
  phone_masked text,
  phone_hash text,
  -- the phone came from WeChat's getPhoneNumber (a 'phone' binding on approval), not typed in
  phone_verified boolean not null default false,
  employer text check (length(employer) <= 60),
  platform text check (length(platform) <= 30),
  district text check (length(district) <= 30),
  submitted_at timestamptz not null,
  review_due_at timestamptz not null,
  transferred_at timestamptz,
  decided_at timestamptz,
  decided_by bigint references users (id),
  reject_reason text check (length(reject_reason) between 2 and 200),
  member_id bigint references members (id),
  check ((status = 'pending') = (decided_at is null)),
  check (status <> 'rejected' or reject_reason is not null),
  check ((status = 'approved') = (member_id is not null)),
  check (phone_hash is not null or not phone_verified)
);
-- One application in progress per person and per WeChat user; decided ones do not block applying again.
create unique index join_applications_one_pending_person on join_applications (id_hash) where status = 'pending';
create unique index join_applications_one_pending_user on join_applications (user_id) where status = 'pending';
create index join_applications_user on join_applications (user_id, id desc);
create index join_applications_org_pending on join_applications (org_id, id) where status = 'pending';
create index join_applications_org on join_applications (org_id, id);

-- Legal moves, held by the database whatever the caller: pending → pending (sent to another union),
-- pending → approved | rejected | withdrawn. A decided application never changes again, and who
-- applied, with which ID number, never changes at all.
create function join_applications_transition() returns trigger language plpgsql as $$
begin
  if old.status <> 'pending' then
    raise exception 'join application % is %: no further change', old.id, old.status using errcode = 'P0001';
  end if;
  if new.user_id <> old.user_id or new.id_hash <> old.id_hash or new.submitted_at <> old.submitted_at then
    raise exception 'join application %: applicant fields are fixed', old.id using errcode = 'P0001';
  end if;
  return new;
end
$$;
create trigger join_applications_legal_moves
  before update on join_applications
  for each row execute function join_applications_transition();

-- ---------- membership transfers (会籍转移) ----------
-- requested → accepted (the receiving union agrees; the old union may object until objection_due_at)
-- → completed (the member moves), or requested → rejected, accepted → objected, requested → cancelled.
create table membership_transfers (
  id bigint generated always as identity primary key,
  member_id bigint not null references members (id),
  from_org_id bigint not null references orgs (id),
  to_org_id bigint not null references orgs (id),
  status text not null default 'requested' check (status in ('requested', 'accepted', 'completed', 'rejected', 'objected', 'cancelled')),
  reason text check (length(reason) <= 200),
  requested_by bigint not null references users (id),
  requested_at timestamptz not null,
  accepted_at timestamptz,
  accepted_by bigint references users (id),
  objection_due_at timestamptz,
  decided_at timestamptz,
  decided_by bigint references users (id),
  decision_reason text check (length(decision_reason) between 2 and 200),
  completed_at timestamptz,
  check (from_org_id <> to_org_id),
  check (status not in ('accepted', 'completed', 'objected') or (accepted_at is not null and objection_due_at is not null)),
  check (status <> 'completed' or completed_at is not null),
  check (status not in ('rejected', 'objected') or decision_reason is not null)
);
create unique index membership_transfers_one_open on membership_transfers (member_id) where status in ('requested', 'accepted');
create index membership_transfers_member on membership_transfers (member_id, id desc);
create index membership_transfers_due on membership_transfers (objection_due_at) where status = 'accepted';

create function membership_transfers_transition() returns trigger language plpgsql as $$
begin
  if not ((old.status = 'requested' and new.status in ('requested', 'accepted', 'rejected', 'cancelled'))
       or (old.status = 'accepted' and new.status in ('accepted', 'completed', 'objected'))) then
    raise exception 'membership transfer %: % → % is not allowed', old.id, old.status, new.status using errcode = 'P0001';
  end if;
  if new.member_id <> old.member_id or new.from_org_id <> old.from_org_id or new.to_org_id <> old.to_org_id then
    raise exception 'membership transfer %: parties are fixed', old.id using errcode = 'P0001';
  end if;
  return new;
end
$$;
create trigger membership_transfers_legal_moves
  before update on membership_transfers
  for each row execute function membership_transfers_transition();

-- Completes every accepted transfer whose objection period has passed: the member moves to the
-- receiving union (the row lock on the member orders this against a roster import moving them).
-- Called by the notification dispatcher's cron and before the transfer endpoints read.
create function complete_membership_transfers(p_now timestamptz)
returns setof bigint
language sql volatile as $$
  with done as (
    update membership_transfers t set status = 'completed', completed_at = p_now
     where t.status = 'accepted' and t.objection_due_at < p_now
    returning t.id, t.member_id, t.to_org_id
  ), moved as (
    update members m set org_id = d.to_org_id, updated_at = p_now from done d where m.id = d.member_id returning m.id
  ), noted as (
    insert into notification_outbox (member_id, user_id, template, data, page)
    select d.member_id, notification_user(d.member_id), 'membership_transfer', jsonb_build_object('transferId', d.id::text, 'orgName', o.name, 'statusLabel', '已完成', 'note', '会籍已转入' || o.name), 'pages/mine/index'
      from done d join orgs o on o.id = d.to_org_id
    returning 1
  )
  -- data-modifying CTEs run whether or not the final select reads them
  select d.id from done d
$$;
