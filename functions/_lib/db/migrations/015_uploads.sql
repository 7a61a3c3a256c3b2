-- Uploads (issue #17, api.md "Aid applications"): photos and PDFs a member attaches to an
-- application. The id is a random UUID (122 random bits): knowing one upload's id tells nothing
-- about another's, and the id alone never grants a read (upload_readable below decides).
create table uploads (
  id uuid primary key,
  uploader_user_id bigint not null references users (id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
  size integer not null check (size between 1 and 5242880),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  -- where the bytes are: 'postgres' = upload_contents (the embedded default and any DATABASE_URL),
  -- 'vercel_blob' = the object store (BLOB_READ_WRITE_TOKEN set), at `location` (the blob's URL)
  store text not null check (store in ('postgres', 'vercel_blob')),
  location text,
  created_at timestamptz not null default now(),
  check ((store = 'postgres') = (location is null)),
  unique (id, uploader_user_id)
);
create index uploads_uploader on uploads (uploader_user_id, created_at desc);

-- The bytes of uploads kept in PostgreSQL. The row is written in the transaction that writes the
-- upload (the foreign key is checked at commit, so either may come first).
create table upload_contents (
  upload_id uuid primary key references uploads (id) on delete cascade deferrable initially deferred,
  bytes bytea not null
);

-- Who may read an upload besides its uploader is decided by what it is attached to. Each kind of
-- owner (a claim, an aid application …) registers one SQL function here:
--   <reader_check>(p_owner_id bigint, p_user_id bigint, p_roles jsonb) returns boolean
-- p_roles is the caller's acting roles as the services load them ([{ role, orgId, orgPath }]:
-- phone-verified bindings and service keys included), so a check needs no second notion of roles.
-- A new kind is one migration: its function and one row here; no application code changes.
create table upload_owner_kinds (
  kind text primary key check (kind ~ '^[a-z][a-z_]{0,39}$'),
  reader_check text not null check (reader_check ~ '^[a-z_][a-z0-9_]{0,62}$')
);

-- "Upload X is attached to owner Y of kind K". Only its uploader attaches an upload: the link
-- names the uploader, and the composite foreign key makes any other name impossible.
create table upload_links (
  upload_id uuid not null,
  uploader_user_id bigint not null,
  owner_kind text not null references upload_owner_kinds (kind),
  owner_id bigint not null,
  linked_at timestamptz not null default now(),
  primary key (upload_id, owner_kind, owner_id),
  foreign key (upload_id, uploader_user_id) references uploads (id, uploader_user_id)
);
create index upload_links_owner on upload_links (owner_kind, owner_id);

-- Why p_user_id may read p_upload_id: 'uploader', or the kind of the first owner whose reader
-- check lets it in; null = it may not (the API then answers 404, as for an id that does not exist).
create function upload_read_grant(p_upload_id uuid, p_user_id bigint, p_roles jsonb) returns text
  language plpgsql stable as $$
declare
  l record;
  v_ok boolean;
begin
  if exists (select 1 from uploads where id = p_upload_id and uploader_user_id = p_user_id) then
    return 'uploader';
  end if;
  for l in
    select k.kind, k.reader_check, ul.owner_id
      from upload_links ul join upload_owner_kinds k on k.kind = ul.owner_kind
     where ul.upload_id = p_upload_id
     order by ul.linked_at, k.kind, ul.owner_id
  loop
    execute format('select %I($1, $2, $3)', l.reader_check) into v_ok using l.owner_id, p_user_id, coalesce(p_roles, '[]'::jsonb);
    if v_ok then
      return l.kind;
    end if;
  end loop;
  return null;
end
$$;
