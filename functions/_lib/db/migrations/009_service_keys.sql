-- Service keys act through a user row of their own (api.md "Service keys"): every service, audit
-- row and foreign key that names a user works for a key unchanged, and a key's calls are told
-- apart in audit_log by that user. The user holds no roles: a key's power is read from the key
-- row on every call (load-actor.ts), so a revoked key loses it at once.
alter table users add column service boolean not null default false;
do $$
declare c text;
begin
  select conname into c from pg_constraint
   where conrelid = 'users'::regclass and contype = 'c' and pg_get_constraintdef(oid) ilike '%openid IS NOT NULL%member_id IS NOT NULL%';
  if c is not null then execute format('alter table users drop constraint %I', c); end if;
end $$;
alter table users add constraint users_identity check (openid is not null or member_id is not null or service);

alter table api_keys add column user_id bigint not null unique references users (id);
-- A presented key is found by its prefix and then compared by hash in constant time.
create index api_keys_prefix on api_keys (key_prefix);
-- An admin key is never scoped (scope means a union subtree for officers and verifiers).
alter table api_keys add constraint api_keys_admin_unscoped check (role <> 'admin' or org_id is null);

