-- Sign-ups decided in batches: one transaction, one activity row lock and one commit for every
-- sign-up that arrived at an instance while the previous batch for that activity was in the
-- database (functions/_lib/services/sign-up.ts gathers them). A batch of one is the lone tap.
--
-- Why this is still exact under any concurrency: the batch takes the activity row lock
-- (SELECT … FOR UPDATE) before deciding anything, exactly as sign_up() did with its UPDATE, so
-- batches from different instances, cancellations and capacity changes happen one at a time per
-- activity. Inside a batch the items are decided in their arrival order from counters read under
-- the lock; a registration is counted only once its INSERT went in. Seats stay exact, the
-- waitlist stays first come first served, and the position answered is exact.
--
-- Why one item cannot spoil the batch: every refusal is an answer, not an error; a duplicate tap
-- (same member and activity, or a reused Idempotency-Key) meets ON CONFLICT DO NOTHING and is
-- answered with the registration that is there. Rate-limit rows are locked in bucket order, so
-- two batches sharing members cannot deadlock.

drop function sign_up(bigint, bigint, text, timestamptz, int);
alter table activities drop column last_decision;

-- The registration a repeated request means: the one made with its Idempotency-Key (whatever
-- its status now), else the member's active registration for the activity.
create function existing_registration(p_member bigint, p_activity bigint, p_key text)
returns bigint
language sql stable as $$
  select coalesce(
    (select id from registrations where member_id = p_member and idempotency_key = p_key),
    (select id from registrations where activity_id = p_activity and member_id = p_member and status <> 'cancelled'))
$$;

create function sign_up_batch(p_users bigint[], p_activity bigint, p_keys text[], p_nows timestamptz[], p_rate_limit int)
returns table (o_index int, o_outcome text, o_id text, o_activity_id text, o_status text, o_created_at timestamptz, o_checked_in_at timestamptz, o_waitlist_position int)
language plpgsql as $$
declare
  n int := cardinality(p_users);
  v_allowed boolean[];
  v_members bigint[];
  v_users boolean[];
  v_paths text[];
  v_outcome text[] := array_fill(null::text, array[n]);
  v_reg bigint[] := array_fill(null::bigint, array[n]);
  v_position int[] := array_fill(null::int, array[n]);
  v_decided text[] := array_fill(null::text, array[n]);
  v_pending boolean := false;
  v_found boolean;
  a record;
  s record;
  v_status text;
  v_id bigint;
  v_confirmed int;
  v_waitlisted int;
  v_seq bigint;
begin
  -- Rate limits, one row per member and minute, locked in bucket order. A member tapping k times
  -- in one batch uses k hits; the first ones within the limit pass.
  with items as (select u, ord from unnest(p_users) with ordinality i(u, ord)),
       taps as (select u, count(*)::int as k from items group by u),
       hits as (
         insert into rate_limits (bucket, window_start, hits)
         select 'signup:' || u, date_trunc('minute', now()), k from taps order by u
         on conflict (bucket, window_start) do update set hits = rate_limits.hits + excluded.hits
         returning bucket, hits)
  select array_agg(x.allowed order by x.ord) into v_allowed
    from (select i.ord, h.hits - t.k + row_number() over (partition by i.u order by i.ord) <= p_rate_limit as allowed
            from items i join taps t on t.u = i.u join hits h on h.bucket = 'signup:' || i.u) x;

  select array_agg(m.id order by i.ord), array_agg(o.path order by i.ord), array_agg(us.id is not null order by i.ord) into v_members, v_paths, v_users
    from unnest(p_users) with ordinality i(u, ord)
    left join users us on us.id = i.u
    left join members m on m.id = us.member_id
    left join orgs o on o.id = m.org_id;

  -- Refusals and repeated taps are decided without the lock, so a crowd pressing before sign-up
  -- opens, or pressing twice, costs no contention.
  select ac.status, ac.signup_opens_at, ac.signup_closes_at, ac.audience, o.path as org_path into a
    from activities ac join orgs o on o.id = ac.org_id
   where ac.id = p_activity;
  v_found := found;
  for i in 1..n loop
    if not v_allowed[i] then v_outcome[i] := 'RATE_LIMITED'; continue; end if;
    -- A token outlives nothing: its user row is gone, so the caller must log in again.
    if not v_users[i] then v_outcome[i] := 'UNAUTHENTICATED'; continue; end if;
    if v_members[i] is null then v_outcome[i] := 'NOT_A_MEMBER'; continue; end if;
    v_reg[i] := existing_registration(v_members[i], p_activity, p_keys[i]);
    if v_reg[i] is not null then v_outcome[i] := 'EXISTING'; continue; end if;
    if not v_found then v_outcome[i] := 'NOT_FOUND'; continue; end if;
    if a.status = 'cancelled' then v_outcome[i] := 'ACTIVITY_CANCELLED'; continue; end if;
    if p_nows[i] < a.signup_opens_at then v_outcome[i] := 'SIGNUP_NOT_OPEN'; continue; end if;
    if p_nows[i] >= a.signup_closes_at then v_outcome[i] := 'SIGNUP_CLOSED'; continue; end if;
    if a.audience = 'org' and v_paths[i] not like a.org_path || '%' then v_outcome[i] := 'NOT_ELIGIBLE'; continue; end if;
    v_pending := true;
  end loop;

  if v_pending then
    -- The seats are decided under this lock, in arrival order; every registration committed
    -- before it was granted is visible to the statements below.
    select ac.status, ac.capacity, ac.confirmed_count, ac.waitlist_count, ac.waitlist_enabled, ac.next_seq into s
      from activities ac where ac.id = p_activity for update;
    v_confirmed := s.confirmed_count;
    v_waitlisted := s.waitlist_count;
    v_seq := s.next_seq;
    for i in 1..n loop
      continue when v_outcome[i] is not null;
      if s.status <> 'published' then v_outcome[i] := 'ACTIVITY_CANCELLED'; continue; end if;
      if v_confirmed < s.capacity then v_status := 'confirmed';
      elsif s.waitlist_enabled then v_status := 'waitlisted';
      else v_outcome[i] := 'ACTIVITY_FULL'; continue;
      end if;
      v_id := null;
      insert into registrations (activity_id, member_id, status, seq, idempotency_key, created_at, confirmed_at)
      values (p_activity, v_members[i], v_status, v_seq, p_keys[i], p_nows[i], case when v_status = 'confirmed' then p_nows[i] end)
      on conflict do nothing
      returning id into v_id;
      if v_id is null then
        -- The same member tapped twice in this batch, or another instance's batch got there first.
        v_reg[i] := existing_registration(v_members[i], p_activity, p_keys[i]);
        if v_reg[i] is null then
          raise exception 'registration of member % for activity % neither inserted nor found', v_members[i], p_activity;
        end if;
        v_outcome[i] := 'EXISTING';
        continue;
      end if;
      v_reg[i] := v_id;
      v_decided[i] := v_status;
      v_outcome[i] := 'CREATED';
      v_seq := v_seq + 1;
      if v_status = 'confirmed' then
        v_confirmed := v_confirmed + 1;
      else
        v_waitlisted := v_waitlisted + 1;
        v_position[i] := v_waitlisted;
      end if;
    end loop;
    update activities set confirmed_count = v_confirmed, waitlist_count = v_waitlisted, next_seq = v_seq where id = p_activity;
  end if;

  for i in 1..n loop
    o_index := i;
    o_outcome := v_outcome[i];
    o_id := null; o_activity_id := null; o_status := null; o_created_at := null; o_checked_in_at := null; o_waitlist_position := null;
    if v_outcome[i] = 'CREATED' then
      -- Just inserted under the lock: its fields and its position are known without reading again.
      o_id := v_reg[i]::text;
      o_activity_id := p_activity::text;
      o_status := v_decided[i];
      o_created_at := p_nows[i];
      o_waitlist_position := v_position[i];
    elsif v_outcome[i] = 'EXISTING' then
      select v.v_id, v.v_activity_id, v.v_status, v.v_created_at, v.v_checked_in_at, v.v_waitlist_position
        into o_id, o_activity_id, o_status, o_created_at, o_checked_in_at, o_waitlist_position
        from registration_view(v_reg[i]) v;
    end if;
    return next;
  end loop;
end;
$$;
