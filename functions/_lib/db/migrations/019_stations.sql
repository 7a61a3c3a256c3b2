-- Love stations (爱心驿站, issue #18): stations, visits ("I used it, it was open") and reports.
-- Coordinates are GCJ-02 as given (what wx.getLocation({ type: 'gcj02' }) gives and
-- wx.openLocation takes), stored and compared as such, never converted.

create table stations (
  id bigint generated always as identity primary key,
  org_id bigint not null references orgs(id),
  name text not null check (char_length(name) between 1 and 60),
  address text not null check (char_length(address) between 1 and 200),
  lat double precision not null check (lat between -90 and 90),
  lng double precision not null check (lng between -180 and 180),
  -- 0.01° latitude bands (about 1.1 km): the search descends the (lat_band, lng) index once per
  -- band of its bounding box and reads only the box's longitudes in each (search_stations below).
  lat_band int generated always as (floor(lat * 100)::int) stored,
  -- OpenStreetMap opening_hours text, as imported (shared/domain/opening-hours.ts checks it)
  opening_hours text not null check (char_length(opening_hours) between 1 and 200),
  -- the same hours as data the database can test: 14 blocks of 2,880 minutes (weekday × holiday),
  -- computed by hoursIndexRanges() in shared/domain/opening-hours.ts. Never written by hand.
  hours_index int4multirange not null,
  services text[] not null default '{}'
    check (services <@ array['water', 'hot_meal', 'charging', 'toilet', 'rest', 'first_aid', 'air_conditioning', 'microwave']::text[]),
  phone text check (char_length(phone) <= 30),
  last_confirmed_at timestamptz,
  suspended_at timestamptz,
  suspended_reason text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint stations_suspension check ((suspended_at is null) = (suspended_reason is null)),
  -- an import names a station by its union, name and address: importing the same file twice changes nothing
  constraint stations_identity unique (org_id, name, address)
);
-- Only stations in service are searched: the partial index holds nothing else. It carries every
-- column the search tests (lat, services, hours_index) and the id, so a ring is read from the
-- index alone (an index-only scan: no visit to the table's pages for stations outside the ring).
create index stations_search on stations (lat_band, lng) include (lat, id, services, hours_index) where suspended_at is null;
create index stations_org on stations (org_id, id);

create table station_visits (
  id bigint generated always as identity primary key,
  station_id bigint not null references stations(id),
  member_id bigint not null references members(id),
  created_at timestamptz not null default now(),
  -- one visit counts per member, station and hour: tapping 我来过 again changes nothing
  hour_bucket timestamptz not null,
  constraint station_visits_once_an_hour unique (station_id, member_id, hour_bucket)
);
create index station_visits_station on station_visits (station_id, created_at);

create table station_reports (
  id bigint generated always as identity primary key,
  station_id bigint not null references stations(id),
  member_id bigint not null references members(id),
  kind text not null check (kind in ('closed', 'no_water', 'expired_medicine', 'dirty', 'other')),
  note text check (char_length(note) <= 200),
  -- a photo from POST /api/uploads; a plain id until the uploads table is merged (docs/stations.md)
  upload_id text check (upload_id ~ '^[1-9][0-9]{0,17}$'),
  created_at timestamptz not null default now(),
  deadline_at timestamptz not null,
  resolved_at timestamptz,
  resolved_by bigint references users(id),
  resolution_note text check (char_length(resolution_note) <= 200),
  constraint station_reports_resolution check (
    (resolved_at is null and resolved_by is null and resolution_note is null)
    or (resolved_at is not null and resolved_by is not null and resolution_note is not null)
  ),
  check (deadline_at > created_at)
);
-- The same member reporting `closed` twice counts once: one open `closed` report per member and
-- station. reported_closed = two such rows (two different members) for a station.
create unique index station_reports_closed_once on station_reports (station_id, member_id) where kind = 'closed' and resolved_at is null;
create index station_reports_open on station_reports (deadline_at, id) where resolved_at is null;
create index station_reports_station on station_reports (station_id, id);

-- A report moves only open → resolved, once; its facts never change afterwards.
create function station_report_guard() returns trigger language plpgsql as $$
begin
  if old.resolved_at is not null then
    raise exception 'station report % is already resolved', old.id using errcode = 'P0001';
  end if;
  if new.station_id <> old.station_id or new.member_id <> old.member_id or new.kind <> old.kind
     or new.note is distinct from old.note or new.upload_id is distinct from old.upload_id
     or new.created_at <> old.created_at or new.deadline_at <> old.deadline_at then
    raise exception 'station report % may only be resolved', old.id using errcode = 'P0001';
  end if;
  return new;
end $$;
create trigger station_reports_guard before update on station_reports for each row execute function station_report_guard();

-- Haversine on a sphere of radius 6,371,008.8 m (api.md "v1.1 precisions"); shared/domain/geo.ts
-- holds the same formula.
create function station_distance_m(p_lat1 float8, p_lng1 float8, p_lat2 float8, p_lng2 float8)
returns float8 language sql immutable parallel safe as $$
  select 2 * 6371008.8 * asin(least(1, sqrt(
    power(sin(radians(p_lat2 - p_lat1) / 2), 2)
    + cos(radians(p_lat1)) * cos(radians(p_lat2)) * power(sin(radians(p_lng2 - p_lng1) / 2), 2))))
$$;

-- Nearest first within p_radius_m, at most p_limit stations (ids and exact distances), after the
-- cursor (p_after_dist, p_after_id) when given. Rings that grow from 500 m: each ring reads the
-- index entries of its bounding box only (one index descent per 0.01° band), keeps the stations
-- whose exact distance is within the ring, and stops as soon as it holds p_limit of them or
-- reaches the radius. Stations beyond a ring are farther than every station in it, so the first
-- p_limit of a full ring are exactly the nearest p_limit. One statement for the caller.
-- p_open_at: the two positions in hours_index for "now" (hoursIndexPositions()), or null.
create function search_stations(p_lat float8, p_lng float8, p_radius_m float8, p_service text, p_open_at int[],
                                p_after_dist float8, p_after_id bigint, p_limit int)
returns table (station_id bigint, distance_m float8)
-- a page, not the default guess of 1,000 rows: the caller's join then reads stations by primary key
language plpgsql stable rows 20 as $$
declare
  v_r float8 := least(p_radius_m, greatest(500, coalesce(p_after_dist, 0) + 500));
  v_dlat float8;
  v_dlng float8;
  v_bands int[];
  v_ids bigint[];
  v_dists float8[];
begin
  loop
    -- the ring's bounding box on the sphere, widened by 1e-6° (0.1 m) against rounding
    v_dlat := degrees(v_r / 6371008.8) + 1e-6;
    v_dlng := case when abs(p_lat) + v_dlat >= 89 then 360
                   else degrees(asin(least(1, sin(v_r / 6371008.8) / cos(radians(p_lat))))) + 1e-6 end;
    v_bands := array(select generate_series(floor((p_lat - v_dlat) * 100)::int, floor((p_lat + v_dlat) * 100)::int));
    select coalesce(array_agg(c.id order by c.d, c.id), '{}'), coalesce(array_agg(c.d order by c.d, c.id), '{}')
      into v_ids, v_dists
      from (select s.id, station_distance_m(p_lat, p_lng, s.lat, s.lng) as d
              from stations s
             where s.suspended_at is null
               and s.lat_band = any(v_bands)
               and s.lng between p_lng - v_dlng and p_lng + v_dlng
               and station_distance_m(p_lat, p_lng, s.lat, s.lng) <= v_r
               and (p_service is null or s.services @> array[p_service])
               and (p_open_at is null or s.hours_index @> p_open_at[1] or s.hours_index @> p_open_at[2])
               and (p_after_dist is null or (station_distance_m(p_lat, p_lng, s.lat, s.lng), s.id) > (p_after_dist, p_after_id))
             order by 2, 1
             limit p_limit) c;
    exit when cardinality(v_ids) >= p_limit or v_r >= p_radius_m;
    v_r := least(p_radius_m, v_r * 2);
  end loop;
  return query select u.id, u.d from unnest(v_ids, v_dists) as u(id, d);
end $$;

-- A station's status as api.md names it: suspended by its union; reported_closed while two
-- different members hold unresolved `closed` reports on it; open otherwise.
create function station_status(p_station bigint, p_suspended_at timestamptz)
returns text language sql stable as $$
  select case
    when p_suspended_at is not null then 'suspended'
    when (select count(*) from station_reports r where r.station_id = p_station and r.kind = 'closed' and r.resolved_at is null) >= 2 then 'reported_closed'
    else 'open' end
$$;
