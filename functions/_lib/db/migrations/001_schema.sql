-- The whole v1 schema. Invariants that the database can hold live here.

create table orgs (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 60),
  parent_id bigint references orgs (id),
  -- materialised path '/1/5/23/': a cadre of org X covers every org whose path starts with X's
  path text not null,
  created_at timestamptz not null default now()
);
create unique index orgs_sibling_name on orgs (coalesce(parent_id, 0), name);
create index orgs_path on orgs (path text_pattern_ops);

create table members (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  member_no text not null unique,
  name text not null check (length(name) between 1 and 30),
  -- ID numbers are matched through a keyed hash and kept only masked: never stored in clear
  id_hash text not null unique,
  id_masked text not null,
  phone_masked text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index members_org on members (org_id);

create table users (
  id bigint generated always as identity primary key,
  -- null for a role holder who has not opened the mini-program yet (granted through the roster)
  openid text unique check (openid is null or openid ~ '^[A-Za-z0-9_-]{1,64}$'),
  member_id bigint unique references members (id),
  created_at timestamptz not null default now(),
  last_login_at timestamptz,
  check (openid is not null or member_id is not null)
);

create table roles (
  id bigint generated always as identity primary key,
  user_id bigint not null references users (id) on delete cascade,
  role text not null check (role in ('admin', 'cadre', 'claims_officer')),
  org_id bigint references orgs (id),
  created_at timestamptz not null default now(),
  check (role <> 'cadre' or org_id is not null)
);
create unique index roles_unique on roles (user_id, role, coalesce(org_id, 0));

create table activities (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs (id),
  title text not null check (length(title) between 1 and 60),
  category text not null check (category in ('lecture', 'competition', 'tour', 'camp', 'recuperation', 'health_check', 'job_fair', 'culture', 'training', 'other')),
  description text not null default '' check (length(description) <= 5000),
  location jsonb not null,
  starts_at timestamptz not null,
  ends_at timestamptz not null,
  signup_opens_at timestamptz not null,
  signup_closes_at timestamptz not null,
  capacity integer not null check (capacity between 1 and 100000),
  waitlist_enabled boolean not null,
  cancel_deadline timestamptz,
  audience text not null check (audience in ('org', 'all')),
  status text not null default 'published' check (status in ('published', 'cancelled')),
  cancel_reason text,
  -- counters kept by the sign-up, cancel and check-in functions under the activity row lock
  confirmed_count integer not null default 0,
  waitlist_count integer not null default 0 check (waitlist_count >= 0),
  checked_in_count integer not null default 0 check (checked_in_count >= 0),
  -- arrival order of registrations; strictly increasing under the row lock
  next_seq bigint not null default 1,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (confirmed_count >= 0 and confirmed_count <= capacity),
  check (signup_opens_at < signup_closes_at and signup_closes_at <= starts_at and starts_at < ends_at),
  check (cancel_deadline is null or cancel_deadline <= starts_at),
  check (status <> 'cancelled' or cancel_reason is not null)
);
create index activities_starts on activities (starts_at, id);
create index activities_org on activities (org_id);

create table registrations (
  id bigint generated always as identity primary key,
  activity_id bigint not null references activities (id),
  member_id bigint not null references members (id),
  status text not null check (status in ('confirmed', 'waitlisted', 'cancelled', 'checked_in')),
  seq bigint not null,
  idempotency_key text check (idempotency_key is null or length(idempotency_key) <= 128),
  created_at timestamptz not null default now(),
  confirmed_at timestamptz,
  cancelled_at timestamptz,
  cancel_reason text,
  checked_in_at timestamptz,
  checked_in_by bigint references users (id),
  check ((status = 'checked_in') = (checked_in_at is not null))
);
-- one active registration per member and activity; re-signing after a cancel is allowed
create unique index registrations_one_active on registrations (activity_id, member_id) where status <> 'cancelled';
create unique index registrations_idempotency on registrations (member_id, idempotency_key) where idempotency_key is not null;
create unique index registrations_seq on registrations (activity_id, seq);
create index registrations_waitlist on registrations (activity_id, seq) where status = 'waitlisted';
create index registrations_member on registrations (member_id, created_at desc);

create table checkins (
  id bigint generated always as identity primary key,
  registration_id bigint not null references registrations (id),
  activity_id bigint not null references activities (id),
  scanned_by bigint not null references users (id),
  scanned_at timestamptz not null,
  received_at timestamptz not null default now(),
  device_id text,
  nonce text,
  mode text not null check (mode in ('online', 'offline')),
  result text not null check (result in ('checked_in', 'already_checked_in', 'rejected')),
  reject_code text
);
-- a replayed offline scan (same device nonce) is recorded once
create unique index checkins_nonce on checkins (scanned_by, nonce) where nonce is not null;
create index checkins_registration on checkins (registration_id);

create table coverages (
  id bigint generated always as identity primary key,
  member_id bigint not null references members (id),
  plan text not null check (plan in ('basic', 'critical_illness', 'accident', 'hospitalization')),
  year integer not null check (year between 2000 and 2100),
  starts_on date not null,
  ends_on date not null,
  updated_at timestamptz not null default now(),
  check (starts_on <= ends_on),
  unique (member_id, plan, year)
);

create table claims (
  id bigint generated always as identity primary key,
  claim_no text not null unique,
  member_id bigint not null references members (id),
  plan text not null check (plan in ('basic', 'critical_illness', 'accident', 'hospitalization')),
  status text not null check (status in ('submitted', 'under_review', 'needs_info', 'approved', 'paid', 'rejected')),
  incident_date date not null,
  submitted_at timestamptz not null,
  amount_claimed_fen bigint not null check (amount_claimed_fen >= 0),
  amount_approved_fen bigint check (amount_approved_fen >= 0),
  amount_paid_fen bigint check (amount_paid_fen >= 0),
  paid_at timestamptz,
  reject_reason text,
  updated_at timestamptz not null default now(),
  check (status <> 'paid' or (amount_paid_fen is not null and paid_at is not null)),
  check (status <> 'rejected' or reject_reason is not null)
);
create index claims_member on claims (member_id, submitted_at desc);

-- append-only: nothing updates or deletes a timeline row
create table claim_events (
  id bigint generated always as identity primary key,
  claim_id bigint not null references claims (id),
  status text not null check (status in ('submitted', 'under_review', 'needs_info', 'approved', 'paid', 'rejected')),
  at timestamptz not null,
  note text,
  created_at timestamptz not null default now()
);
create index claim_events_claim on claim_events (claim_id, at, id);

create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_user_id bigint references users (id),
  action text not null,
  subject_type text not null,
  subject_id text,
  detail jsonb not null default '{}'
);
create index audit_log_subject on audit_log (subject_type, subject_id);

create table idempotency_keys (
  key text not null,
  user_id bigint not null references users (id),
  endpoint text not null,
  status integer not null,
  body jsonb not null,
  created_at timestamptz not null default now(),
  primary key (user_id, endpoint, key)
);

-- WeChat one-time subscriptions: each tap on "允许" allows exactly one message of that template
create table subscription_grants (
  user_id bigint not null references users (id),
  template text not null,
  remaining integer not null check (remaining >= 0),
  primary key (user_id, template)
);

create table notification_outbox (
  id bigint generated always as identity primary key,
  user_id bigint references users (id),
  member_id bigint references members (id),
  template text not null,
  data jsonb not null,
  page text,
  status text not null default 'pending' check (status in ('pending', 'sent', 'skipped', 'failed')),
  attempts integer not null default 0,
  last_error text,
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index notification_outbox_pending on notification_outbox (id) where status = 'pending';

create table rate_limits (
  bucket text not null,
  window_start timestamptz not null,
  hits integer not null,
  primary key (bucket, window_start)
);
