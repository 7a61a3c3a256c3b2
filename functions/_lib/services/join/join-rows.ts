import type { Queryable } from '../../db/index.js';
import { AppError } from '../../errors.js';
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import type { TAdminJoinApplication, TJoinApplication, TJoinChannel, TJoinStatus } from '../../../../shared/schemas.js';

/** The review period of api.md: working days are counted by working_days_after() in SQL (012_join.sql), nowhere else. */
export const REVIEW_WORKING_DAYS = 5;

/** Columns of a join application `j` with its union `o`, for both the applicant's and the office's view. */
export const JOIN_COLUMNS = `j.id::text as id, j.status, j.org_id::text as org_id, o.name as org_name, j.channel, j.submitted_at, j.review_due_at,
  j.decided_at, j.reject_reason, j.member_id::text as member_id, j.name, j.id_masked, j.phone_masked, j.phone_verified,
  j.employer, j.platform, j.district, j.user_id::text as user_id`;

export type JoinRow = {
  id: string;
  status: TJoinStatus;
  org_id: string;
  org_name: string;
  channel: TJoinChannel;
  submitted_at: Date | string;
  review_due_at: Date | string;
  decided_at: Date | string | null;
  reject_reason: string | null;
  member_id: string | null;
  name: string;
  id_masked: string;
  phone_masked: string | null;
  phone_verified: boolean;
  employer: string | null;
  platform: string | null;
  district: string | null;
  user_id: string;
};

const iso = (v: Date | string) => toShanghaiIso(v);

export function toJoinApplication(r: JoinRow): TJoinApplication {
  return {
    id: r.id,
    status: r.status,
    orgId: r.org_id,
    orgName: r.org_name,
    channel: r.channel,
    submittedAt: iso(r.submitted_at),
    reviewDueAt: iso(r.review_due_at),
    decidedAt: r.decided_at === null ? null : iso(r.decided_at),
    rejectReason: r.reject_reason,
    memberId: r.member_id,
  };
}

export function toAdminJoinApplication(r: JoinRow, now: Date, escalated = false): TAdminJoinApplication {
  return {
    ...toJoinApplication(r),
    name: r.name,
    idNumberMasked: r.id_masked,
    phoneMasked: r.phone_masked,
    phoneVerified: r.phone_verified,
    employer: r.employer,
    platform: r.platform,
    district: r.district,
    overdue: r.status === 'pending' && new Date(r.review_due_at).getTime() < now.getTime(),
    escalated,
  };
}

export async function readJoinApplication(db: Queryable, id: string): Promise<JoinRow | null> {
  const { rows } = await db.query<JoinRow>(`select ${JOIN_COLUMNS} from join_applications j join orgs o on o.id = j.org_id where j.id = $1`, [id]);
  return rows[0] ?? null;
}

// Cursors are opaque: base64url of the last row's id (lists run in id order: arrival order).
export function encodeIdCursor(id: string): string {
  return Buffer.from(JSON.stringify([id])).toString('base64url');
}

export function decodeIdCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 1 && /^[1-9]\d{0,17}$/.test(String(v[0]))) return String(v[0]);
  } catch {
    /* the refusal below */
  }
  throw new AppError('VALIDATION_FAILED', '分页参数无效，请从第一页重新加载', { details: [{ path: 'cursor', message: '分页参数无效' }] });
}

export const JOIN_STATUS_LABELS: Record<TJoinStatus, string> = { pending: '审核中', approved: '已通过', rejected: '未通过', withdrawn: '已撤回' };
