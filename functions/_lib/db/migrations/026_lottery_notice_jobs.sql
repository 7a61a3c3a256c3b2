-- The lottery draw (issue #16) decides up to 50,000 outcomes in one transaction. Writing every
-- applicant's notice in that same transaction doubled its time (bench: 2.3 s for 50,000, against a
-- 2 s goal). The draw now writes one job row here, in its transaction; notify-draw-results.ts
-- writes the notices from it in batches in draw order, each batch and the job's cursor in one
-- transaction under the job's row lock. So every applicant is notified exactly once, and only if
-- the draw committed, as before; the notices arrive a moment after the draw instead of with it.
create table lottery_notice_jobs (
  activity_id bigint primary key references activities (id),
  -- the last rank (registrations.seq, which the draw sets to the rank) already notified
  after_rank integer not null default 0 check (after_rank >= 0),
  -- how many waitlisted were notified before the cursor: the next one is 候补第 (this + 1) 位
  waitlisted_before integer not null default 0 check (waitlisted_before >= 0),
  created_at timestamptz not null default now(),
  done_at timestamptz
);
create index lottery_notice_jobs_pending on lottery_notice_jobs (created_at) where done_at is null;
