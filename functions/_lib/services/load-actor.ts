import type { Queryable } from '../db/index.js';
import { AppError, userGone } from '../errors.js';
import type { TRole } from '../../../shared/schemas.js';
import { loadServiceKeyActor } from './keys/load-service-key-actor.js';

export type ActorRole = TRole & { orgPath: string | null };
export type Actor = {
  userId: string;
  openid: string | null;
  memberId: string | null;
  memberName: string | null;
  memberOrgId: string | null;
  memberOrgPath: string | null;
  roles: ActorRole[];
  /** how the binding was proven; roles act only for 'phone' (or bootstrap admins): see acting_roles */
  verification: 'phone' | 'id_only' | null;
  bindingReleasedAt: Date | null;
};

export const ACTOR_SQL = `
  select u.id::text as user_id, u.openid, u.member_id::text as member_id, m.name as member_name,
         m.org_id::text as member_org_id, mo.path as member_org_path, u.verification, u.binding_released_at,
         coalesce((select json_agg(json_build_object('role', r.role, 'orgId', r.org_id::text, 'orgPath', o.path) order by r.id)
                     from acting_roles r left join orgs o on o.id = r.org_id where r.user_id = u.id), '[]'::json) as roles
    from users u
    left join members m on m.id = u.member_id
    left join orgs mo on mo.id = m.org_id
   where u.id = $1`;

type ActorRow = {
  user_id: string;
  openid: string | null;
  member_id: string | null;
  member_name: string | null;
  member_org_id: string | null;
  member_org_path: string | null;
  roles: ActorRole[];
  verification?: 'phone' | 'id_only' | null;
  binding_released_at?: Date | null;
};

export function actorFromRow(r: ActorRow): Actor {
  return {
    userId: r.user_id,
    openid: r.openid,
    memberId: r.member_id,
    memberName: r.member_name,
    memberOrgId: r.member_org_id,
    memberOrgPath: r.member_org_path,
    roles: r.roles,
    verification: r.verification ?? null,
    bindingReleasedAt: r.binding_released_at ?? null,
  };
}

/**
 * Who is calling: the user, their member record and the roles that act for them. Only
 * acting_roles (migration 008): a user bound 'id_only' holds its granted roles inert, as if none.
 * A token for a deleted user is 401.
 */
export async function loadActor(options: { db: Queryable; userId: string }): Promise<Actor> {
  const { rows } = await options.db.query<ActorRow>(ACTOR_SQL, [options.userId]);
  if (!rows[0]) throw userGone();
  // ---------- service keys (office-api) ----------
  // Only a key's own user has neither an openid nor a member (check users_identity); it holds no
  // roles rows: it acts with its key's role and scope, and with none once the key is revoked.
  if (rows[0].openid === null && rows[0].member_id === null) return loadServiceKeyActor(options.db, actorFromRow(rows[0]));
  // ---------- end service keys ----------
  return actorFromRow(rows[0]);
}

/**
 * SQL: the role names that act for the user row aliased `u` (one statement's way of asking what
 * loadActor + loadServiceKeyActor answer): acting_roles for people (roles act only for
 * phone-verified users), and for a key's own user (neither openid nor member) its key's role
 * while the key is not revoked. Keep it in step with ACTOR_SQL and loadServiceKeyActor.
 */
export const ACTING_ROLE_NAMES_SQL = `
  select r.role from acting_roles r where r.user_id = u.id and not (u.openid is null and u.member_id is null)
  union all
  select k.role from api_keys k where k.user_id = u.id and k.revoked_at is null and u.openid is null and u.member_id is null`;

export function isAdmin(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'admin');
}

/** Admins manage everything; a cadre manages its org and every org below it (materialised paths). */
export function canManageOrgPath(actor: Actor, orgPath: string): boolean {
  return actor.roles.some((r) => r.role === 'admin' || (r.role === 'cadre' && r.orgPath !== null && orgPath.startsWith(r.orgPath)));
}

export function isClaimsOfficer(actor: Actor): boolean {
  return actor.roles.some((r) => r.role === 'claims_officer' || r.role === 'admin');
}

export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new AppError('FORBIDDEN');
}

export function requireMember(actor: Actor): asserts actor is Actor & { memberId: string; memberOrgPath: string } {
  if (!actor.memberId) throw new AppError('NOT_A_MEMBER');
}

/** The user as api.md's `User`. */
export function toUser(actor: Actor) {
  return { id: actor.userId, roles: actor.roles.map(({ role, orgId }) => ({ role, orgId })), memberId: actor.memberId };
}

// ---------- claims officers' scope (office-api; issue #13 finding 5) ----------
/**
 * Whose claims and coverage the actor acts on: null = every member (admins, officers without a
 * union); otherwise the org paths of the subtrees its claims_officer roles name ([] = none).
 */
export function claimsScope(actor: Actor): string[] | null {
  if (isAdmin(actor)) return null;
  const officer = actor.roles.filter((r) => r.role === 'claims_officer');
  if (officer.some((r) => r.orgPath === null)) return null;
  return officer.map((r) => r.orgPath as string);
}

/** SQL condition: org path `pathSql` lies in `scope` (bound as text[]; null = everywhere). */
export function inScopeSql(pathSql: string, param: string): string {
  return `(${param}::text[] is null or exists (select 1 from unnest(${param}::text[]) as s(p) where starts_with(${pathSql}, s.p)))`;
}
// ---------- end claims officers' scope ----------
