-- The claim timeline is append-only (api.md "Mutual insurance"): a member's record of what was
-- decided and when must not be rewritten after the fact, by the app or by a stray script.
create function claim_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'claim_events is append-only: % refused', tg_op;
end
$$;

create trigger claim_events_no_update_or_delete
  before update or delete on claim_events
  for each row execute function claim_events_append_only();

create trigger claim_events_no_truncate
  before truncate on claim_events
  for each statement execute function claim_events_append_only();

-- "My claims", newest first, paged by (submitted_at, id): the index matches the cursor's order.
drop index claims_member;
create index claims_member on claims (member_id, submitted_at desc, id desc);
