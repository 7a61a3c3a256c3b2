import { AppError } from '../../errors.js';
import type { Actor } from '../load-actor.js';

/**
 * Which unions an office caller may see, as materialised-path prefixes ('/1/5/'), or `all`.
 * One rule for every office lookup, so that the list, the detail and the change agree.
 */
export type OfficeScope = { all: true } | { all: false; paths: string[] };

/**
 * Members: admins and claims officers without a union see everyone; cadres, and claims officers
 * bound to a union, see the members of that union's subtree. Nobody else sees the roster.
 */
export function memberLookupScope(actor: Actor): OfficeScope {
  if (actor.roles.some((r) => r.role === 'admin' || (r.role === 'claims_officer' && r.orgId === null))) return { all: true };
  const paths = actor.roles.filter((r) => (r.role === 'cadre' || r.role === 'claims_officer') && r.orgPath).map((r) => r.orgPath as string);
  if (!paths.length) throw new AppError('FORBIDDEN');
  return { all: false, paths };
}

/** Changing a member, reading the union tree and its attendance: admins, and cadres of the subtree. */
export function manageScope(actor: Actor): OfficeScope {
  if (actor.roles.some((r) => r.role === 'admin')) return { all: true };
  const paths = actor.roles.filter((r) => r.role === 'cadre' && r.orgPath).map((r) => r.orgPath as string);
  if (!paths.length) throw new AppError('FORBIDDEN');
  return { all: false, paths };
}

export function scopeCovers(scope: OfficeScope, orgPath: string): boolean {
  return scope.all || scope.paths.some((p) => orgPath.startsWith(p));
}

/** The scope as one SQL parameter: null for everything, else the path prefixes. */
export function scopeParam(scope: OfficeScope): string[] | null {
  return scope.all ? null : scope.paths;
}

/** `o.path` within the scope given as parameter `$n` (paths hold only digits and '/', nothing to escape in LIKE). */
export function scopeSql(n: number, pathColumn = 'o.path'): string {
  return `($${n}::text[] is null or exists (select 1 from unnest($${n}::text[]) s(p) where ${pathColumn} like s.p || '%'))`;
}
