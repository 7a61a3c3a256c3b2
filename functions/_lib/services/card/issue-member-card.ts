import { randomBytes } from 'node:crypto';
import type { Queryable } from '../../db/index.js';
import type { Config } from '../../config.js';
import { AppError, userGone } from '../../errors.js';
import { publicKeyNative, signNative } from '../../tickets.js';
import { bytesToBase64Url } from '../../../../shared/domain/tickets.js';
import { maskMemberNo } from '../../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import {
  asciiBytes,
  certificateMessage,
  codeMessage,
  codeSlot,
  joinCertificate,
  joinCode,
  memberCodeHolder,
  CERT_TTL_SECONDS,
  CODE_MAX_AGE_SECONDS,
  CODE_REFRESH_SECONDS,
  type MembershipStatus,
} from '../../../../shared/domain/member-codes.js';
import type { TMemberCard } from '../../../../shared/contract-card.js';

/** The calendar day in Asia/Shanghai, as PostgreSQL's date text. */
export function shanghaiToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

type CardRow = {
  member_id: string | null;
  member_no: string | null;
  name: string | null;
  org_name: string | null;
  joined_on: string | null;
  status: MembershipStatus | null;
};

/**
 * The caller's member card with a fresh device key certified for CERT_TTL_SECONDS and the code of
 * this moment signed with it. The server keeps nothing of the device key: each opening of the card
 * online makes a new one (the phone replaces its copy). One round trip.
 */
export async function issueMemberCard(options: { db: Queryable; config: Pick<Config, 'ticketSecretKey'>; userId: string; now?: Date }): Promise<TMemberCard> {
  const now = options.now ?? new Date();
  const { rows } = await options.db.query<CardRow>(
    `select m.id::text as member_id, m.member_no, m.name, o.name as org_name,
            to_char(coalesce(m.joined_on, (m.created_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as joined_on,
            membership_status(m.ended_on, $2::date) as status
       from users u
       left join members m on m.id = u.member_id
       left join orgs o on o.id = m.org_id
      where u.id = $1`,
    [options.userId, shanghaiToday(now)],
  );
  const row = rows[0];
  if (!row) throw userGone();
  if (!row.member_id || !row.member_no || !row.name || !row.org_name || !row.joined_on || !row.status) throw new AppError('NOT_A_MEMBER');

  const nowSeconds = Math.floor(now.getTime() / 1000);
  const expiresAt = nowSeconds + CERT_TTL_SECONDS;
  const deviceKey = new Uint8Array(randomBytes(32));
  const memberNoMasked = maskMemberNo(row.member_no);
  const message = certificateMessage({
    memberId: row.member_id,
    userId: options.userId,
    expiresAt,
    status: row.status,
    holder: memberCodeHolder(row.name, memberNoMasked),
    devicePublicKey: publicKeyNative(deviceKey),
  });
  const certificate = joinCertificate(message, signNative(asciiBytes(message), options.config.ticketSecretKey));
  const issuedAt = codeSlot(nowSeconds);
  const code = joinCode(certificate, issuedAt, signNative(asciiBytes(codeMessage(certificate, issuedAt)), deviceKey));
  return {
    memberNo: row.member_no,
    name: row.name,
    orgName: row.org_name,
    joinedOn: row.joined_on,
    status: row.status,
    code,
    codeExpiresAt: toShanghaiIso(new Date((issuedAt + CODE_MAX_AGE_SECONDS) * 1000)),
    certificate,
    deviceKey: bytesToBase64Url(deviceKey),
    certificateExpiresAt: toShanghaiIso(new Date(expiresAt * 1000)),
    serverTime: toShanghaiIso(now),
    codeRefreshSeconds: CODE_REFRESH_SECONDS,
    memberNoMasked,
  };
}
