-- search_stations() (019) is plpgsql: after five calls PostgreSQL may keep a generic plan for its
-- ring query, chosen without the ring's bands and box. A generic plan made while the table was
-- small reads the whole table (seen: 12 sequential scans of 20,000 stations on one long-lived
-- connection). Planning each ring with its own values keeps it on the (lat_band, lng) index.
alter function search_stations(float8, float8, float8, text, int[], float8, bigint, int)
  set plan_cache_mode = force_custom_plan;
