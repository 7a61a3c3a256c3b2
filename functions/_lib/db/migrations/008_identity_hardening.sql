-- Identity hardening (issue #13, api.md "Identity, hardened").

-- Roles act only for a user whose binding was proven by phone (users.verification = 'phone'), or
-- when granted by BOOTSTRAP_ADMIN_OPENIDS at login (bootstrap). Everything that decides what a
-- role may do reads acting_roles, never roles: a role granted to a member bound by name and ID
-- number alone waits there, inert, until that member proves the roster phone.
alter table roles add column bootstrap boolean not null default false;
alter table users add constraint users_verification_needs_member check (verification is null or member_id is not null);
-- When an 'id_only' binding was taken over by a phone-verified one (the user is told on GET /api/me).
alter table users add column binding_released_at timestamptz;

create view acting_roles as
  select r.id, r.user_id, r.role, r.org_id, r.created_at, r.bootstrap
    from roles r join users u on u.id = r.user_id
   where r.bootstrap or u.verification = 'phone';

-- 004_checkin.sql's rule, reading acting_roles.
create or replace function checkin_refusal(p_user_id bigint, p_activity_id bigint) returns text
  language sql stable as $$
  select case
           when not exists (select 1 from users u where u.id = p_user_id) then 'UNAUTHENTICATED'
           when a.id is null then 'NOT_FOUND'
           when not exists (
             select 1
               from acting_roles r
               left join orgs o on o.id = r.org_id
              where r.user_id = p_user_id
                and (r.role = 'admin' or (r.role = 'cadre' and starts_with(ao.path, o.path)))
           ) then 'FORBIDDEN'
         end
    from (select 1) as one
    left join activities a on a.id = p_activity_id
    left join orgs ao on ao.id = a.org_id
$$;

-- Rate windows on the application's clock (issue #13 finding 4): the sign-up limit's minute is the
-- batch's first arrival time, as checkRateLimit's is the server's, so a test pins the clock and a
-- burst never straddles two windows. The function is 006's otherwise unchanged.
create or replace function sign_up_batch(p_users bigint[], p_activity bigint, p_keys text[], p_nows timestamptz[], p_rate_limit int)
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
  -- Rate limits, one row per member and minute of the application's clock (p_nows, as every other
  -- rate window: tests pin it), locked in bucket order. A member tapping k times
  -- in one batch uses k hits; the first ones within the limit pass.
  with items as (select u, ord from unnest(p_users) with ordinality i(u, ord)),
       taps as (select u, count(*)::int as k from items group by u),
       hits as (
         insert into rate_limits (bucket, window_start, hits)
         select 'signup:' || u, date_trunc('minute', p_nows[1]), k from taps order by u
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

-- Idempotency-Key scoped to the activity (issue #13 finding 5): a key reused on another activity
-- is another request, never an answer with the first activity's registration.
drop index registrations_idempotency;
create unique index registrations_idempotency on registrations (member_id, activity_id, idempotency_key) where idempotency_key is not null;

create or replace function existing_registration(p_member bigint, p_activity bigint, p_key text)
returns bigint
language sql stable as $$
  select coalesce(
    (select id from registrations where member_id = p_member and activity_id = p_activity and idempotency_key = p_key),
    (select id from registrations where activity_id = p_activity and member_id = p_member and status <> 'cancelled'))
$$;

-- A re-sent check-in nonce (issue #13 finding 5) is checked against the activity before the
-- recorded verdict is answered. The function is 004's otherwise unchanged.
create or replace function checkin_apply(
  p_user_id bigint, p_activity_id bigint, p_registration_id bigint, p_ticket_activity_id bigint,
  p_nonce text, p_device_id text, p_mode text, p_scanned_at timestamptz
) returns table (scan_result text, scan_code text, reg_id text, reg_status text, member_name text, member_no text, first_checked_in_at timestamptz, first_checked_in_by text)
  language plpgsql volatile as $$
declare
  v_prev record;
  v_reg record;
  v_status text;
  v_result text;
  v_code text;
  v_at timestamptz := least(coalesce(p_scanned_at, now()), now()); -- a phone's clock may run ahead
  v_checkin_id bigint;
begin
  -- A replayed nonce (a phone re-sending after a lost answer) gets the original verdict, no second row.
  if p_nonce is not null then
    select c.registration_id, c.activity_id, c.result, c.reject_code into v_prev
      from checkins c where c.scanned_by = p_user_id and c.nonce = p_nonce;
    if found then
      if v_prev.registration_id <> p_registration_id then
        return query select 'rejected'::text, 'VALIDATION_FAILED'::text, null::text, null::text, null::text, null::text, null::timestamptz, null::text;
        return;
      end if;
      -- The verdict recorded under this nonce was for the activity it was scanned at: re-sent to
      -- another activity's door, the ticket is judged against this activity, never shown checked in.
      if v_prev.activity_id <> p_activity_id or p_ticket_activity_id <> p_activity_id then
        return query select 'rejected'::text, 'WRONG_ACTIVITY'::text, v.* from checkin_registration_view(p_registration_id) v;
        return;
      end if;
      return query select v_prev.result, v_prev.reject_code, v.* from checkin_registration_view(p_registration_id) v;
      return;
    end if;
  end if;

  select r.activity_id, r.status, r.created_at into v_reg from registrations r where r.id = p_registration_id;
  if not found or v_reg.activity_id <> p_ticket_activity_id then
    -- signed with our key, yet naming no registration of ours: not a ticket we can honour
    return query select 'rejected'::text, 'TICKET_INVALID'::text, null::text, null::text, null::text, null::text, null::timestamptz, null::text;
    return;
  end if;

  if p_ticket_activity_id <> p_activity_id then
    v_result := 'rejected'; v_code := 'WRONG_ACTIVITY';
  elsif v_reg.status = 'checked_in' then
    v_result := 'already_checked_in';
  elsif v_reg.status = 'waitlisted' then
    v_result := 'rejected'; v_code := 'NOT_CONFIRMED';
  elsif v_reg.status = 'cancelled' then
    v_result := 'rejected'; v_code := 'REGISTRATION_CANCELLED';
  else
    perform 1 from activities a where a.id = p_activity_id for no key update;
    update registrations r
       set status = 'checked_in', checked_in_at = greatest(v_at, r.created_at), checked_in_by = p_user_id
     where r.id = p_registration_id and r.activity_id = p_activity_id and r.status = 'confirmed';
    if found then
      update activities a set checked_in_count = a.checked_in_count + 1 where a.id = p_activity_id;
      v_result := 'checked_in';
    else
      -- Lost the race (or the registration changed since the read above): this new statement
      -- sees the committed row.
      select r.status into v_status from registrations r where r.id = p_registration_id;
      v_result := case when v_status = 'checked_in' then 'already_checked_in' else 'rejected' end;
      v_code := case v_status when 'cancelled' then 'REGISTRATION_CANCELLED' when 'waitlisted' then 'NOT_CONFIRMED' end;
    end if;
  end if;

  insert into checkins (registration_id, activity_id, scanned_by, scanned_at, device_id, nonce, mode, result, reject_code)
  values (p_registration_id, p_activity_id, p_user_id, v_at, p_device_id, p_nonce, p_mode, v_result, v_code)
  on conflict (scanned_by, nonce) where nonce is not null do nothing
  returning id into v_checkin_id;
  if v_checkin_id is null then
    -- The same nonce arrived on another connection at the same moment and was recorded first:
    -- answer as it was recorded, so a replay always gets the original verdict.
    select c.result, c.reject_code into v_result, v_code from checkins c where c.scanned_by = p_user_id and c.nonce = p_nonce;
  end if;

  return query select v_result, v_code, v.* from checkin_registration_view(p_registration_id) v;
end
$$;

-- The notification dispatcher claims with a lease (issue #13 finding 6): a claimed message is
-- 'sending' until lease_until; only an expired lease (a dispatcher that died mid-send) lets
-- another dispatcher take it again. The claim's attempts value fences the finishing update, so a
-- dispatcher whose lease ran out cannot overwrite the verdict of the one that took over.
alter table notification_outbox drop constraint notification_outbox_status_check;
alter table notification_outbox add constraint notification_outbox_status_check check (status in ('pending', 'sending', 'sent', 'skipped', 'failed'));
alter table notification_outbox add column lease_until timestamptz;
create index notification_outbox_sending on notification_outbox (lease_until) where status = 'sending';
