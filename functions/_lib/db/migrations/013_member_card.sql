-- The member card (issue #15): when a membership began and whether it has ended.
--
-- joined_on: the day the person joined (入会日期). Roster rows imported before this migration have
-- none: the card shows the day the row reached the roster (created_at in Asia/Shanghai) instead.
-- ended_on: the day the membership ended (会籍终止: left the union, retired, moved out); the card
-- and a venue's verification show it as status 'ended' from that day on. A membership cannot end
-- before it began.
--
-- `if not exists`: the joining capability (also issue #15, built beside this one) may add
-- joined_on as well; whichever migration runs first creates it and the other leaves it be.
alter table members add column if not exists joined_on date;
alter table members add column if not exists ended_on date;
alter table members add constraint members_ended_after_joined check (ended_on is null or joined_on is null or ended_on >= joined_on);

-- Membership status on a given day, one rule for every reader (card, verification).
create function membership_status(p_ended_on date, p_today date) returns text
  language sql immutable as $$
  select case when p_ended_on is not null and p_ended_on <= p_today then 'ended' else 'active' end
$$;
