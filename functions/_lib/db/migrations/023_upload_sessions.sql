-- Resumable uploads (issue #17: photos from the phone on a weak network; docs/uploads.md
-- "Resumable uploads", docs/api-extensions.md). A session is one file announced by its type and
-- size and sent in chunks at increasing offsets; a failed chunk is sent again from where the
-- server says it stands, never from byte 0. The last chunk turns the session into an ordinary
-- upload (the `uploads` row and the bytes in whichever BlobStore is configured), in the same
-- transaction that marks the session complete: a session yields at most one upload.
create table upload_sessions (
  id uuid primary key,
  user_id bigint not null references users (id),
  content_type text not null check (content_type in ('image/jpeg', 'image/png', 'application/pdf')),
  size integer not null check (size between 1 and 5242880),
  -- bytes received so far, in order from 0: where the next chunk must start
  received integer not null default 0,
  -- the upload the last chunk made; the session then only answers re-sent last chunks with it
  upload_id uuid references uploads (id),
  -- the offset of the last chunk, to recognise it when it is re-sent after a lost answer
  final_offset integer,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  check (received between 0 and size),
  check ((upload_id is null) = (final_offset is null)),
  check (upload_id is null or received = size)
);
create index upload_sessions_user_open on upload_sessions (user_id) where upload_id is null;
create index upload_sessions_expiry on upload_sessions (expires_at);

-- The bytes received so far, one row per chunk, until the session completes (then they are the
-- upload's and these rows go) or expires (the cron's prune_upload_sessions removes them).
create table upload_session_chunks (
  session_id uuid not null references upload_sessions (id) on delete cascade,
  offset_bytes integer not null check (offset_bytes >= 0),
  bytes bytea not null check (length(bytes) > 0),
  primary key (session_id, offset_bytes)
);
