-- Server cleanup after the merge of #12–#18 ("one rule in one place").
--
-- 1. calendar_days (012_join.sql) is the one list of public holidays and 调休 working days: the
--    join deadlines (working_days_after), the love-station report deadlines and the stations' `PH`
--    opening hours all read it, and admins extend it through POST /api/admin/calendar-days. The
--    2025 arrangement (国务院办公厅 2024年11月 notice), which the stations' own list had, lands here.
insert into calendar_days (day, workday, name)
select d::date, false, v.name
  from (values ('元旦', '2025-01-01', '2025-01-01'), ('春节', '2025-01-28', '2025-02-04'), ('清明节', '2025-04-04', '2025-04-06'),
               ('劳动节', '2025-05-01', '2025-05-05'), ('端午节', '2025-05-31', '2025-06-02'), ('国庆节、中秋节', '2025-10-01', '2025-10-08')) as v(name, first, last),
       generate_series(v.first::date, v.last::date, interval '1 day') as d
on conflict (day) do nothing;
insert into calendar_days (day, workday, name) values
  ('2025-01-26', true, '春节调休上班'), ('2025-02-08', true, '春节调休上班'), ('2025-04-27', true, '劳动节调休上班'),
  ('2025-09-28', true, '国庆节调休上班'), ('2025-10-11', true, '国庆节调休上班')
on conflict (day) do nothing;

-- The public holidays (calendar_days rows that are not working days) from p_from to p_to, as the
-- opening-hours evaluator takes them (shared/domain/opening-hours.ts, `PH`).
create function public_holidays(p_from date, p_to date)
returns date[]
language sql stable as $$
  select coalesce(array_agg(day order by day), '{}') from calendar_days where day between p_from and p_to and not workday
$$;

-- 2. Love-station report photos are uploads (015_uploads.sql, docs/uploads.md). The column held a
--    plain id until uploads landed; ids that are not uploads cannot be kept (none can be read).
alter table station_reports drop constraint station_reports_upload_id_check;
alter table station_reports alter column upload_id type uuid
  using case when upload_id ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' then upload_id::uuid end;
update station_reports r set upload_id = null where upload_id is not null and not exists (select 1 from uploads u where u.id = r.upload_id);
alter table station_reports add constraint station_reports_upload foreign key (upload_id) references uploads (id);

-- Who besides the reporter may read a report's photo: admins, and the cadres of the station's
-- union or any union above it (the same subtree that answers the report).
create function station_report_upload_readers(p_owner_id bigint, p_user_id bigint, p_roles jsonb)
returns boolean language sql stable as $$
  select exists (
    select 1 from station_reports r join stations s on s.id = r.station_id join orgs o on o.id = s.org_id,
           jsonb_array_elements(p_roles) x
     where r.id = p_owner_id
       and (x->>'role' = 'admin' or (x->>'role' = 'cadre' and starts_with(o.path, x->>'orgPath'))))
$$;
insert into upload_owner_kinds (kind, reader_check) values ('station_report', 'station_report_upload_readers');
