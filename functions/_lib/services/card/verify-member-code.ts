import type { Queryable } from '../../db/index.js';
import type { Config } from '../../config.js';
import { AppError, userGone } from '../../errors.js';
import { verifyNative } from '../../tickets.js';
import { boundedBucket } from '../check-rate-limit.js';
import { ACTING_ROLE_NAMES_SQL, type Actor } from '../load-actor.js';
import { shanghaiToday } from './issue-member-card.js';
import { maskMemberNo } from '../../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import { checkMemberCode, type MembershipStatus } from '../../../../shared/domain/member-codes.js';
import type { TMemberCodeVerifyResponse } from '../../../../shared/contract-card.js';

/** Roles that check member codes at a venue (api.md): verifier accounts and keys, cadres, admins. */
const VERIFYING_ROLE_NAMES = ['verifier', 'cadre', 'admin'];
const VERIFYING_ROLES = new Set(VERIFYING_ROLE_NAMES);

export function canVerifyMemberCodes(actor: Actor): boolean {
  return actor.roles.some((r) => VERIFYING_ROLES.has(r.role));
}

/** Verifications one venue account or key may ask for in a minute (a busy door scans one a second). */
export const VERIFY_PER_MINUTE = Number(process.env.RATE_LIMIT_MEMBER_CODE_VERIFY_PER_MINUTE ?? 300);

type VerdictRow = {
  known: boolean;
  permitted: boolean;
  allowed: boolean | null;
  name: string | null;
  member_no: string | null;
  org_name: string | null;
  status: MembershipStatus | null;
  bound_user: string | null;
};

/**
 * A venue checks a member code in one round trip (issue #15: p99 ≤ 20 ms). Permission first, in
 * the statement: the caller's acting roles (ACTING_ROLE_NAMES_SQL, loadActor's rule: roles act only
 * for phone-verified users; a key acts with its role until revoked); nothing is counted or written
 * for an unknown or unpermitted caller. For a permitted one the same statement counts the rate
 * window, reads the member and writes the audit row, whatever the verdict, so a venue trying
 * forged codes is on record.
 * The signatures and the age are checked in memory by the shared rule before that statement; the
 * database adds what a phone offline cannot know: the membership's status today, and whether the
 * member is still bound to the user the device key was certified for (a binding taken over by
 * someone else voids the old phone's codes at once).
 *
 * Any verifying role sees any member's code: a fresh code can only come from the member's own
 * screen, shown to this venue now; venues (职工之家, 疗休养基地, 普惠 merchants) serve members of
 * every union, and a subtree rule would turn those members away. docs/member-card.md.
 */
export async function verifyMemberCode(options: {
  db: Queryable;
  config: Pick<Config, 'ticketPublicKey'>;
  userId: string;
  code: string;
  now?: Date;
}): Promise<TMemberCodeVerifyResponse> {
  const now = options.now ?? new Date();
  const verdict = checkMemberCode(options.code, options.config.ticketPublicKey, Math.floor(now.getTime() / 1000), verifyNative);
  const claims = verdict.ok ? verdict.claims : null;
  const windowStart = new Date(now.getTime() - (now.getTime() % 60_000)).toISOString();

  // One round trip: who calls and whether a role of theirs may verify (the same rule as
  // loadActor: ACTING_ROLE_NAMES_SQL), then, only for a permitted caller, the rate window, the
  // member and the audit row.
  const { rows } = await options.db.query<VerdictRow>(
    `with actor as (
       select u.id, exists (select 1 from (${ACTING_ROLE_NAMES_SQL}) ar where ar.role = any($9::text[])) as permitted
         from users u where u.id = $6::bigint
     ), hit as (
       insert into rate_limits (bucket, window_start, hits)
       select $1, $2, 1 from actor where actor.permitted
       on conflict (bucket, window_start) do update set hits = rate_limits.hits + 1
       returning hits <= $3 as allowed
     ), m as (
       select m.id, m.name, m.member_no, o.name as org_name, membership_status(m.ended_on, $5::date) as status, u.id::text as bound_user
         from members m join orgs o on o.id = m.org_id left join users u on u.member_id = m.id
        where m.id = $4::bigint
     ), audit as (
       insert into audit_log (actor_user_id, action, subject_type, subject_id, detail)
       select $6, 'member_code.verify', 'member', $4::text,
              jsonb_build_object('valid', $4::bigint is not null and m.bound_user is not distinct from $7, 'reason', $8::text, 'status', m.status)
         from hit left join m on true
        where hit.allowed
     )
     select actor.id is not null as known, coalesce(actor.permitted, false) as permitted, hit.allowed,
            m.name, m.member_no, m.org_name, m.status, m.bound_user
       from (select 1) one left join actor on true left join hit on true left join m on true`,
    [
      boundedBucket(`member-code:${options.userId}`),
      windowStart,
      VERIFY_PER_MINUTE,
      claims?.memberId ?? null,
      shanghaiToday(now),
      options.userId,
      claims?.userId ?? null,
      verdict.ok ? null : verdict.reason,
      VERIFYING_ROLE_NAMES,
    ],
  );
  const row = rows[0];
  if (!row.known) throw userGone();
  if (!row.permitted) throw new AppError('FORBIDDEN', '只有核验员、工会干部和管理员可以核验会员码');
  if (!row.allowed) throw new AppError('RATE_LIMITED', '核验过于频繁，请稍后再试', { headers: { 'Retry-After': '60' } });
  if (!verdict.ok) throw new AppError('TICKET_INVALID', verdict.reason === 'expired' || verdict.reason === 'certificate_expired' ? '会员码已过期（截图无效），请会员刷新后重新出示' : '会员码无效');
  if (!row.name || !row.member_no || !row.org_name || !row.status || row.bound_user !== verdict.claims.userId) {
    throw new AppError('TICKET_INVALID', '会员码已失效：会员已在其他微信上绑定，请会员重新打开会员卡');
  }
  return {
    valid: true,
    member: { name: row.name, memberNoMasked: maskMemberNo(row.member_no), orgName: row.org_name, status: row.status },
    issuedAt: toShanghaiIso(new Date(verdict.claims.issuedAt * 1000)),
  };
}
