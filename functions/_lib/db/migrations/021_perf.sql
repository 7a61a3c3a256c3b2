-- Performance (issues #15/#16 targets): the lottery draw moves up to 50,000 registrations from
-- 'applied' in one statement. 014's row trigger ran registrations_lottery_rules() for each of them,
-- although every move out of 'applied' is legal (applied → confirmed | waitlisted | not_selected |
-- cancelled). The trigger's WHEN now leaves those moves out; every other move that 014's WHEN
-- selected (into 'applied', into 'not_selected' from elsewhere, out of 'not_selected') still runs
-- the function, which stays the one statement of the rule.
drop trigger registrations_lottery_update on registrations;
create trigger registrations_lottery_update before update of status on registrations
  for each row when (
    (old.status in ('applied', 'not_selected') or new.status in ('applied', 'not_selected'))
    and not (old.status = 'applied' and new.status in ('confirmed', 'waitlisted', 'not_selected', 'cancelled'))
  )
  execute function registrations_lottery_rules();
