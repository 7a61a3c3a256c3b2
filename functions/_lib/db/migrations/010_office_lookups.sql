-- Office lookups (issue #14): finding a member among 1.7 million without reading them all, and the
-- attendance figures of a union's subtree without reading every registration.
--
-- Member search is by prefix, served by btree indexes with text_pattern_ops (byte-wise order, so
-- `like 'abc%'` can use them whatever the database's collation). pg_trgm would also find a name by
-- a middle character, but PGlite loads it only as a separately bundled extension and the search a
-- union office needs ("张伟", "ZZ0001", "1234") is a prefix or an exact match.
create index members_name_prefix on members (name text_pattern_ops);
create index members_member_no_prefix on members (member_no text_pattern_ops);
-- The last four digits of the roster phone are kept in clear inside phone_masked ('138****1234').
create index members_phone_last4 on members (right(phone_masked, 4));

-- Attendance at a glance: a subtree's activities of a year, by start (orgs are joined by path).
create index activities_org_starts on activities (org_id, starts_at);
-- The sign-up curve of one activity.
create index registrations_activity_created on registrations (activity_id, created_at);
