-- Sign-up and cancellation are decided inside the database, one round trip each.
--
-- Why this is safe under any concurrency: every change to an activity's seats (sign-up, cancel,
-- capacity change, activity cancel) locks that activity's row (an UPDATE or SELECT … FOR UPDATE),
-- so they happen one at a time per activity, in arrival order. PL/pgSQL takes a fresh snapshot for
-- each statement under READ COMMITTED, so once the lock is held, every statement sees all
-- registrations committed before it: the counts it reads are exact, the waitlist order is exact,
-- and a member's second tap sees their first registration. The check constraint
-- confirmed_count <= capacity and the partial unique index on active registrations hold the
-- same invariants a second time, in case a future change forgets the lock.

-- A registration as the API shows it, with its live waitlist position (arrival order among the waitlisted).
alter table activities add column last_decision text;

-- Fixed one-minute windows per bucket, kept in the database so that the limit holds across
-- stateless serverless instances. True while the bucket is within its limit.
create function hit_rate_limit(p_bucket text, p_limit int)
returns boolean
language sql as $$
  insert into rate_limits (bucket, window_start, hits) values (p_bucket, date_trunc('minute', now()), 1)
  on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
  returning hits <= p_limit
$$;

create function registration_view(p_registration bigint)
returns table (v_id text, v_activity_id text, v_status text, v_created_at timestamptz, v_checked_in_at timestamptz, v_waitlist_position int)
language sql stable as $$
  select r.id::text, r.activity_id::text, r.status, r.created_at, r.checked_in_at,
         case when r.status = 'waitlisted' then
           (select count(*)::int from registrations w where w.activity_id = r.activity_id and w.status = 'waitlisted' and w.seq <= r.seq)
         end
    from registrations r where r.id = p_registration
$$;

create function sign_up(p_user bigint, p_activity bigint, p_idempotency_key text, p_now timestamptz, p_rate_limit int)
returns table (o_outcome text, o_id text, o_activity_id text, o_status text, o_created_at timestamptz, o_checked_in_at timestamptz, o_waitlist_position int)
language plpgsql as $$
declare
  v_member bigint;
  v_member_path text;
  v_reg bigint;
  a record;
  v_status text;
  v_seq bigint;
  v_position int;
begin
  if not hit_rate_limit('signup:' || p_user, p_rate_limit) then
    o_outcome := 'RATE_LIMITED'; return next; return;
  end if;
  select m.id, o.path into v_member, v_member_path
    from users u join members m on m.id = u.member_id join orgs o on o.id = m.org_id
   where u.id = p_user;
  if v_member is null then
    o_outcome := 'NOT_A_MEMBER'; return next; return;
  end if;

  -- A retried request with the same key answers what the first one got, whatever its status now.
  if p_idempotency_key is not null then
    select r.id into v_reg from registrations r where r.member_id = v_member and r.idempotency_key = p_idempotency_key;
  end if;
  if v_reg is null then
    select r.id into v_reg from registrations r
     where r.activity_id = p_activity and r.member_id = v_member and r.status <> 'cancelled';
  end if;
  if v_reg is not null then
    o_outcome := 'EXISTING';
    select v.v_id, v.v_activity_id, v.v_status, v.v_created_at, v.v_checked_in_at, v.v_waitlist_position
      into o_id, o_activity_id, o_status, o_created_at, o_checked_in_at, o_waitlist_position
      from registration_view(v_reg) v;
    return next; return;
  end if;

  -- Refusals are decided without the lock, so a crowd pressing before sign-up opens costs no contention.
  select ac.status, ac.signup_opens_at, ac.signup_closes_at, ac.audience, o.path as org_path into a
    from activities ac join orgs o on o.id = ac.org_id
   where ac.id = p_activity;
  if not found then o_outcome := 'NOT_FOUND'; return next; return; end if;
  if a.status = 'cancelled' then o_outcome := 'ACTIVITY_CANCELLED'; return next; return; end if;
  if p_now < a.signup_opens_at then o_outcome := 'SIGNUP_NOT_OPEN'; return next; return; end if;
  if p_now >= a.signup_closes_at then o_outcome := 'SIGNUP_CLOSED'; return next; return; end if;
  if a.audience = 'org' and v_member_path not like a.org_path || '%' then
    o_outcome := 'NOT_ELIGIBLE'; return next; return;
  end if;

  -- The seat is decided by this one UPDATE. It locks the activity row; under READ COMMITTED a
  -- waiting UPDATE re-reads the row as committed by the one before it, so every sign-up sees the
  -- exact count: the SET expressions use the row's values before this update, and last_decision
  -- carries that decision out. FIFO: next_seq is drawn under the same lock.
  update activities
     set last_decision = case when confirmed_count < capacity then 'confirmed' else 'waitlisted' end,
         confirmed_count = confirmed_count + (confirmed_count < capacity)::int,
         waitlist_count = waitlist_count + (confirmed_count >= capacity)::int,
         next_seq = next_seq + 1
   where id = p_activity and status = 'published' and (confirmed_count < capacity or waitlist_enabled)
  returning last_decision, next_seq - 1, waitlist_count into v_status, v_seq, v_position;
  if v_status is null then
    -- Full with no waitlist, or cancelled in the instant since the check above.
    select case when status = 'cancelled' then 'ACTIVITY_CANCELLED' else 'ACTIVITY_FULL' end into o_outcome from activities where id = p_activity;
    return next; return;
  end if;

  -- A second tap of the same member racing this one fails here on the unique index of active
  -- registrations, which rolls back its counter update; the service then answers the first.
  insert into registrations (activity_id, member_id, status, seq, idempotency_key, created_at, confirmed_at)
  values (p_activity, v_member, v_status, v_seq, p_idempotency_key, p_now, case when v_status = 'confirmed' then p_now end)
  returning id::text, activity_id::text, status, created_at, checked_in_at into o_id, o_activity_id, o_status, o_created_at, o_checked_in_at;
  o_outcome := 'CREATED';
  -- Every earlier waitlisted registration committed before this row lock was granted: the count is exact.
  o_waitlist_position := case when v_status = 'waitlisted' then v_position end;
  return next;
end;
$$;

-- Who receives a member's notifications: their user, once it has opened the mini-program.
create function notification_user(p_member bigint)
returns bigint
language sql stable as $$
  select id from users where member_id = p_member and openid is not null
$$;

-- Confirms the first `p_seats` waitlisted registrations of a locked activity, in arrival order,
-- and writes their notifications. The caller holds the activity row lock.
create function promote_waitlist(p_activity bigint, p_seats int, p_now timestamptz)
returns setof bigint
language plpgsql as $$
begin
  if p_seats <= 0 then return; end if;
  return query
  with promoted as (
    update registrations r set status = 'confirmed', confirmed_at = p_now
     where r.id in (select w.id from registrations w
                     where w.activity_id = p_activity and w.status = 'waitlisted'
                     order by w.seq limit p_seats)
    returning r.id, r.member_id
  ), counted as (
    update activities
       set confirmed_count = confirmed_count + (select count(*) from promoted),
           waitlist_count = waitlist_count - (select count(*) from promoted)
     where id = p_activity
  ), notified as (
    insert into notification_outbox (member_id, user_id, template, data, page)
    select p.member_id, notification_user(p.member_id), 'waitlist_promoted',
           jsonb_build_object('activityId', a.id::text, 'activityTitle', a.title, 'startsAt', a.starts_at, 'location', a.location->>'name'),
           'pages/activity/index?id=' || a.id
      from promoted p cross join activities a where a.id = p_activity
  )
  select id from promoted;
end;
$$;

create function cancel_registration(p_user bigint, p_registration bigint, p_now timestamptz)
returns table (o_outcome text, o_promoted bigint, o_id text, o_activity_id text, o_status text, o_created_at timestamptz, o_checked_in_at timestamptz, o_waitlist_position int)
language plpgsql as $$
declare
  v_activity bigint;
  r record;
  a record;
begin
  -- Only the registration's own member may cancel it; for anyone else it does not exist.
  select reg.activity_id into v_activity
    from registrations reg join users u on u.member_id = reg.member_id
   where reg.id = p_registration and u.id = p_user;
  if v_activity is null then
    o_outcome := 'NOT_FOUND'; return next; return;
  end if;

  select * into a from activities where id = v_activity for update;
  select * into r from registrations where id = p_registration;

  if r.status = 'cancelled' then
    o_outcome := 'UNCHANGED';
  elsif r.status = 'checked_in' then
    o_outcome := 'ALREADY_CHECKED_IN'; return next; return;
  -- A waitlisted member holds no seat and may always step back; a seat can be given up until the deadline.
  elsif r.status = 'confirmed' and p_now > coalesce(a.cancel_deadline, a.starts_at) then
    o_outcome := 'CANCEL_DEADLINE_PASSED'; return next; return;
  else
    update registrations set status = 'cancelled', cancelled_at = p_now where id = p_registration;
    update activities
       set confirmed_count = confirmed_count - (r.status = 'confirmed')::int,
           waitlist_count = waitlist_count - (r.status = 'waitlisted')::int
     where id = v_activity;
    if r.status = 'confirmed' and a.status = 'published' then
      select p into o_promoted from promote_waitlist(v_activity, 1, p_now) as p limit 1;
    end if;
    o_outcome := 'CANCELLED';
  end if;

  select v.v_id, v.v_activity_id, v.v_status, v.v_created_at, v.v_checked_in_at, v.v_waitlist_position
    into o_id, o_activity_id, o_status, o_created_at, o_checked_in_at, o_waitlist_position
    from registration_view(p_registration) v;
  return next;
end;
$$;
