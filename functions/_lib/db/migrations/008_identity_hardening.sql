-- Identity hardening (issue #13, api.md "Identity, hardened").

-- Roles act only for a user whose binding was proven by phone (users.verification = 'phone'), or
-- when granted by BOOTSTRAP_ADMIN_OPENIDS at login (bootstrap). Everything that decides what a
-- role may do reads acting_roles, never roles: a role granted to a member bound by name and ID
-- number alone waits there, inert, until that member proves the roster phone.
alter table roles add column bootstrap boolean not null default false;
alter table users add constraint users_verification_needs_member check (verification is null or member_id is not null);
-- When an 'id_only' binding was taken over by a phone-verified one (the user is told on GET /api/me).
alter table users add column binding_released_at timestamptz;

create view acting_roles as
  select r.id, r.user_id, r.role, r.org_id, r.created_at, r.bootstrap
    from roles r join users u on u.id = r.user_id
   where r.bootstrap or u.verification = 'phone';

-- 004_checkin.sql's rule, reading acting_roles.
create or replace function checkin_refusal(p_user_id bigint, p_activity_id bigint) returns text
  language sql stable as $$
  select case
           when not exists (select 1 from users u where u.id = p_user_id) then 'UNAUTHENTICATED'
           when a.id is null then 'NOT_FOUND'
           when not exists (
             select 1
               from acting_roles r
               left join orgs o on o.id = r.org_id
              where r.user_id = p_user_id
                and (r.role = 'admin' or (r.role = 'cadre' and starts_with(ao.path, o.path)))
           ) then 'FORBIDDEN'
         end
    from (select 1) as one
    left join activities a on a.id = p_activity_id
    left join orgs ao on ao.id = a.org_id
$$;
