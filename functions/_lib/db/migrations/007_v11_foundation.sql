-- v1.1 foundation shared by the identity, office and later capabilities (api.md "v1.1 additions"):
-- phone-verified bindings, member groups, the verifier role and service keys.

-- The roster phone as a keyed hash (same key as ID numbers), so a phone-verified binding can compare
-- the number WeChat vouches for with the roster without keeping the number in clear.
alter table members add column phone_hash text;
-- 会员类别 from the roster: who has priority in a lottery, who gets aid.
alter table members add column groups text[] not null default '{}'
  check (groups <@ array['hardship', 'model_worker', 'gig_worker', 'frontline']::text[]);

-- How a user's binding to a roster member was proven: 'phone' (WeChat's getPhoneNumber matched the
-- roster phone) or 'id_only' (name + ID number). Null while unbound. Roles act only for 'phone'.
alter table users add column verification text check (verification in ('phone', 'id_only'));
update users set verification = 'id_only' where member_id is not null and openid is not null;

alter table roles drop constraint roles_role_check;
alter table roles add constraint roles_role_check check (role in ('admin', 'cadre', 'claims_officer', 'verifier'));

-- Service keys for a union's other systems: only a hash is kept; the key is shown once.
create table api_keys (
  id bigint generated always as identity primary key,
  name text not null check (length(name) between 1 and 60),
  role text not null check (role in ('claims_officer', 'admin', 'verifier')),
  org_id bigint references orgs (id),
  key_hash text not null unique,
  key_prefix text not null,
  created_by bigint references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
