-- 互助金申请 (issue #17): members apply for mutual-aid money in the app. Such a claim is an
-- ordinary row of `claims` (one table, one timeline, imports by claim number keep working on it);
-- what only an application has is beside it.

-- The member's own words, and where the claim began: 'import' (the mutual-aid system's file) or
-- 'member' (POST /api/me/claims).
alter table claims add column description text check (description is null or char_length(description) <= 500);
alter table claims add column source text not null default 'import' check (source in ('import', 'member'));

-- Claim numbers the server assigns: 'HZ' + the Shanghai date (YYYYMMDD) + this sequence, at least
-- 5 digits (HZ2026113000042). Imported numbers are the mutual-aid system's own; should one ever be
-- equal, the insert takes the next value (claims.claim_no stays unique).
create sequence claim_application_no;

-- The documents of a claim: which one (key, e.g. invoice) and the upload holding it. Rows are only
-- added (a returned application gets more documents; nothing is replaced), like the timeline.
create table claim_documents (
  id bigint generated always as identity primary key,
  claim_id bigint not null references claims (id),
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  upload_id uuid not null references uploads (id),
  added_at timestamptz not null default now(),
  unique (claim_id, upload_id)
);
create index claim_documents_claim on claim_documents (claim_id, added_at, id);

-- Who reads a claim's documents besides the member who uploaded them (docs/uploads.md): the
-- claim's member (whatever WeChat account they now use), admins, and claims officers whose scope
-- holds the member (no union = everywhere; a union = its subtree).
create function claim_upload_readers(p_owner_id bigint, p_user_id bigint, p_roles jsonb) returns boolean
  language sql stable as $$
  select exists (
    select 1
      from claims c join members m on m.id = c.member_id join orgs o on o.id = m.org_id
     where c.id = p_owner_id
       and (exists (select 1 from users u where u.id = p_user_id and u.member_id = c.member_id)
            or exists (select 1 from jsonb_array_elements(p_roles) r
                        where r->>'role' = 'admin'
                           or (r->>'role' = 'claims_officer' and (r->>'orgPath' is null or starts_with(o.path, r->>'orgPath'))))))
$$;
insert into upload_owner_kinds (kind, reader_check) values ('claim', 'claim_upload_readers');
