// Writes docs/openapi.json (OpenAPI 3.1) from the shared Zod schemas and the route table.
// `npm run openapi` regenerates it; tests/unit/openapi.test.ts fails while the committed file is stale.
//
// Every schema exported by shared/schemas.ts becomes a component (JSON Schema 2020-12, which is
// what OpenAPI 3.1 speaks). The operations come from api.md's contract (CONTRACT below) plus every
// row of functions/_lib/routes.ts: a route the table does not describe still appears, with the
// request schema read from its endpoint file (`body: ZX`, `query: ZX`) and a generic JSON answer.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from '../shared/zod.js';
import * as schemas from '../shared/schemas.js';
import { ERROR_MESSAGES, ERROR_STATUS, type ErrorCode } from '../shared/errors.js';
import { ROUTES } from '../functions/_lib/routes.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OPENAPI_FILE = path.join(ROOT, 'docs/openapi.json');

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
type SchemaName = keyof typeof schemas & `Z${string}`;

/** What the route table cannot say about an operation: its schemas, answers and refusals. */
type Operation = {
  summary: string;
  tag: string;
  auth?: 'none' | 'user';
  /** request body schema (exported name in shared/schemas.ts) */
  body?: SchemaName;
  /** query schema: each property becomes a query parameter */
  query?: SchemaName;
  /** success answer schema; absent: a generic JSON object */
  response?: SchemaName;
  /** success status (default 200); sign-up answers 201 when new and 200 when already held */
  status?: number[];
  /** the answer can also be CSV (`?format=csv`) */
  csv?: boolean;
  /** request headers beyond Authorization */
  headers?: { name: string; description: string }[];
  /** the refusals this operation can answer, beyond the ones every operation of its kind has */
  errors?: ErrorCode[];
  /** not in api.md v1: described in docs/api-extensions.md */
  extension?: boolean;
  /** v1.1: request bodies taken as raw files (spreadsheets), by media type */
  rawBody?: string[];
  /** v1.1: the success answer is a file of this media type, not JSON */
  fileResponse?: string | string[];
  /** the schema of the path's `:id` when it is not an `Id` (uploads: UUIDs) */
  pathId?: SchemaName;
};

/** api.md's operations, then the extensions routed in functions/_lib/routes.ts. */
export const CONTRACT: Record<`${Method} /api/${string}`, Operation> = {
  'POST /api/auth/login': { summary: 'Log in with a wx.login code (or dev:<openid> outside production)', tag: 'identity', auth: 'none', body: 'ZLoginRequest', response: 'ZLoginResponse', errors: ['UNAUTHENTICATED', 'RATE_LIMITED'] },
  'GET /api/me': { summary: 'The signed-in user and their roster entry', tag: 'identity', response: 'ZMeResponse' },
  'POST /api/me/bind': { summary: 'Bind to the roster by real name and ID number, phone-verified with a getPhoneNumber code', tag: 'identity', body: 'ZBindRequest', response: 'ZBindResponse', errors: ['NOT_FOUND', 'ALREADY_BOUND', 'PHONE_MISMATCH', 'RATE_LIMITED'] },

  'POST /api/admin/orgs': { summary: 'Create an organisation', tag: 'organisations', body: 'ZCreateOrgRequest', response: 'ZOrg', status: [201], errors: ['FORBIDDEN', 'NOT_FOUND'] },
  'GET /api/orgs': { summary: 'Every organisation', tag: 'organisations', response: 'ZOrgList' },
  'POST /api/admin/members/import': { summary: 'Import roster members (≤ 5,000 rows; upsert by ID number)', tag: 'organisations', body: 'ZMemberImportRequest', response: 'ZMemberImportResult', errors: ['FORBIDDEN', 'NOT_FOUND'] },
  'POST /api/admin/roles': { summary: "Grant a role to a member's user", tag: 'organisations', body: 'ZGrantRoleRequest', response: 'ZUser', errors: ['FORBIDDEN', 'NOT_FOUND'] },

  'POST /api/activities': { summary: 'Publish an activity', tag: 'activities', body: 'ZActivityInput', response: 'ZActivity', status: [201], errors: ['FORBIDDEN', 'NOT_FOUND'] },
  'PATCH /api/activities/:id': { summary: 'Change an activity (raising capacity promotes the waitlist)', tag: 'activities', body: 'ZActivityPatch', response: 'ZActivity', errors: ['FORBIDDEN', 'NOT_FOUND', 'ACTIVITY_CANCELLED', 'CAPACITY_BELOW_CONFIRMED'] },
  'POST /api/activities/:id/cancel': { summary: 'Cancel an activity and every registration', tag: 'activities', body: 'ZCancelActivityRequest', response: 'ZActivity', errors: ['FORBIDDEN', 'NOT_FOUND', 'ACTIVITY_CANCELLED'] },
  'GET /api/activities': { summary: 'Activities, soonest first', tag: 'activities', query: 'ZActivityListQuery', response: 'ZActivityList' },
  'GET /api/activities/:id': { summary: "An activity and the caller's registration", tag: 'activities', response: 'ZActivityWithMine', errors: ['NOT_FOUND'] },

  'POST /api/activities/:id/registrations': {
    summary: 'Sign up: 201 when new, 200 with the registration already held',
    tag: 'registrations',
    response: 'ZRegistration',
    status: [201, 200],
    headers: [{ name: 'Idempotency-Key', description: 'Optional: a retried request with the same key answers the first result (1–128 of [A-Za-z0-9_.:-])' }],
    errors: ['NOT_A_MEMBER', 'NOT_ELIGIBLE', 'NOT_FOUND', 'SIGNUP_NOT_OPEN', 'SIGNUP_CLOSED', 'ACTIVITY_FULL', 'ACTIVITY_CANCELLED', 'VALIDATION_FAILED', 'RATE_LIMITED'],
  },
  'POST /api/registrations/:id/cancel': { summary: 'Cancel my registration (the first waitlisted one is confirmed)', tag: 'registrations', response: 'ZRegistration', errors: ['NOT_FOUND', 'CANCEL_DEADLINE_PASSED', 'ALREADY_CHECKED_IN'] },
  'GET /api/me/registrations': { summary: 'My registrations, newest first', tag: 'registrations', query: 'ZListQuery', response: 'ZMyRegistrationList', errors: ['NOT_A_MEMBER'] },

  'POST /api/activities/:id/checkins': { summary: 'Check a ticket in (a second scan answers already_checked_in)', tag: 'check-in', body: 'ZCheckInRequest', response: 'ZCheckInResponse', errors: ['FORBIDDEN', 'NOT_FOUND', 'TICKET_INVALID', 'WRONG_ACTIVITY', 'NOT_CONFIRMED', 'REGISTRATION_CANCELLED'] },
  'GET /api/activities/:id/roster': { summary: 'Every registration with names and times (JSON, or CSV for Excel)', tag: 'check-in', query: 'ZRosterQuery', response: 'ZRoster', csv: true, errors: ['FORBIDDEN', 'NOT_FOUND'] },

  'GET /api/me/coverage': { summary: 'My mutual-insurance coverage', tag: 'insurance', query: 'ZCoverageQuery', response: 'ZCoverageList', errors: ['NOT_A_MEMBER'] },
  'GET /api/me/claims': { summary: 'My claims, newest first', tag: 'insurance', query: 'ZListQuery', response: 'ZClaimList', errors: ['NOT_A_MEMBER'] },
  'GET /api/me/claims/:id': { summary: 'One of my claims with its timeline', tag: 'insurance', response: 'ZClaim', errors: ['NOT_A_MEMBER', 'NOT_FOUND'] },
  'POST /api/admin/claims/import': { summary: 'Import claims (≤ 5,000 rows; upsert by claimNo)', tag: 'insurance', body: 'ZClaimImportRequest', response: 'ZImportResult', errors: ['FORBIDDEN'] },
  'POST /api/admin/coverage/import': { summary: 'Import coverage (≤ 5,000 rows)', tag: 'insurance', body: 'ZCoverageImportRequest', response: 'ZImportResult', errors: ['FORBIDDEN'] },

  'GET /api/health': { summary: 'Liveness and which database answers', tag: 'system', auth: 'none', response: 'ZHealth' },

  // ---------- extensions (docs/api-extensions.md) ----------
  'GET /api/demo/users': { summary: "The H5 demo's user picker (only where dev login is on)", tag: 'system', auth: 'none', errors: ['NOT_FOUND'], extension: true },
  'POST /api/admin/claims/import.csv': { summary: 'Import claims from a CSV export (JSON { csv }, or the raw text/csv file)', tag: 'insurance', body: 'ZCsvImportRequest', rawBody: ['text/csv'], response: 'ZImportResult', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/coverage/import.csv': { summary: 'Import coverage from a CSV export (JSON { csv }, or the raw text/csv file)', tag: 'insurance', body: 'ZCsvImportRequest', rawBody: ['text/csv'], response: 'ZImportResult', errors: ['FORBIDDEN'], extension: true },
  'GET /api/admin/claims/:id': { summary: 'A claim as a claims officer sees it (every read is audited)', tag: 'insurance', response: 'ZOfficerClaim', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'POST /api/activities/:id/checkins/batch': { summary: 'Sync offline scans (each nonce is applied once)', tag: 'check-in', body: 'ZCheckInBatchRequest', response: 'ZCheckInBatchResponse', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'GET /api/activities/:id/offline-pack': { summary: 'What a phone needs to check tickets in offline', tag: 'check-in', response: 'ZOfflinePack', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'GET /api/me/subscriptions': { summary: 'My WeChat subscription-message grants', tag: 'notifications', response: 'ZSubscriptionList', extension: true },
  'POST /api/me/subscriptions': { summary: 'Record the member\'s answer (accepted templates, refusals)', tag: 'notifications', body: 'ZRecordSubscriptionsRequest', response: 'ZSubscriptionList', extension: true },
  // office lookups, union tree, roles and charts (issue #14)
  'GET /api/admin/members': { summary: 'Find members by name, member number or last 4 phone digits (within the caller’s subtree)', tag: 'office', query: 'ZAdminMemberListQuery', response: 'ZAdminMemberList', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'GET /api/admin/members/:id': { summary: 'One member as the union office sees it', tag: 'office', response: 'ZAdminMember', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'PATCH /api/admin/members/:id': { summary: 'Set a member’s groups and 户号 (audited)', tag: 'office', body: 'ZAdminMemberPatch', response: 'ZAdminMember', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'POST /api/admin/roles/revoke': { summary: "Revoke a role from a member's user (never the city's last admin)", tag: 'office', body: 'ZRevokeRoleRequest', response: 'ZUser', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'], extension: true },
  'GET /api/admin/orgs': { summary: 'The union tree with member counts', tag: 'office', response: 'ZAdminOrgList', errors: ['FORBIDDEN'], extension: true },
  'PATCH /api/admin/orgs/:id': { summary: 'Rename a union (a sibling with that name: 409)', tag: 'office', body: 'ZRenameOrgRequest', response: 'ZOrg', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'], extension: true },
  'GET /api/admin/stats/attendance': { summary: "Attendance of a union's subtree: a month by category, and 12 months", tag: 'office', query: 'ZAttendanceQuery', response: 'ZAttendanceStats', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'GET /api/activities/:id/stats': { summary: "An activity's sign-up curve and check-ins per 10 minutes", tag: 'office', response: 'ZActivityStats', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'GET /api/demo/files/:name': { summary: "The demo's spreadsheets to import (only where dev login is on)", tag: 'system', auth: 'none', errors: ['NOT_FOUND'], extension: true },
  // ---------- office-api (v1.1: service keys, claims lookup, spreadsheets) ----------
  'POST /api/admin/api-keys': { summary: 'Create a service key (admin in person; the key is answered once)', tag: 'service keys', body: 'ZCreateApiKeyRequest', response: 'ZApiKeyCreated', status: [201], errors: ['FORBIDDEN'], extension: true },
  'GET /api/admin/api-keys': { summary: 'Every service key, without the keys', tag: 'service keys', response: 'ZApiKeyList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/api-keys/:id/revoke': { summary: 'Revoke a service key (its next call is 401 KEY_REVOKED)', tag: 'service keys', response: 'ZApiKey', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'GET /api/admin/claims': { summary: 'Find claims by claim number, member or status (officer view, no timeline; audited)', tag: 'insurance', query: 'ZOfficerClaimQuery', response: 'ZOfficerClaimList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/members/import.xlsx': { summary: 'Import a roster from the .xlsx file itself (?orgId=; ≤ 4 MB, ≤ 100,000 rows)', tag: 'organisations', query: 'ZRosterImportQuery', rawBody: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: 'ZMemberImportResult', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/members/import.csv': { summary: 'Import a roster from a UTF-8 CSV file (?orgId=; ≤ 4 MB, ≤ 100,000 rows)', tag: 'organisations', query: 'ZRosterImportQuery', rawBody: ['text/csv'], response: 'ZMemberImportResult', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/claims/import.xlsx': { summary: 'Import claims from the .xlsx file itself (≤ 4 MB, ≤ 20,000 rows)', tag: 'insurance', rawBody: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: 'ZImportResult', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/coverage/import.xlsx': { summary: 'Import coverage from the .xlsx file itself (≤ 4 MB, ≤ 20,000 rows)', tag: 'insurance', rawBody: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: 'ZImportResult', errors: ['FORBIDDEN'], extension: true },
  'GET /api/admin/import-templates/:kind': { summary: 'The .xlsx template of an import (members, claims, coverage, stations, aidPayments)', tag: 'organisations', fileResponse: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', errors: ['FORBIDDEN', 'VALIDATION_FAILED'], extension: true },
  // ---------- end office-api ----------
  // door (issue #12)
  'GET /api/activities/:id/registrations': { summary: '补签 lookup: registrations by name or member-number tail', tag: 'check-in', query: 'ZRegistrationSearchQuery', response: 'ZRegistrationSearch', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'POST /api/activities/:id/checkins/manual': { summary: '补签: check a registration in by hand (audited as manual)', tag: 'check-in', body: 'ZManualCheckInRequest', response: 'ZCheckInResponse', errors: ['FORBIDDEN', 'NOT_FOUND', 'NOT_CONFIRMED', 'REGISTRATION_CANCELLED'], extension: true },
  // uploads (issue #17)
  'POST /api/uploads': { summary: 'Upload a photo or PDF (raw body, ≤ 5 MB; the bytes must be what Content-Type says)', tag: 'uploads', rawBody: ['image/jpeg', 'image/png', 'application/pdf'], response: 'ZUpload', status: [201], errors: ['NOT_A_MEMBER', 'RATE_LIMITED'] },
  'GET /api/uploads/:id': { summary: 'An upload’s bytes, for its uploader and the reviewers of what it is attached to (audited)', tag: 'uploads', pathId: 'ZUploadId', fileResponse: ['image/jpeg', 'image/png', 'application/pdf'] },
  'POST /api/uploads/sessions': { summary: 'Start a resumable upload of a photo or PDF (type and size announced; same checks as POST /api/uploads)', tag: 'uploads', body: 'ZUploadSessionInput', response: 'ZUploadSession', status: [201], errors: ['NOT_A_MEMBER', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'RATE_LIMITED'], extension: true },
  'GET /api/uploads/sessions/:id': { summary: 'Where a resumable upload stands: the offset to resume at, or the upload once complete', tag: 'uploads', pathId: 'ZUploadSessionId', response: 'ZUploadSession', errors: ['NOT_FOUND'], extension: true },
  'PUT /api/uploads/sessions/:id': {
    summary: 'One chunk of a resumable upload at Upload-Offset: 200 { offset, size }; the last chunk answers 201 with the upload (200 when re-sent)',
    tag: 'uploads',
    pathId: 'ZUploadSessionId',
    rawBody: ['application/offset+octet-stream', 'application/octet-stream'],
    headers: [{ name: 'Upload-Offset', description: 'where this chunk starts in the file (bytes); required' }],
    response: 'ZUploadChunkAccepted',
    status: [200, 201],
    errors: ['NOT_FOUND', 'UPLOAD_OFFSET_MISMATCH'],
    extension: true,
  },
  // 互助金申请 (issue #17)
  'POST /api/me/claims': { summary: 'Apply for mutual-aid money (互助金申请): a plan held on the incident date, with documents', tag: 'insurance', body: 'ZClaimApplicationRequest', response: 'ZClaim', status: [201, 200], errors: ['NOT_A_MEMBER', 'NOT_ELIGIBLE', 'RATE_LIMITED'] },
  'POST /api/me/claims/:id/documents': { summary: 'Add the documents asked for (while needs_info): back to under_review', tag: 'insurance', body: 'ZClaimDocumentsRequest', response: 'ZClaim', errors: ['NOT_A_MEMBER', 'INVALID_TRANSITION'] },
  'POST /api/admin/claims/:id/transition': { summary: 'Move a claim by the claim rules (受理, 补充材料 with a note, 核定, 不予给付)', tag: 'insurance', body: 'ZClaimTransitionRequest', response: 'ZOfficerClaim', errors: ['FORBIDDEN', 'INVALID_TRANSITION'] },
  // ---------- love stations (issue #18) ----------
  'GET /api/stations': { summary: 'Love stations nearest first within radiusKm (GCJ-02), by service and open now', tag: 'stations', query: 'ZStationSearchQuery', response: 'ZStationList' },
  'GET /api/stations/:id': { summary: 'One love station (with distanceM when lat and lng are given)', tag: 'stations', query: 'ZStationGetQuery', response: 'ZStation', errors: ['NOT_FOUND'] },
  'POST /api/stations/:id/visits': { summary: '我来过: the member used it and it was open (sets lastConfirmedAt; counted once an hour)', tag: 'stations', response: 'ZStationVisit', status: [201, 200], errors: ['NOT_A_MEMBER', 'NOT_FOUND', 'RATE_LIMITED'] },
  'POST /api/stations/:id/reports': { summary: '反映问题 (a second open closed report of the same member answers the first, 200)', tag: 'stations', body: 'ZStationReportRequest', response: 'ZStationReport', status: [201, 200], errors: ['NOT_A_MEMBER', 'NOT_FOUND', 'RATE_LIMITED'] },
  'POST /api/admin/stations/import': {
    summary: "Import a union's stations: JSON { orgId, rows }, or the .csv / .xlsx file with ?orgId=",
    tag: 'stations',
    body: 'ZStationImportEnvelope',
    query: 'ZStationImportQuery',
    rawBody: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
    response: 'ZStationImportResult',
    errors: ['FORBIDDEN'],
  },
  'GET /api/admin/station-reports': { summary: "Reports on the stations of the caller's subtree, with deadlines", tag: 'stations', query: 'ZAdminStationReportQuery', response: 'ZAdminStationReportList', errors: ['FORBIDDEN'] },
  'POST /api/admin/station-reports/:id/resolve': { summary: 'Resolve a report with a note', tag: 'stations', body: 'ZResolveStationReportRequest', response: 'ZStationReport', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'] },
  'GET /api/admin/stations/reliability': { summary: "Each station's visits, reports and time to resolve", tag: 'stations', query: 'ZStationReliabilityQuery', response: 'ZStationReliabilityList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/stations/:id/suspend': { summary: 'Take a station out of service (admin)', tag: 'stations', body: 'ZSuspendStationRequest', response: 'ZStation', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  'POST /api/admin/stations/:id/resume': { summary: 'Put a suspended station back in service (admin)', tag: 'stations', response: 'ZStation', errors: ['FORBIDDEN', 'NOT_FOUND'], extension: true },
  // ---------- end love stations ----------
  // ---------- joining the union (issue #15: 入会) ----------
  'POST /api/join-applications': { summary: 'Apply to join a union (routed by join code, platform or district)', tag: 'joining', body: 'ZJoinApplicationRequest', response: 'ZJoinApplication', status: [201], errors: ['ALREADY_MEMBER', 'APPLICATION_PENDING', 'PHONE_MISMATCH', 'RATE_LIMITED'] },
  'GET /api/me/join-applications': { summary: 'My join applications, newest first', tag: 'joining', query: 'ZListQuery', response: 'ZJoinApplicationList' },
  'POST /api/join-applications/:id/withdraw': { summary: 'Withdraw my pending application', tag: 'joining', response: 'ZJoinApplication', errors: ['NOT_FOUND', 'INVALID_TRANSITION'] },
  'GET /api/admin/join-applications': { summary: 'The review queue, oldest first (overdue ones of the unions below too)', tag: 'joining', query: 'ZAdminJoinApplicationQuery', response: 'ZAdminJoinApplicationList', errors: ['FORBIDDEN', 'NOT_FOUND'] },
  'POST /api/admin/join-applications/:id/approve': { summary: 'Approve: the applicant becomes a member of that union and is bound', tag: 'joining', body: 'ZJoinApproveRequest', response: 'ZAdminJoinApplication', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'ALREADY_MEMBER'] },
  'POST /api/admin/join-applications/:id/reject': { summary: 'Reject with a reason the applicant reads', tag: 'joining', body: 'ZJoinRejectRequest', response: 'ZAdminJoinApplication', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'] },
  'POST /api/admin/join-applications/:id/transfer': { summary: 'Send the application to another union', tag: 'joining', body: 'ZJoinTransferRequest', response: 'ZAdminJoinApplication', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'] },
  'GET /api/admin/calendar-days': { summary: 'The working-day calendar: holidays and 调休 working days (admins, cadres)', tag: 'joining', query: 'ZCalendarQuery', response: 'ZCalendarDayList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/calendar-days': { summary: 'Add or correct holidays and 调休 working days (admins)', tag: 'joining', body: 'ZCalendarDaysRequest', response: 'ZCalendarDayList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/calendar-days/remove': { summary: 'Give days back to the ordinary week: remove holidays or 调休 working days (admins)', tag: 'joining', body: 'ZCalendarRemoveRequest', response: 'ZCalendarDayList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/me/membership-transfers': { summary: '会籍转移: ask to move my membership to another union', tag: 'joining', body: 'ZTransferRequest', response: 'ZMembershipTransfer', status: [201], errors: ['NOT_A_MEMBER', 'APPLICATION_PENDING'], extension: true },
  'GET /api/me/membership-transfers': { summary: 'My membership transfers, newest first', tag: 'joining', response: 'ZMembershipTransferList', errors: ['NOT_A_MEMBER'], extension: true },
  'POST /api/me/membership-transfers/:id/cancel': { summary: 'Withdraw my transfer before the receiving union decides', tag: 'joining', response: 'ZMembershipTransfer', errors: ['NOT_FOUND', 'INVALID_TRANSITION'], extension: true },
  'GET /api/admin/membership-transfers': { summary: 'Transfers into or out of my unions', tag: 'joining', query: 'ZAdminTransferQuery', response: 'ZMembershipTransferList', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/membership-transfers/:id/accept': { summary: 'The receiving union accepts (the old union may object for five working days)', tag: 'joining', response: 'ZMembershipTransfer', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'], extension: true },
  'POST /api/admin/membership-transfers/:id/reject': { summary: 'The receiving union refuses, with a reason', tag: 'joining', body: 'ZTransferDecisionRequest', response: 'ZMembershipTransfer', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'], extension: true },
  'POST /api/admin/membership-transfers/:id/object': { summary: 'The old union objects within the period, with a reason', tag: 'joining', body: 'ZTransferDecisionRequest', response: 'ZMembershipTransfer', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'], extension: true },
  'GET /api/orgs/:id/join-code': { summary: "A union's join code: the page path, and in weapp WeChat's mini-program code (PNG, base64)", tag: 'joining', response: 'ZJoinCode', errors: ['FORBIDDEN', 'NOT_FOUND'] },
  // ---------- end joining ----------
  'GET /api/internal/dispatch-notifications': {
    summary: 'Send queued notifications (Vercel Cron, with Authorization: Bearer $CRON_SECRET)',
    tag: 'system',
    auth: 'none',
    errors: ['NOT_FOUND'],
    extension: true,
  },
  // member card (issue #15)
  'GET /api/me/card': { summary: 'My member card with a fresh member code and device-key certificate (docs/member-card.md)', tag: 'member card', response: 'ZMemberCard', errors: ['NOT_A_MEMBER'] },
  'POST /api/member-codes/verify': { summary: 'A venue checks a member code (verifier, cadre, admin; audited)', tag: 'member card', body: 'ZMemberCodeVerifyRequest', response: 'ZMemberCodeVerifyResponse', errors: ['FORBIDDEN', 'TICKET_INVALID', 'RATE_LIMITED'] },
  'GET /api/member-codes/key': { summary: 'The public key a venue keeps to check member codes offline', tag: 'member card', response: 'ZMemberCodeKey', errors: ['FORBIDDEN'], extension: true },
  // lottery (issue #16, docs/lottery.md)
  'POST /api/activities/:id/draw': { summary: 'Draw a closed lottery (reveals the seed; winners confirmed, the rest waitlisted in draw order or not selected)', tag: 'activities', response: 'ZDrawResult', errors: ['FORBIDDEN', 'NOT_FOUND', 'DRAW_NOT_READY', 'ALREADY_DRAWN', 'ACTIVITY_CANCELLED'] },
  'GET /api/activities/:id/draw': { summary: 'The public result of a lottery (公示): seed, order, masked names, outcomes', tag: 'activities', auth: 'none', response: 'ZDrawResult', errors: ['NOT_FOUND', 'DRAW_NOT_READY'] },
  'GET /api/internal/run-draws': { summary: 'Draw the lotteries whose sign-up has closed (Vercel Cron, with Authorization: Bearer $CRON_SECRET)', tag: 'system', auth: 'none', response: 'ZRunDrawsResult', errors: ['NOT_FOUND'], extension: true },
  // ---------- aid applications (issue #17) ----------
  'GET /api/aid-programs': { summary: 'Aid programmes (金秋助学, 困难职工帮扶)', tag: 'aid', response: 'ZAidProgramList' },
  'POST /api/admin/aid-programs': { summary: 'Open an aid programme (admin)', tag: 'aid', body: 'ZAidProgramInput', response: 'ZAidProgram', status: [201], errors: ['FORBIDDEN'] },
  'GET /api/aid-programs/:id/eligibility': { summary: 'Self-check: may I apply, and why not', tag: 'aid', response: 'ZAidEligibility', errors: ['NOT_FOUND'], extension: true },
  'POST /api/aid-programs/:id/applications': { summary: 'Apply to an aid programme', tag: 'aid', body: 'ZAidApplicationInput', response: 'ZAidApplication', status: [201], errors: ['NOT_A_MEMBER', 'NOT_ELIGIBLE', 'NOT_FOUND', 'WINDOW_CLOSED', 'APPLICATION_PENDING'] },
  'GET /api/aid-programs/:id/publicity': { summary: 'The public notice (公示): masked names, union, amount', tag: 'aid', auth: 'none', response: 'ZAidPublicity', errors: ['NOT_FOUND'] },
  'GET /api/me/aid-applications': { summary: 'My aid applications, newest first', tag: 'aid', query: 'ZListQuery', response: 'ZAidApplicationList', errors: ['NOT_A_MEMBER'] },
  'GET /api/aid-applications/:id': { summary: 'One aid application with its timeline (its applicant, its reviewers)', tag: 'aid', response: 'ZAidApplication', errors: ['NOT_FOUND'] },
  'PATCH /api/aid-applications/:id': { summary: 'Correct a returned application and resubmit it', tag: 'aid', body: 'ZAidApplicationPatch', response: 'ZAidApplication', errors: ['NOT_A_MEMBER', 'NOT_FOUND', 'INVALID_TRANSITION'] },
  'GET /api/admin/aid-applications': { summary: 'The aid review queue (cadres: their subtree; admins: all)', tag: 'aid', query: 'ZAidReviewQuery', response: 'ZAidApplicationList', errors: ['FORBIDDEN'] },
  'POST /api/admin/aid-applications/payments/import': { summary: 'Import payment results: publicized → paid', tag: 'aid', body: 'ZAidPaymentImportRequest', response: 'ZImportResult', errors: ['FORBIDDEN'] },
  'POST /api/admin/aid-applications/:id/review': { summary: 'Review an aid application: approve, return, reject', tag: 'aid', body: 'ZAidReviewRequest', response: 'ZAidApplication', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'] },
  'POST /api/admin/aid-programs/:id/publicize': { summary: 'Start the public notice: approved → publicized', tag: 'aid', response: 'ZAidPublicizeResult', errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION'] },
  // ---------- end aid applications ----------
  'POST /api/admin/aid-applications/payments/import.xlsx': { summary: 'Import payment results from the .xlsx file itself (申请编号, 发放日期; ≤ 4 MB)', tag: 'aid', rawBody: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'], response: 'ZImportResult', errors: ['FORBIDDEN'], extension: true },
  'POST /api/admin/aid-applications/payments/import.csv': { summary: 'Import payment results from the UTF-8 .csv file itself (申请编号, 发放日期; ≤ 4 MB)', tag: 'aid', rawBody: ['text/csv'], response: 'ZImportResult', errors: ['FORBIDDEN'], extension: true },
};

type JsonSchema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const componentName = (exportName: string) => exportName.replace(/^Z/, '');

/** Every Zod schema shared/schemas.ts exports, by export name, in a stable order. */
function exportedSchemas(): [string, z.ZodType][] {
  return (Object.entries(schemas) as [string, unknown][])
    .filter((entry): entry is [string, z.ZodType] => /^Z[A-Z]/.test(entry[0]) && entry[1] instanceof z.ZodType)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * One registry, converted once with io 'input': request schemas document what a client may send
 * (defaults optional, coerced query numbers as numbers), and response objects carry no
 * `additionalProperties: false`, so a client built from this document tolerates added fields as
 * api.md promises. Refinements (superRefine on ActivityInput…) have no JSON Schema form and are
 * left out; `unrepresentable: 'any'` turns anything else without one into `{}`.
 */
function componentSchemas(): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  const seen = new Set<z.ZodType>();
  for (const [name, schema] of exportedSchemas()) {
    if (seen.has(schema)) continue; // an alias: the first name wins
    seen.add(schema);
    registry.add(schema, { id: componentName(name) });
  }
  const { schemas: converted } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, JsonSchema> };
  const out: Record<string, JsonSchema> = {};
  for (const name of Object.keys(converted).sort()) {
    const { $schema: _schema, $id: _id, ...rest } = converted[name];
    out[name] = rest;
  }
  return out;
}

/** What an endpoint file declares, for routes the table does not describe. */
function declaredInEndpoint(file: string): Pick<Operation, 'auth' | 'body' | 'query'> {
  let source = '';
  try {
    source = readFileSync(path.join(ROOT, 'functions', file), 'utf8');
  } catch {
    return {};
  }
  const named = (key: string) => {
    const m = new RegExp(`\\b${key}:\\s*(Z[A-Za-z0-9]+)\\b`).exec(source);
    return m && m[1] in schemas ? (m[1] as SchemaName) : undefined;
  };
  return { auth: /\bauth:\s*'none'/.test(source) ? 'none' : 'user', body: named('body'), query: named('query') };
}

function errorResponse(codes: ErrorCode[]) {
  return {
    description: codes.map((c) => `\`${c}\`: ${ERROR_MESSAGES[c]}`).join('; '),
    content: { 'application/json': { schema: ref('ErrorBody') } },
  };
}

function operationId(file: string): string {
  return file
    .replace(/\.ts$/, '')
    .split(/[/.-]/)
    .map((part, i) => (i === 0 ? part : part.charAt(0).toUpperCase() + part.slice(1)))
    .join('');
}

function buildOperation(key: string, op: Operation, file: string | undefined, components: Record<string, JsonSchema>) {
  const [, apiPath] = key.split(' ');
  const declared = file ? declaredInEndpoint(file) : {};
  const auth = op.auth ?? declared.auth ?? 'user';
  const body = op.body ?? declared.body;
  const query = op.query ?? declared.query;
  const pathParams = [...apiPath.matchAll(/:([a-zA-Z]+)/g)].map((m) => m[1]);

  const parameters: Record<string, unknown>[] = pathParams.map((name) => ({ name, in: 'path', required: true, schema: ref(name === 'kind' ? 'ImportTemplateKind' : op.pathId && name === 'id' ? componentName(op.pathId) : 'Id') }));
  if (query) {
    const q = components[componentName(query)] as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      parameters.push({ name, in: 'query', required: q.required?.includes(name) ?? false, schema });
    }
  }
  for (const h of op.headers ?? []) parameters.push({ name: h.name, in: 'header', required: false, description: h.description, schema: { type: 'string' } });

  // The refusals every operation of its kind can answer, then its own.
  const codes = new Set<ErrorCode>();
  if (body || query) codes.add('VALIDATION_FAILED');
  if (body) (['BAD_JSON', 'PAYLOAD_TOO_LARGE'] as const).forEach((c) => codes.add(c));
  if (op.rawBody) (['VALIDATION_FAILED', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE'] as const).forEach((c) => codes.add(c));
  if (auth === 'user') codes.add('KEY_REVOKED');
  if (auth === 'user') codes.add('UNAUTHENTICATED');
  if (pathParams.length) codes.add('NOT_FOUND');
  for (const c of op.errors ?? []) codes.add(c);
  codes.add('UNAVAILABLE');

  const success = op.response ? ref(componentName(op.response)) : { type: 'object', description: 'generic JSON object (no shared schema describes this answer yet)' };
  const responses: Record<string, unknown> = {};
  for (const status of op.status ?? [200]) {
    const files = op.fileResponse === undefined ? [] : [op.fileResponse].flat();
    const content: Record<string, unknown> = files.length ? Object.fromEntries(files.map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])) : { 'application/json': { schema: success } };
    if (op.csv) content['text/csv'] = { schema: { type: 'string', description: 'UTF-8 with BOM, for Excel' } };
    responses[String(status)] = { description: status === 201 ? 'Created' : 'OK', content };
  }
  const byStatus = new Map<number, ErrorCode[]>();
  for (const c of codes) byStatus.set(ERROR_STATUS[c], [...(byStatus.get(ERROR_STATUS[c]) ?? []), c]);
  for (const status of [...byStatus.keys()].sort((a, b) => a - b)) {
    const response = errorResponse(byStatus.get(status)!);
    const retryAfter = status === 429 || status === 503;
    responses[String(status)] = retryAfter ? { ...response, headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } } : response;
  }

  return {
    operationId: file ? operationId(file) : undefined,
    summary: op.summary,
    tags: [op.tag],
    ...(auth === 'none' ? { security: [] } : {}),
    ...(op.extension ? { 'x-extension': true } : {}),
    ...(file ? {} : { 'x-not-routed': true }),
    ...(parameters.length ? { parameters } : {}),
    ...(body || op.rawBody
      ? {
          requestBody: {
            required: true,
            content: {
              ...(body ? { 'application/json': { schema: ref(componentName(body)) } } : {}),
              ...Object.fromEntries((op.rawBody ?? []).map((t) => [t, { schema: { type: 'string', contentMediaType: t } }])),
            },
          },
        }
      : {}),
    responses,
  };
}

/** The whole document: a pure function of shared/schemas.ts, shared/errors.ts and the route table. */
export function buildOpenApi() {
  const components = componentSchemas();
  const files = new Map(ROUTES.map((r) => [`${r.method} ${r.path}`, r.file]));
  const keys = [...new Set([...Object.keys(CONTRACT), ...files.keys()])];
  const paths: Record<string, Record<string, unknown>> = {};
  const tags = new Set<string>();
  for (const key of keys) {
    const [method, apiPath] = key.split(' ');
    const op: Operation = CONTRACT[key as keyof typeof CONTRACT] ?? { summary: `${method} ${apiPath}`, tag: 'other', extension: true };
    const openApiPath = apiPath.replace(/:([a-zA-Z]+)/g, '{$1}');
    tags.add(op.tag);
    paths[openApiPath] ??= {};
    paths[openApiPath][method.toLowerCase()] = buildOperation(key, op, files.get(key), components);
  }
  const sortedPaths = Object.fromEntries(Object.keys(paths).sort().map((p) => [p, paths[p]]));
  return {
    openapi: '3.1.0',
    info: {
      title: '工会服务 HTTP API',
      version: '1.0.0',
      description:
        'The contract between the mini-program and the functions (api.md v1) plus the extensions in docs/api-extensions.md (marked x-extension). ' +
        'Generated from shared/schemas.ts by `npm run openapi`; do not edit by hand. Every error answers ErrorBody with a stable code and a Simplified-Chinese message.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }],
    tags: [...tags].map((name) => ({ name })),
    paths: sortedPaths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'The token from POST /api/auth/login' },
      },
      schemas: components,
    },
  };
}

export function openApiText(): string {
  return JSON.stringify(buildOpenApi(), null, 2) + '\n';
}

if (process.argv[1]?.endsWith('openapi.ts')) {
  writeFileSync(OPENAPI_FILE, openApiText());
  const doc = buildOpenApi();
  console.log(`docs/openapi.json written: ${Object.keys(doc.paths).length} paths, ${Object.keys(doc.components.schemas).length} schemas`);
}
