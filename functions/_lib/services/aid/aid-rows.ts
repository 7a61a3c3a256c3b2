// How aid programmes and applications are read from SQL and shaped as the contract's objects.
import { toShanghaiIso } from '../../../../shared/domain/time.js';
import { maskMemberNo } from '../../../../shared/domain/mask.js';
import { aidReviewLevel, type AidStatus } from '../../../../shared/domain/aid.js';
import type { TAidApplication, TAidApplicationSummary, TAidProgram } from '../../../../shared/schemas.js';
import type { Actor } from '../load-actor.js';

const iso = (v: Date | string | null) => (v === null ? null : toShanghaiIso(v));
const DAY_MS = 86_400_000;

/** The columns of an `AidProgram` (alias `p`, with `po` the eligible union, left joined). */
export const PROGRAM_COLUMNS = `p.id::text as id, p.kind, p.title, p.opens_at, p.closes_at, p.eligibility, p.amounts, p.required_documents,
  p.publicity_days, p.org_id::text as org_id, po.name as org_name, po.path as org_path, p.required_groups, p.review_days, p.publicity_starts_at`;
export const PROGRAM_FROM = `aid_programs p left join orgs po on po.id = p.org_id`;

export type ProgramRow = {
  id: string;
  kind: 'student_aid' | 'hardship';
  title: string;
  opens_at: Date | string;
  closes_at: Date | string;
  eligibility: string;
  amounts: { level: string; amountFen: number }[];
  required_documents: { key: string; label: string }[];
  publicity_days: number;
  org_id: string | null;
  org_name: string | null;
  org_path: string | null;
  required_groups: string[];
  review_days: number;
  publicity_starts_at: Date | string | null;
};

export function publicityEnd(p: Pick<ProgramRow, 'publicity_starts_at' | 'publicity_days'>): Date | null {
  return p.publicity_starts_at === null ? null : new Date(new Date(p.publicity_starts_at).getTime() + p.publicity_days * DAY_MS);
}

export function toProgram(r: ProgramRow): TAidProgram {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    opensAt: toShanghaiIso(r.opens_at),
    closesAt: toShanghaiIso(r.closes_at),
    eligibility: r.eligibility,
    amountsFen: r.amounts,
    requiredDocuments: r.required_documents,
    publicityDays: r.publicity_days,
    orgId: r.org_id,
    orgName: r.org_name,
    requiredGroups: r.required_groups as TAidProgram['requiredGroups'],
    reviewDays: r.review_days,
    publicityStartsAt: iso(r.publicity_starts_at),
    publicityEndsAt: iso(publicityEnd(r)),
  };
}

/** The columns of an `AidApplication` (alias `a`, joined with its programme `p`, member `m`, union `o`). */
export const APPLICATION_COLUMNS = `a.id::text as id, a.program_id::text as program_id, p.title as program_title, p.kind, p.required_documents,
  p.review_days, a.status, a.level, a.amount_fen, a.member_id::text as member_id, a.applicant_name, m.member_no, a.org_id::text as org_id,
  o.name as org_name, o.path as org_path, a.child_name, a.child_school, a.child_admission_year, a.child_deleted_at, a.documents,
  a.return_reason, a.return_document_key, a.reject_reason, a.submitted_at, a.updated_at, a.stage_started_at, a.publicized_at, a.paid_at`;
export const APPLICATION_FROM = `aid_applications a join aid_programs p on p.id = a.program_id join members m on m.id = a.member_id join orgs o on o.id = a.org_id`;
export const APPLICATION_TIMELINE = `coalesce((select json_agg(json_build_object('status', e.status, 'at', e.at, 'note', e.note) order by e.at, e.id)
  from aid_application_events e where e.application_id = a.id), '[]'::json) as timeline`;

export type ApplicationRow = {
  id: string;
  program_id: string;
  program_title: string;
  kind: 'student_aid' | 'hardship';
  required_documents: { key: string; label: string }[];
  review_days: number;
  status: AidStatus;
  level: string;
  amount_fen: string;
  member_id: string;
  applicant_name: string;
  member_no: string;
  org_id: string;
  org_name: string;
  org_path: string;
  child_name: string | null;
  child_school: string | null;
  child_admission_year: number | null;
  child_deleted_at: Date | string | null;
  documents: { key: string; uploadId: string }[];
  return_reason: string | null;
  return_document_key: string | null;
  reject_reason: string | null;
  submitted_at: Date | string;
  updated_at: Date | string;
  stage_started_at: Date | string;
  publicized_at: Date | string | null;
  paid_at: Date | string | null;
};

export function toApplicationSummary(r: ApplicationRow, now = new Date()): TAidApplicationSummary {
  const reviewLevel = aidReviewLevel(r.status);
  const due = reviewLevel ? new Date(new Date(r.stage_started_at).getTime() + r.review_days * DAY_MS) : null;
  const labels = new Map(r.required_documents.map((d) => [d.key, d.label]));
  const hasChild = r.child_name !== null || r.child_school !== null || r.child_admission_year !== null;
  return {
    id: r.id,
    programId: r.program_id,
    programTitle: r.program_title,
    kind: r.kind,
    status: r.status,
    level: r.level,
    amountFen: Number(r.amount_fen),
    applicant: { name: r.applicant_name, memberNoMasked: maskMemberNo(r.member_no), orgId: r.org_id, orgName: r.org_name },
    child: hasChild ? { name: r.child_name, school: r.child_school, admissionYear: r.child_admission_year } : null,
    documents: r.documents.map((d) => ({ key: d.key, label: labels.get(d.key) ?? d.key, uploadId: d.uploadId })),
    returnReason: r.return_reason,
    returnDocumentKey: r.return_document_key,
    rejectReason: r.reject_reason,
    submittedAt: toShanghaiIso(r.submitted_at),
    updatedAt: toShanghaiIso(r.updated_at),
    reviewLevel,
    reviewDueAt: iso(due),
    overdue: due !== null && due.getTime() < now.getTime(),
    publicizedAt: iso(r.publicized_at),
    paidAt: iso(r.paid_at),
    childDeletedAt: iso(r.child_deleted_at),
  };
}

export function toApplication(r: ApplicationRow & { timeline: { status: AidStatus; at: string; note: string | null }[] }, now = new Date()): TAidApplication {
  return { ...toApplicationSummary(r, now), timeline: r.timeline.map((e) => ({ status: e.status, at: toShanghaiIso(e.at), note: e.note })) };
}

/** A reviewer of an application of union `orgPath`: an admin, or a cadre of that union or one above it. */
export function isAidReviewerOf(actor: Actor, orgPath: string): boolean {
  return actor.roles.some((r) => r.role === 'admin' || (r.role === 'cadre' && r.orgPath !== null && orgPath.startsWith(r.orgPath)));
}
