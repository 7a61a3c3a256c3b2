-- Aid programmes (金秋助学, 困难职工帮扶) and members' applications (api.md "Aid applications",
-- issue #17). The rules the database can hold live here: one application per person and
-- programme, every legal move of the status (and only those), the append-only timeline, the two
-- review levels decided by two different people, the granted amount fixed by the level.

-- The household on the roster (户号): two members with the same household_no are one family, and
-- nobody reviews their own family's application. Null: the member is a household of their own.
alter table members add column household_no text check (household_no is null or length(household_no) between 1 and 40);
create index members_household on members (household_no) where household_no is not null;

create table aid_programs (
  id bigint generated always as identity primary key,
  kind text not null check (kind in ('student_aid', 'hardship')),
  title text not null check (length(title) between 1 and 60),
  opens_at timestamptz not null,
  closes_at timestamptz not null,
  eligibility text not null check (length(eligibility) between 1 and 500),
  -- who may apply, checked by the self-check and on submit: members of this union's subtree (null:
  -- every member) who are in at least one of these roster groups (empty: everyone)
  org_id bigint references orgs (id),
  required_groups text[] not null default '{}'
    check (required_groups <@ array['hardship', 'model_worker', 'gig_worker', 'frontline']::text[]),
  -- [{ level, amountFen }]: the amount granted for each level, integer fen
  amounts jsonb not null check (jsonb_typeof(amounts) = 'array' and jsonb_array_length(amounts) between 1 and 20),
  -- [{ key, label }]: the documents every application must carry
  required_documents jsonb not null check (jsonb_typeof(required_documents) = 'array' and jsonb_array_length(required_documents) <= 20),
  publicity_days integer not null check (publicity_days between 1 and 30),
  -- each review level has this many days from the moment the application reaches it
  review_days integer not null default 5 check (review_days between 1 and 60),
  publicity_starts_at timestamptz,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  check (opens_at < closes_at)
);
create index aid_programs_opens on aid_programs (opens_at desc, id desc);

create table aid_applications (
  id bigint generated always as identity primary key,
  program_id bigint not null references aid_programs (id),
  member_id bigint not null references members (id),
  -- prefilled from the roster when submitted: what the reviewers and the notice show
  org_id bigint not null references orgs (id),
  applicant_name text not null,
  level text not null check (length(level) between 1 and 20),
  amount_fen bigint not null check (amount_fen > 0),
  -- the child (student aid); deleted child_purge_days after payment (purge_aid_child_data)
  child_name text check (child_name is null or length(child_name) between 1 and 30),
  child_school text check (child_school is null or length(child_school) between 1 and 60),
  child_admission_year integer check (child_admission_year is null or child_admission_year between 2000 and 2100),
  child_deleted_at timestamptz,
  -- [{ key, uploadId }]
  documents jsonb not null default '[]' check (jsonb_typeof(documents) = 'array'),
  status text not null default 'submitted'
    check (status in ('submitted', 'grassroots_approved', 'approved', 'returned', 'rejected', 'publicized', 'paid')),
  return_reason text check (return_reason is null or length(return_reason) <= 200),
  return_document_key text,
  reject_reason text check (reject_reason is null or length(reject_reason) <= 200),
  submitted_at timestamptz not null default now(),
  -- when the application reached its current review level: the level's deadline counts from it
  stage_started_at timestamptz not null default now(),
  grassroots_by bigint references users (id),
  approved_by bigint references users (id),
  publicized_at timestamptz,
  paid_at timestamptz,
  updated_at timestamptz not null default now(),
  -- one application per person and programme, whatever its fate
  unique (program_id, member_id),
  -- the two review levels are two different people
  check (approved_by is null or grassroots_by is null or approved_by <> grassroots_by),
  check (status <> 'rejected' or reject_reason is not null),
  check (status <> 'returned' or return_reason is not null),
  check (status <> 'paid' or paid_at is not null),
  check ((child_deleted_at is null) or (child_name is null and child_school is null and child_admission_year is null))
);
create index aid_applications_program_status on aid_applications (program_id, status, id);
create index aid_applications_member on aid_applications (member_id, id desc);
create index aid_applications_paid on aid_applications (paid_at) where status = 'paid' and child_deleted_at is null;

-- The legal moves, as data: the trigger below refuses every other (api.md "Aid applications").
create table aid_status_moves (
  from_status text not null,
  to_status text not null,
  primary key (from_status, to_status)
);
insert into aid_status_moves (from_status, to_status) values
  ('submitted', 'grassroots_approved'), ('submitted', 'returned'), ('submitted', 'rejected'),
  ('grassroots_approved', 'approved'), ('grassroots_approved', 'returned'), ('grassroots_approved', 'rejected'),
  ('returned', 'submitted'),
  ('approved', 'publicized'),
  ('publicized', 'paid');

create function aid_application_guard() returns trigger language plpgsql as $$
begin
  if tg_op = 'INSERT' then
    if new.status <> 'submitted' then
      raise exception 'an aid application starts as submitted, not %', new.status using errcode = 'P0417';
    end if;
    return new;
  end if;
  if new.program_id <> old.program_id or new.member_id <> old.member_id then
    raise exception 'an aid application cannot change programme or applicant' using errcode = 'P0417';
  end if;
  if new.status <> old.status
     and not exists (select 1 from aid_status_moves where from_status = old.status and to_status = new.status) then
    raise exception 'aid application % -> % is not a legal move', old.status, new.status using errcode = 'P0417';
  end if;
  return new;
end
$$;

create trigger aid_applications_guard
  before insert or update on aid_applications
  for each row execute function aid_application_guard();

-- The timeline: oldest first, append-only like claim_events.
create table aid_application_events (
  id bigint generated always as identity primary key,
  application_id bigint not null references aid_applications (id),
  status text not null check (status in ('submitted', 'grassroots_approved', 'approved', 'returned', 'rejected', 'publicized', 'paid')),
  at timestamptz not null default now(),
  note text,
  actor_user_id bigint references users (id)
);
create index aid_application_events_application on aid_application_events (application_id, at, id);

create function aid_application_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'aid_application_events is append-only: % refused', tg_op;
end
$$;

create trigger aid_application_events_no_update_or_delete
  before update or delete on aid_application_events
  for each row execute function aid_application_events_append_only();
create trigger aid_application_events_no_truncate
  before truncate on aid_application_events
  for each statement execute function aid_application_events_append_only();

-- Nobody reviews their own family's application: the reviewer's member is the applicant, or both
-- carry the same household number on the roster. One place for the rule; the review service asks it.
create function aid_same_family(p_reviewer_user bigint, p_applicant_member bigint) returns boolean
language sql stable as $$
  select exists (
    select 1
      from users u
      join members r on r.id = u.member_id
      join members a on a.id = p_applicant_member
     where u.id = p_reviewer_user
       and (r.id = a.id or (r.household_no is not null and r.household_no = a.household_no))
  )
$$;

-- The child's data go N days after payment (AID_CHILD_PURGE_DAYS, run by the dispatcher). The
-- timeline notes never hold them, so clearing these columns removes them.
create function purge_aid_child_data(p_days integer) returns integer
language plpgsql as $$
declare
  v_count integer;
begin
  update aid_applications
     set child_name = null, child_school = null, child_admission_year = null, child_deleted_at = now(), updated_at = now()
   where status = 'paid' and child_deleted_at is null and paid_at <= now() - make_interval(days => p_days)
     and (child_name is not null or child_school is not null or child_admission_year is not null);
  get diagnostics v_count = row_count;
  return v_count;
end
$$;

-- Documents (uploads, 015): besides their uploader, an aid application's documents are read by
-- its reviewers: admins, and cadres of the applicant's union or a union above it (the same rule
-- as isAidReviewerOf in services/aid/aid-rows.ts). p_roles: the caller's acting roles.
create function aid_application_upload_readers(p_owner_id bigint, p_user_id bigint, p_roles jsonb)
returns boolean language sql stable as $$
  select exists (
    select 1
      from aid_applications a join orgs o on o.id = a.org_id, jsonb_array_elements(p_roles) r
     where a.id = p_owner_id
       and (r->>'role' = 'admin' or (r->>'role' = 'cadre' and r->>'orgPath' is not null and starts_with(o.path, r->>'orgPath')))
  )
$$;
insert into upload_owner_kinds (kind, reader_check) values ('aid_application', 'aid_application_upload_readers');
