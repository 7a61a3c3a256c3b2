-- Scarce benefits by lottery (issue #16): api.md "Scarce benefits: lottery, priority groups,
-- public results". The threat model and why things are where they are: docs/lottery.md.

-- How an activity gives its seats. Fixed at creation (the trigger below): a lottery whose rules
-- changed after members applied would not be the lottery they applied to.
alter table activities
  add column allocation text not null default 'first_come' check (allocation in ('first_come', 'lottery')),
  add column priority_groups text[] not null default '{}' check (priority_groups <@ array['hardship', 'model_worker', 'gig_worker', 'frontline']),
  add column priority_share int not null default 0 check (priority_share between 0 and 100),
  -- published from creation on: SHA-256 of the secret seed
  add column draw_seed_hash text check (draw_seed_hash ~ '^[0-9a-f]{64}$'),
  -- set by the draw, together with the seed it reveals
  add column drawn_at timestamptz,
  add column draw_seed text check (draw_seed ~ '^[0-9a-f]{64}$'),
  add constraint activities_lottery_has_seed_hash check ((allocation = 'lottery') = (draw_seed_hash is not null)),
  add constraint activities_drawn_reveals_seed check ((drawn_at is null) = (draw_seed is null)),
  add constraint activities_only_lotteries_draw check (drawn_at is null or allocation = 'lottery');

create function activities_allocation_fixed() returns trigger language plpgsql as $$
begin
  if new.allocation is distinct from old.allocation or new.priority_groups is distinct from old.priority_groups
     or new.priority_share is distinct from old.priority_share or new.draw_seed_hash is distinct from old.draw_seed_hash then
    raise exception 'an activity''s allocation, priority rules and seed hash are fixed at creation' using errcode = 'check_violation';
  end if;
  if old.drawn_at is not null and (new.drawn_at is distinct from old.drawn_at or new.draw_seed is distinct from old.draw_seed) then
    raise exception 'a lottery is drawn once' using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger activities_allocation_fixed before update of allocation, priority_groups, priority_share, draw_seed_hash, drawn_at, draw_seed
  on activities for each row execute function activities_allocation_fixed();

-- The secret seed, apart from the activities row so that no query that shapes an Activity can
-- reach it by mistake: only the draw reads it (services/lottery/draw-lottery.ts).
create table lottery_seeds (
  activity_id bigint primary key references activities (id),
  seed text not null check (seed ~ '^[0-9a-f]{64}$')
);

-- Registrations of a lottery: 'applied' until the draw, then confirmed / waitlisted / not_selected.
alter table registrations drop constraint registrations_status_check;
alter table registrations add constraint registrations_status_check
  check (status in ('confirmed', 'waitlisted', 'cancelled', 'checked_in', 'applied', 'not_selected'));

-- Lottery sign-ups take no activity row lock, so they cannot take activities.next_seq: their seq
-- comes from this sequence (far above any first-come seq) until the draw sets seq = rank, which
-- makes promote_waitlist() and the waitlist positions follow draw order unchanged.
create sequence registration_lottery_seq start with 1000000000000;

-- Legal moves: applied → confirmed | waitlisted | not_selected | cancelled; not_selected → cancelled;
-- nothing goes back to applied. 'applied' only in a lottery, a seat or waitlist place at sign-up
-- only in first come.
create function registrations_lottery_rules() returns trigger language plpgsql as $$
declare
  v_allocation text;
begin
  if tg_op = 'INSERT' then
    if new.status in ('applied', 'confirmed', 'waitlisted') then
      select allocation into v_allocation from activities where id = new.activity_id;
      if (new.status = 'applied') <> (v_allocation = 'lottery') then
        raise exception 'registration status % at sign-up does not fit allocation %', new.status, v_allocation using errcode = 'check_violation';
      end if;
    elsif new.status = 'not_selected' then
      raise exception 'a registration starts as applied, confirmed or waitlisted' using errcode = 'check_violation';
    end if;
    return new;
  end if;
  if new.status = old.status then return new; end if;
  if new.status = 'applied'
     or (new.status = 'not_selected' and old.status <> 'applied')
     or (old.status = 'not_selected' and new.status <> 'cancelled') then
    raise exception 'registration status cannot move from % to %', old.status, new.status using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger registrations_lottery_insert before insert on registrations
  for each row execute function registrations_lottery_rules();
create trigger registrations_lottery_update before update of status on registrations
  for each row when (old.status in ('applied', 'not_selected') or new.status in ('applied', 'not_selected'))
  execute function registrations_lottery_rules();

-- The published result lives on the drawn registrations themselves (one write per applicant in
-- the draw, not two): rank = seq (set by the draw, never changed after), the outcome the draw gave
-- (later cancellations and promotions change status, not this) and the groups the member had at
-- the draw (the priority rule was decided on them).
alter table registrations
  add column draw_outcome text check (draw_outcome in ('confirmed', 'waitlisted', 'not_selected')),
  add column draw_groups text[],
  add constraint registrations_drawn_whole check ((draw_outcome is null) = (draw_groups is null)),
  add constraint registrations_drawn_not_applied check (draw_outcome is null or status <> 'applied');

-- The scheduler's question: which lotteries have closed and are not drawn yet.
create index activities_lottery_due on activities (signup_closes_at) where allocation = 'lottery' and drawn_at is null and status = 'published';

-- A lottery sign-up. No activity row lock: each is its own row, so applicants never queue
-- behind each other (the foreign key's shared KEY SHARE lock is all they take on the activity).
-- The draw's FOR UPDATE conflicts with that shared lock, so a sign-up either commits before the
-- draw reads the applicants or waits for the draw and then finds it drawn (checked after the
-- insert) and withdraws: no applicant is ever left undrawn.
create function lottery_apply(p_user bigint, p_activity bigint, p_key text, p_now timestamptz, p_rate_limit int)
returns table (o_outcome text, o_id text, o_activity_id text, o_status text, o_created_at timestamptz, o_checked_in_at timestamptz, o_waitlist_position int)
language plpgsql as $$
declare
  v_member bigint;
  v_user bigint;
  v_path text;
  v_reg bigint;
  a record;
begin
  insert into rate_limits (bucket, window_start, hits) values ('signup:' || p_user, date_trunc('minute', p_now), 1)
  on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
  returning hits into v_reg;
  if v_reg > p_rate_limit then o_outcome := 'RATE_LIMITED'; return next; return; end if;
  v_reg := null;

  select u.id, m.id, o.path into v_user, v_member, v_path
    from users u left join members m on m.id = u.member_id left join orgs o on o.id = m.org_id
   where u.id = p_user;
  if v_user is null then o_outcome := 'UNAUTHENTICATED'; return next; return; end if;
  if v_member is null then o_outcome := 'NOT_A_MEMBER'; return next; return; end if;

  v_reg := existing_registration(v_member, p_activity, p_key);
  if v_reg is null then
    select ac.status, ac.allocation, ac.drawn_at, ac.signup_opens_at, ac.signup_closes_at, ac.audience, o.path as org_path into a
      from activities ac join orgs o on o.id = ac.org_id where ac.id = p_activity;
    if not found then o_outcome := 'NOT_FOUND'; return next; return; end if;
    if a.status = 'cancelled' then o_outcome := 'ACTIVITY_CANCELLED'; return next; return; end if;
    if a.allocation <> 'lottery' then raise exception 'activity % is not a lottery', p_activity; end if;
    if p_now < a.signup_opens_at then o_outcome := 'SIGNUP_NOT_OPEN'; return next; return; end if;
    if p_now >= a.signup_closes_at or a.drawn_at is not null then o_outcome := 'SIGNUP_CLOSED'; return next; return; end if;
    if a.audience = 'org' and v_path not like a.org_path || '%' then o_outcome := 'NOT_ELIGIBLE'; return next; return; end if;

    insert into registrations (activity_id, member_id, status, seq, idempotency_key, created_at)
    values (p_activity, v_member, 'applied', nextval('registration_lottery_seq'), p_key, p_now)
    on conflict do nothing
    returning id into v_reg;
    if v_reg is null then
      -- A second tap of the same member committed first.
      v_reg := existing_registration(v_member, p_activity, p_key);
      if v_reg is null then raise exception 'registration of member % for activity % neither inserted nor found', v_member, p_activity; end if;
    else
      -- Holding the foreign key's lock now: a draw either has not started (it will wait for us)
      -- or has committed (we waited for it, and must not stay undrawn).
      if exists (select 1 from activities where id = p_activity and (drawn_at is not null or status <> 'published')) then
        delete from registrations where id = v_reg;
        o_outcome := 'SIGNUP_CLOSED'; return next; return;
      end if;
      o_outcome := 'CREATED';
    end if;
  end if;
  if o_outcome is null then o_outcome := 'EXISTING'; end if;
  select v.v_id, v.v_activity_id, v.v_status, v.v_created_at, v.v_checked_in_at, v.v_waitlist_position
    into o_id, o_activity_id, o_status, o_created_at, o_checked_in_at, o_waitlist_position
    from registration_view(v_reg) v;
  return next;
end;
$$;
