import type { Db } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { loadActor } from '../load-actor.js';
import { memberLookupScope, scopeCovers, scopeParam, scopeSql, type OfficeScope } from './office-scope.js';
import { ADMIN_MEMBER_COLUMNS, ADMIN_MEMBER_FROM, toAdminMember, type AdminMemberRow } from './admin-member-rows.js';
import type { TAdminMember } from '../../../../shared/schemas.js';

// The cursor is opaque: base64url of the last member id of the page (the order is by id).
function encodeCursor(id: string): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 1 && /^[1-9]\d{0,17}$/.test(String(value[0]))) return String(value[0]);
  } catch {
    /* falls through to the refusal below */
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { details: [{ path: 'cursor', message: '分页参数无效' }] });
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * What `q` searches, each served by an index of migration 010 (never a scan of the roster):
 * four digits → the phone's last four (or a member number starting with them); letters, digits
 * and dashes → a member number prefix (as typed or upper-cased); anything else → a name prefix.
 */
function searchClause(q: string, n: number): { sql: string; params: unknown[] } {
  if (/^\d{4}$/.test(q)) return { sql: `(right(m.phone_masked, 4) = $${n} or m.member_no like $${n + 1})`, params: [q, `${q}%`] };
  if (/^[A-Za-z0-9-]+$/.test(q)) return { sql: `(m.member_no like $${n} or m.member_no like $${n + 1})`, params: [`${likeEscape(q)}%`, `${likeEscape(q.toUpperCase())}%`] };
  return { sql: `m.name like $${n}`, params: [`${likeEscape(q)}%`] };
}

/** Members within the caller's subtree (optionally narrowed to `orgId`'s), matching `q`, by id. */
export async function listAdminMembers(options: { db: Db; userId: string; q?: string; orgId?: string; cursor?: string; limit: number }): Promise<{ items: TAdminMember[]; nextCursor: string | null }> {
  const { db } = options;
  const after = options.cursor ? decodeCursor(options.cursor) : null;
  const actor = await loadActor(options);
  let scope: OfficeScope = memberLookupScope(actor);
  if (options.orgId) {
    const org = await db.query<{ path: string }>('select path from orgs where id = $1', [options.orgId]);
    if (!org.rows[0]) throw new AppError('NOT_FOUND', '未找到该工会');
    if (!scopeCovers(scope, org.rows[0].path)) throw new AppError('FORBIDDEN', '您只能查看本工会及下级工会的会员');
    scope = { all: false, paths: [org.rows[0].path] };
  }
  const params: unknown[] = [scopeParam(scope), after, options.limit + 1];
  const where = [scopeSql(1), '($2::bigint is null or m.id > $2::bigint)'];
  const q = options.q?.trim();
  if (q) {
    const s = searchClause(q, params.length + 1);
    where.push(s.sql);
    params.push(...s.params);
  }
  const { rows } = await db.query<AdminMemberRow>(
    `select ${ADMIN_MEMBER_COLUMNS} from ${ADMIN_MEMBER_FROM} where ${where.join(' and ')} order by m.id limit $3`,
    params,
  );
  const page = rows.slice(0, options.limit);
  return { items: page.map(toAdminMember), nextCursor: rows.length > options.limit ? encodeCursor(page[page.length - 1].id) : null };
}
