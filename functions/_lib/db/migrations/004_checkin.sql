-- Check-in at the door. A scan is decided inside the database by one function call, so an online
-- scan costs ONE round trip (permission, verdict, counter and audit row together); on Neon every
-- round trip is a network hop, and a cadre at the door waits on each.
--
-- Why exactly one of many concurrent scans of a ticket wins: the verdict is
--   update registrations set status = 'checked_in' … where id = $reg and status = 'confirmed'.
-- Under READ COMMITTED a second UPDATE of the same row waits for the first one's row lock, then
-- re-checks its WHERE clause against the committed row (EvalPlanQual): the status is no longer
-- 'confirmed', so it updates nothing. The losers then read the row again in a NEW statement — a
-- VOLATILE plpgsql function takes a fresh snapshot for every statement — and so report the
-- winner's time and scanner, not what their own earlier snapshot showed.
--
-- Lock order: the activity row (its checked_in_count) before the registration row, as sign-up and
-- cancel do when they keep the activity's counters. `for no key update` leaves inserts that
-- reference the activity (they take FOR KEY SHARE) unblocked.

-- The same rule as canManageOrgPath (functions/_lib/services/load-actor.ts): admins everywhere,
-- cadres in their org and every org below it. null = allowed; otherwise the refusal's error code.
create function checkin_refusal(p_user_id bigint, p_activity_id bigint) returns text
  language sql stable as $$
  select case
           when not exists (select 1 from users u where u.id = p_user_id) then 'UNAUTHENTICATED'
           when a.id is null then 'NOT_FOUND'
           when not exists (
             select 1
               from roles r
               left join orgs o on o.id = r.org_id
              where r.user_id = p_user_id
                and (r.role = 'admin' or (r.role = 'cadre' and starts_with(ao.path, o.path)))
           ) then 'FORBIDDEN'
         end
    from (select 1) as one
    left join activities a on a.id = p_activity_id
    left join orgs ao on ao.id = a.org_id
$$;

-- What a scanner is shown about a registration; checked_in_by as a display name.
create function checkin_registration_view(p_registration_id bigint)
  returns table (reg_id text, reg_status text, member_name text, member_no text, first_checked_in_at timestamptz, first_checked_in_by text)
  language sql stable as $$
  select r.id::text, r.status, m.name, m.member_no, r.checked_in_at,
         case when r.checked_in_by is null then null else coalesce(sm.name, '管理员') end
    from registrations r
    join members m on m.id = r.member_id
    left join users su on su.id = r.checked_in_by
    left join members sm on sm.id = su.member_id
   where r.id = p_registration_id
$$;

-- One scan of a genuine ticket (the signature was verified before the call) by a permitted user.
-- p_scanned_at: null for online scans (now), the phone's time for offline ones.
create function checkin_apply(
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
    select c.registration_id, c.result, c.reject_code into v_prev
      from checkins c where c.scanned_by = p_user_id and c.nonce = p_nonce;
    if found then
      if v_prev.registration_id <> p_registration_id then
        return query select 'rejected'::text, 'VALIDATION_FAILED'::text, null::text, null::text, null::text, null::text, null::timestamptz, null::text;
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

-- POST /api/activities/:id/checkins: permission and the scan in one call.
create function checkin_scan(
  p_user_id bigint, p_activity_id bigint, p_registration_id bigint, p_ticket_activity_id bigint, p_nonce text, p_device_id text
) returns table (scan_result text, scan_code text, reg_id text, reg_status text, member_name text, member_no text, first_checked_in_at timestamptz, first_checked_in_by text)
  language plpgsql volatile as $$
declare
  v_refusal text := checkin_refusal(p_user_id, p_activity_id);
begin
  if v_refusal is not null then
    return query select 'refused'::text, v_refusal, null::text, null::text, null::text, null::text, null::timestamptz, null::text;
    return;
  end if;
  return query select * from checkin_apply(p_user_id, p_activity_id, p_registration_id, p_ticket_activity_id, p_nonce, p_device_id, 'online', null);
end
$$;

-- POST /api/activities/:id/checkins/batch: the scans a phone made offline, in one call and one
-- transaction. p_scans: [{ i, registrationId, activityId, nonce, deviceId, scannedAt }].
-- Earliest scan first, so a ticket scanned twice offline is checked in at its first scan.
create function checkin_sync(p_user_id bigint, p_activity_id bigint, p_scans jsonb)
  returns table (scan_index integer, scan_result text, scan_code text, reg_id text, reg_status text, member_name text, member_no text, first_checked_in_at timestamptz, first_checked_in_by text)
  language plpgsql volatile as $$
declare
  v_refusal text := checkin_refusal(p_user_id, p_activity_id);
  s record;
begin
  if v_refusal is not null then
    return query select -1, 'refused'::text, v_refusal, null::text, null::text, null::text, null::text, null::timestamptz, null::text;
    return;
  end if;
  for s in
    select x.i, x.registration_id, x.activity_id, x.nonce, x.device_id, x.scanned_at
      from jsonb_to_recordset(p_scans) as x(i integer, registration_id bigint, activity_id bigint, nonce text, device_id text, scanned_at timestamptz)
     order by x.scanned_at, x.i
  loop
    return query select s.i, c.* from checkin_apply(p_user_id, p_activity_id, s.registration_id, s.activity_id, s.nonce, s.device_id, 'offline', s.scanned_at) c;
  end loop;
end
$$;
