-- The door with bad signal (issue #12): check-in by hand (补签) for a member without a working
-- phone, and the member's refusals of subscription messages.

-- A check-in typed in by a cadre after finding the member by name is audited as such: mode
-- 'manual' beside 'online' (a scanned ticket) and 'offline' (a ticket judged on the phone).
alter table checkins drop constraint checkins_mode_check;
alter table checkins add constraint checkins_mode_check check (mode in ('online', 'offline', 'manual'));

-- POST /api/activities/:id/checkins/manual: permission and the check-in in one call, as
-- checkin_scan. There is no ticket to prove the registration belongs to this activity, so that is
-- read here: a registration of another activity is NOT_FOUND (a cadre of one activity learns
-- nothing about another's). The verdict itself is checkin_apply's, race-free as explained in
-- 004_checkin.sql: a hand check-in and a scan of the same ticket cannot both win.
create function checkin_manual(p_user_id bigint, p_activity_id bigint, p_registration_id bigint, p_nonce text, p_device_id text)
  returns table (scan_result text, scan_code text, reg_id text, reg_status text, member_name text, member_no text, first_checked_in_at timestamptz, first_checked_in_by text)
  language plpgsql volatile as $$
declare
  v_refusal text := checkin_refusal(p_user_id, p_activity_id);
begin
  if v_refusal is null and not exists (select 1 from registrations r where r.id = p_registration_id and r.activity_id = p_activity_id) then
    v_refusal := 'NOT_FOUND';
  end if;
  if v_refusal is not null then
    return query select 'refused'::text, v_refusal, null::text, null::text, null::text, null::text, null::timestamptz, null::text;
    return;
  end if;
  return query select * from checkin_apply(p_user_id, p_activity_id, p_registration_id, p_activity_id, p_nonce, p_device_id, 'manual', null);
end
$$;

-- A refusal in wx.requestSubscribeMessage is remembered (an accept afterwards clears it), so the
-- member's 我的 page can tell "you said no" from "never asked".
alter table subscription_grants add column refused_at timestamptz;
