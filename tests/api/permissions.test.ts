// Who may do what: every endpoint × every kind of caller × whose record, with the status each
// cell must answer written out by hand below (from api.md, not read from the product code).
//
// Each cell runs against fresh rows, so no cell depends on another. The scene:
//   city ─┬─ union    member M (with claim CM, registration RM on activity AU), cadre of union
//         └─ sibling  member O (with claim CO, registration RO on activity AS), cadre of sibling
//   AU is open to everyone, AS only to the sibling union's members.
//   A claims officer and an admin who are not members themselves; a user bound to nobody.
// Column "union" targets M's record / the union's activity; "sibling" targets O's / the sibling's.
// So for M, "union" is their own record and "sibling" someone else's, and the other way round for O.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { ROUTES } from '../../functions/_lib/routes.js';
import { startTestApi, newIdNumber, type TestApi } from '../support/api.js';
import { XLSX, xlsxOf } from '../support/xlsx.js';

const ACTORS = ['anonymous', 'unbound', 'member', 'otherMember', 'cadre', 'siblingCadre', 'claimsOfficer', 'admin'] as const;
type Actor = (typeof ACTORS)[number];
type Target = 'union' | 'sibling';
type Statuses = [number, number, number, number, number, number, number, number];

// prettier-ignore
const EXPECTED: Record<string, Partial<Record<Target | 'any', Statuses>>> = {
  //                                                   anon unbd  mem  oth  cad sCad offc  adm
  'GET /api/health':                           { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/demo/users':                       { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/auth/login':                      { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/me':                               { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  // union: a roster entry nobody holds; sibling: O's entry (binding it again is harmless for O alone)
  'POST /api/me/bind':                         { union:   [401, 200, 409, 409, 409, 409, 200, 200],
                                                 sibling: [401, 409, 409, 200, 409, 409, 409, 409] },
  'GET /api/orgs':                             { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/admin/orgs':                      { union:   [401, 403, 403, 403, 403, 403, 403, 201],
                                                 sibling: [401, 403, 403, 403, 403, 403, 403, 201] },
  'POST /api/admin/members/import':            { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/admin/roles':                     { union:   [401, 403, 403, 403, 403, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 403, 200] },
  'GET /api/me/coverage':                      { any:     [401, 403, 200, 200, 200, 200, 403, 403] },
  'GET /api/me/claims':                        { any:     [401, 403, 200, 200, 200, 200, 403, 403] },
  'GET /api/me/claims/:id':                    { union:   [401, 403, 200, 404, 404, 404, 403, 403],
                                                 sibling: [401, 403, 404, 200, 404, 404, 403, 403] },
  'POST /api/admin/claims/import':             { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'POST /api/admin/claims/import.csv':         { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'GET /api/admin/claims/:id':                 { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'POST /api/admin/coverage/import':           { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'POST /api/admin/coverage/import.csv':       { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'GET /api/activities':                       { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/activities':                      { union:   [401, 403, 403, 403, 201, 403, 403, 201],
                                                 sibling: [401, 403, 403, 403, 403, 201, 403, 201] },
  'GET /api/activities/:id':                   { union:   [401, 200, 200, 200, 200, 200, 200, 200],
                                                 sibling: [401, 200, 200, 200, 200, 200, 200, 200] },
  'PATCH /api/activities/:id':                 { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/activities/:id/cancel':           { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  // a fresh activity of each union: the union's is open to all, the sibling's to its own members
  'POST /api/activities/:id/registrations':    { union:   [401, 403, 201, 201, 201, 201, 403, 403],
                                                 sibling: [401, 403, 403, 201, 403, 201, 403, 403] },
  'POST /api/registrations/:id/cancel':        { union:   [401, 404, 200, 404, 404, 404, 404, 404],
                                                 sibling: [401, 404, 404, 200, 404, 404, 404, 404] },
  'GET /api/me/registrations':                 { any:     [401, 403, 200, 200, 200, 200, 403, 403] },
  'GET /api/me/subscriptions':                 { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/me/subscriptions':                { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/internal/dispatch-notifications':  { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/activities/:id/checkins':         { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/activities/:id/checkins/batch':   { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/activities/:id/offline-pack':      { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/activities/:id/roster':            { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  // ---------- office lookups, union tree, roles and charts (issue #14) ----------
  // members: union/sibling narrow the search to that union (?orgId=); the claims officer has no union, so sees all
  'GET /api/admin/members':                    { union:   [401, 403, 403, 403, 200, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 200, 200] },
  'GET /api/admin/members/:id':                { union:   [401, 403, 403, 403, 200, 404, 200, 200],
                                                 sibling: [401, 403, 403, 403, 404, 200, 200, 200] },
  'PATCH /api/admin/members/:id':              { union:   [401, 403, 403, 403, 200, 404, 403, 200],
                                                 sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
  // a fresh cadre of that union loses the role
  'POST /api/admin/roles/revoke':              { union:   [401, 403, 403, 403, 403, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 403, 200] },
  'GET /api/admin/orgs':                       { any:     [401, 403, 403, 403, 200, 200, 403, 200] },
  // a fresh union below that union is renamed
  'PATCH /api/admin/orgs/:id':                 { union:   [401, 403, 403, 403, 403, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 403, 200] },
  'GET /api/admin/stats/attendance':           { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/activities/:id/stats':             { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  // dev login is on in tests; the file is the one beforeAll writes
  'GET /api/demo/files/:name':                 { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  // ---------- office-api (v1.1: service keys, claims lookup, spreadsheets) ----------
  'POST /api/admin/api-keys':                  { any:     [401, 403, 403, 403, 403, 403, 403, 201] },
  'GET /api/admin/api-keys':                   { any:     [401, 403, 403, 403, 403, 403, 403, 200] },
  'POST /api/admin/api-keys/:id/revoke':       { any:     [401, 403, 403, 403, 403, 403, 403, 200] },
  'GET /api/admin/claims':                     { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'POST /api/admin/members/import.xlsx':       { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/admin/members/import.csv':        { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/admin/claims/import.xlsx':        { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'POST /api/admin/coverage/import.xlsx':      { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  'GET /api/admin/import-templates/:kind':     { any:     [401, 403, 403, 403, 200, 200, 200, 200] },
  // ---------- end office-api ----------
  // door (issue #12): 补签 lookup and check-in by hand, the scanners' rule
  'GET /api/activities/:id/registrations':     { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/activities/:id/checkins/manual':  { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  // member card (issue #15): the card is the member's own; any venue role checks any member's fresh code
  'GET /api/me/card':                          { any:     [401, 403, 200, 200, 200, 200, 403, 403] },
  'POST /api/member-codes/verify':             { union:   [401, 403, 403, 403, 200, 200, 403, 200],
                                                 sibling: [401, 403, 403, 403, 200, 200, 403, 200] },
  'GET /api/member-codes/key':                 { any:     [401, 403, 403, 403, 200, 200, 403, 200] },
  // lottery (issue #16): a fresh closed lottery of each union; its public result is for anyone
  'POST /api/activities/:id/draw':             { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/activities/:id/draw':              { union:   [200, 200, 200, 200, 200, 200, 200, 200],
                                                 sibling: [200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/internal/run-draws':               { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  // ---------- aid applications (issue #17) ----------
  'GET /api/aid-programs':                     { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/admin/aid-programs':              { any:     [401, 403, 403, 403, 403, 403, 403, 201] },
  'GET /api/aid-programs/:id/eligibility':     { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  // union: a programme open to every member; sibling: one for the sibling union's members only
  'POST /api/aid-programs/:id/applications':   { union:   [401, 403, 201, 201, 201, 201, 403, 403],
                                                 sibling: [401, 403, 403, 201, 403, 201, 403, 403] },
  'GET /api/aid-programs/:id/publicity':       { any:     [200, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/me/aid-applications':              { any:     [401, 403, 200, 200, 200, 200, 403, 403] },
  // that union's member's application
  'GET /api/aid-applications/:id':             { union:   [401, 404, 200, 404, 200, 404, 404, 200],
                                                 sibling: [401, 404, 404, 200, 404, 200, 404, 200] },
  'PATCH /api/aid-applications/:id':           { union:   [401, 403, 200, 404, 404, 404, 403, 403],
                                                 sibling: [401, 403, 404, 200, 404, 404, 403, 403] },
  'GET /api/admin/aid-applications':           { any:     [401, 403, 403, 403, 200, 200, 403, 200] },
  'POST /api/admin/aid-applications/:id/review': { union: [401, 403, 403, 403, 200, 404, 403, 200],
                                                 sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
  'POST /api/admin/aid-programs/:id/publicize': { any:    [401, 403, 403, 403, 403, 403, 403, 200] },
  'POST /api/admin/aid-applications/payments/import': { any: [401, 403, 403, 403, 403, 403, 403, 200] },
  'POST /api/admin/aid-applications/payments/import.xlsx': { any: [401, 403, 403, 403, 403, 403, 403, 200] },
  'POST /api/admin/aid-applications/payments/import.csv': { any: [401, 403, 403, 403, 403, 403, 403, 200] },
  // uploads (issue #17): members upload; an upload attached to nothing is its uploader's alone
  'POST /api/uploads':                         { any:     [401, 403, 201, 201, 201, 201, 403, 403] },
  'GET /api/uploads/:id':                      { union:   [401, 404, 200, 404, 404, 404, 404, 404],
                                                 sibling: [401, 404, 404, 200, 404, 404, 404, 404] },
  // resumable uploads (extension): members start sessions; a session is its starter's alone
  'POST /api/uploads/sessions':                { any:     [401, 403, 201, 201, 201, 201, 403, 403] },
  'GET /api/uploads/sessions/:id':             { union:   [401, 404, 200, 404, 404, 404, 404, 404],
                                                 sibling: [401, 404, 404, 200, 404, 404, 404, 404] },
  'PUT /api/uploads/sessions/:id':             { union:   [401, 404, 200, 404, 404, 404, 404, 404],
                                                 sibling: [401, 404, 404, 200, 404, 404, 404, 404] },
  // 互助金申请 (issue #17): every member of the scene holds the plan; documents are the caller's own uploads
  'POST /api/me/claims':                       { any:     [401, 403, 201, 201, 201, 201, 403, 403] },
  // the record's claim waits for documents (needs_info)
  'POST /api/me/claims/:id/documents':         { union:   [401, 403, 200, 404, 404, 404, 403, 403],
                                                 sibling: [401, 403, 404, 200, 404, 404, 403, 403] },
  'POST /api/admin/claims/:id/transition':     { union:   [401, 403, 403, 403, 403, 403, 200, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 200, 200] },
  // ---------- love stations (issue #18): a fresh station of that union; a fresh open report on it ----------
  'GET /api/stations':                         { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  'GET /api/stations/:id':                     { union:   [401, 200, 200, 200, 200, 200, 200, 200],
                                                 sibling: [401, 200, 200, 200, 200, 200, 200, 200] },
  'POST /api/stations/:id/visits':             { union:   [401, 403, 201, 201, 201, 201, 403, 403],
                                                 sibling: [401, 403, 201, 201, 201, 201, 403, 403] },
  'POST /api/stations/:id/reports':            { union:   [401, 403, 201, 201, 201, 201, 403, 403],
                                                 sibling: [401, 403, 201, 201, 201, 201, 403, 403] },
  'POST /api/admin/stations/import':           { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/admin/station-reports':            { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/admin/station-reports/:id/resolve': { union: [401, 403, 403, 403, 200, 404, 403, 200],
                                                 sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
  'GET /api/admin/stations/reliability':       { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/admin/stations/:id/suspend':      { union:   [401, 403, 403, 403, 403, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 403, 200] },
  'POST /api/admin/stations/:id/resume':       { union:   [401, 403, 403, 403, 403, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 403, 403, 200] },
  // ---------- joining the union (issue #15) ----------
  // apply: a fresh ID number to the union (or the sibling); a caller already a member is ALREADY_MEMBER,
  // the unbound caller already has one in progress (the scene's): APPLICATION_PENDING
  'POST /api/join-applications':               { union:   [401, 409, 409, 409, 409, 409, 201, 201],
                                                 sibling: [401, 409, 409, 409, 409, 409, 201, 201] },
  'GET /api/me/join-applications':             { any:     [401, 200, 200, 200, 200, 200, 200, 200] },
  // union: the unbound user's own application; sibling: another applicant's. Only its applicant withdraws it.
  'POST /api/join-applications/:id/withdraw':  { union:   [401, 200, 404, 404, 404, 404, 404, 404],
                                                 sibling: [401, 404, 404, 404, 404, 404, 404, 404] },
  'GET /api/admin/join-applications':          { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'POST /api/admin/join-applications/:id/approve':  { union:   [401, 403, 403, 403, 200, 404, 403, 200],
                                                      sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
  'POST /api/admin/join-applications/:id/reject':   { union:   [401, 403, 403, 403, 200, 404, 403, 200],
                                                      sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
  'POST /api/admin/join-applications/:id/transfer': { union:   [401, 403, 403, 403, 200, 404, 403, 200],
                                                      sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
  'GET /api/orgs/:id/join-code':               { union:   [401, 403, 403, 403, 200, 403, 403, 200],
                                                 sibling: [401, 403, 403, 403, 403, 200, 403, 200] },
  'GET /api/admin/calendar-days':              { any:     [401, 403, 403, 403, 200, 200, 403, 200] },
  'POST /api/admin/calendar-days':             { any:     [401, 403, 403, 403, 403, 403, 403, 200] },
  'POST /api/admin/calendar-days/remove':      { any:     [401, 403, 403, 403, 403, 403, 403, 200] },
  // 会籍转移: union = the member M moving to the sibling union; sibling = O moving to the union
  'POST /api/me/membership-transfers':         { union:   [401, 403, 201, 201, 201, 201, 403, 403] },
  'GET /api/me/membership-transfers':          { any:     [401, 403, 200, 200, 200, 200, 403, 403] },
  'POST /api/me/membership-transfers/:id/cancel': { union: [401, 404, 200, 404, 404, 404, 404, 404],
                                                    sibling: [401, 404, 404, 200, 404, 404, 404, 404] },
  'GET /api/admin/membership-transfers':       { any:     [401, 403, 403, 403, 200, 200, 403, 200] },
  // accept: the receiving union's cadres (M's transfer goes to the sibling union)
  'POST /api/admin/membership-transfers/:id/accept': { union:   [401, 403, 403, 403, 404, 200, 403, 200],
                                                       sibling: [401, 403, 403, 403, 200, 404, 403, 200] },
  'POST /api/admin/membership-transfers/:id/reject': { union:   [401, 403, 403, 403, 404, 200, 403, 200],
                                                       sibling: [401, 403, 403, 403, 200, 404, 403, 200] },
  // object: the old union's cadres, once accepted
  'POST /api/admin/membership-transfers/:id/object': { union:   [401, 403, 403, 403, 200, 404, 403, 200],
                                                       sibling: [401, 403, 403, 403, 404, 200, 403, 200] },
};

let stationSeq = 0;
/** A station of `orgId`, inserted directly (always open). */
async function stationOf(orgId: string): Promise<string> {
  const { rows } = await api.db.query<{ id: string }>(
    `insert into stations (org_id, name, address, lat, lng, opening_hours, hours_index, services)
     values ($1, $2, '权限路1号', 34.75, 113.65, '24/7', '{[0,40320)}', array['water']) returning id::text`,
    [orgId, `权限驿站${process.pid}-${++stationSeq}`],
  );
  return rows[0].id;
}
/** An open report on a fresh station of `orgId`, by `memberId`. */
async function stationReportOf(orgId: string, memberId: string): Promise<string> {
  const { rows } = await api.db.query<{ id: string }>(
    `insert into station_reports (station_id, member_id, kind, deadline_at) values ($1, $2, 'dirty', now() + interval '2 days') returning id::text`,
    [await stationOf(orgId), memberId],
  );
  return rows[0].id;
}

let api: TestApi;
let city: string;
let union: string;
let sibling: string;

beforeAll(async () => {
  api = await startTestApi();
  city = await api.org({ name: `权限市总工会${process.pid}` });
  union = await api.org({ parentId: city, name: '本单位工会' });
  sibling = await api.org({ parentId: city, name: '兄弟单位工会' });
  // GET /api/demo/files/:name serves what `npm start` wrote; here, a stand-in in a directory of this run
  process.env.DEMO_FILES_DIR = await mkdtemp(path.join(tmpdir(), 'demo-files-'));
  await writeFile(path.join(process.env.DEMO_FILES_DIR, 'roster-demo.xlsx'), 'stand-in');
});
afterAll(async () => {
  await api.close();
});

type Scene = Awaited<ReturnType<typeof scene>>;

/** Fresh rows for one cell: the two members with their records, and one caller of each kind. */
async function scene() {
  const admin = await api.admin();
  const m = await api.memberUser({ orgId: union, name: '会员甲' });
  const o = await api.memberUser({ orgId: sibling, name: '会员乙' });
  const au = await api.activity({ orgId: union, audience: 'all' });
  const as = await api.activity({ orgId: sibling, audience: 'org' });
  const rm = (await api.post(`/api/activities/${au}/registrations`, { token: m.token })).body;
  const ro = (await api.post(`/api/activities/${as}/registrations`, { token: o.token })).body;
  const claimNo = (who: string) => `PERM-${who}-${Math.random().toString(36).slice(2, 10)}`;
  const claims = { union: claimNo('m'), sibling: claimNo('o') };
  const officer = await api.user({ roles: [{ role: 'claims_officer' }] });
  const imported = await api.post('/api/admin/claims/import', { token: officer.token, body: { rows: [claimRow(m.idNumber, claims.union), claimRow(o.idNumber, claims.sibling)] } });
  if (imported.body.created !== 2) throw new Error(`scene claims: ${imported.text}`);
  const claimId = async (no: string) => (await api.db.query<{ id: string }>('select id::text from claims where claim_no = $1', [no])).rows[0].id;
  // ---------- joining (issue #15): the unbound caller has applied to the union; another applicant to the sibling ----------
  const unbound = await api.user();
  const applyTo = async (token: string, orgId: string) => {
    const res = await api.post('/api/join-applications', { token, body: { name: '申请人', idNumber: newIdNumber(), channel: 'employer', employer: '某公司', orgId } });
    if (res.status !== 201) throw new Error(`scene join application: ${res.text}`);
    return res.body.id as string;
  };
  const joinApplication = { union: await applyTo(unbound.token, union), sibling: await applyTo((await api.user()).token, sibling) };
  const tokens: Record<Actor, string | undefined> = {
    anonymous: undefined,
    unbound: unbound.token,
    member: m.token,
    otherMember: o.token,
    cadre: (await api.cadre(union)).token,
    siblingCadre: (await api.cadre(sibling)).token,
    claimsOfficer: officer.token,
    admin: admin.token,
  };
  return {
    tokens,
    member: { union: m, sibling: o },
    org: { union, sibling },
    activity: { union: au, sibling: as },
    registration: { union: rm as { id: string; ticket: string }, sibling: ro as { id: string; ticket: string } },
    claim: { union: await claimId(claims.union), sibling: await claimId(claims.sibling) },
    joinApplication,
  };
}

function claimRow(idNumber: string, claimNo: string) {
  return {
    claimNo, idNumber, plan: 'accident', status: 'submitted', incidentDate: '2026-02-01',
    submittedAt: '2026-02-03T10:00:00+08:00', amountClaimedFen: 50_000, at: '2026-02-03T10:00:00+08:00',
  };
}

// ---------- aid applications (issue #17) ----------
const aidProgram = (orgId?: string) => ({
  kind: 'hardship', title: '困难职工帮扶', opensAt: new Date(Date.now() - 3600_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  eligibility: '困难职工', amountsFen: [{ level: '一档', amountFen: 100_000 }], requiredDocuments: [], publicityDays: 5, ...(orgId ? { orgId } : {}),
});
async function aidProgramId(s: Scene, orgId?: string): Promise<string> {
  const created = await api.post('/api/admin/aid-programs', { token: s.tokens.admin, body: aidProgram(orgId) });
  if (created.status !== 201) throw new Error(`scene aid programme: ${created.text}`);
  return created.body.id;
}
/** That union's member's application, moved along `moves` (legal moves, straight in the database). */
async function aidApplication(s: Scene, t: Target, moves: string[]) {
  const programId = await aidProgramId(s);
  const applied = await api.post(`/api/aid-programs/${programId}/applications`, { token: s.member[t].token, body: { level: '一档', documents: [] } });
  if (applied.status !== 201) throw new Error(`scene aid application: ${applied.text}`);
  for (const status of moves) {
    await api.db.query(`update aid_applications set status = $2, return_reason = case when $2 = 'returned' then '请补充' end, publicized_at = case when $2 = 'publicized' then now() - interval '1 minute' end where id = $1`, [applied.body.id, status]);
  }
  return { programId, applicationId: applied.body.id as string };
}

type Call = { method: string; path: string; body?: unknown; rawBody?: Buffer | string; headers?: Record<string, string> };
const activityTimes = () => api.activityInput({ orgId: '0' });

/** The request each endpoint gets in a cell: well-formed, so that only the caller decides. */
const CALLS: Record<string, (s: Scene, t: Target, actor?: Actor) => Promise<Call> | Call> = {
  'GET /api/health': () => ({ method: 'GET', path: '/api/health' }),
  'GET /api/demo/users': () => ({ method: 'GET', path: '/api/demo/users' }),
  'POST /api/auth/login': () => ({ method: 'POST', path: '/api/auth/login', body: { code: `dev:perm-${Math.random().toString(36).slice(2)}` } }),
  'GET /api/me': () => ({ method: 'GET', path: '/api/me' }),
  'POST /api/me/bind': async (s, t) => {
    const entry = t === 'union' ? await api.member({ orgId: union, name: '待绑定' }) : s.member.sibling;
    return { method: 'POST', path: '/api/me/bind', body: { name: entry.name, idNumber: entry.idNumber } };
  },
  'GET /api/orgs': () => ({ method: 'GET', path: '/api/orgs' }),
  'POST /api/admin/orgs': (s, t) => ({ method: 'POST', path: '/api/admin/orgs', body: { name: `下级工会${Math.random()}`, parentId: s.org[t] } }),
  'POST /api/admin/members/import': (s, t) => ({
    method: 'POST', path: '/api/admin/members/import', body: { orgId: s.org[t], members: [{ name: '新会员', idNumber: newIdNumber(), phone: '13700137000' }] },
  }),
  'POST /api/admin/roles': (s, t) => ({ method: 'POST', path: '/api/admin/roles', body: { memberId: s.member[t].memberId, role: 'cadre', orgId: s.org[t] } }),
  'GET /api/me/coverage': () => ({ method: 'GET', path: '/api/me/coverage' }),
  'GET /api/me/claims': () => ({ method: 'GET', path: '/api/me/claims' }),
  'GET /api/me/claims/:id': (s, t) => ({ method: 'GET', path: `/api/me/claims/${s.claim[t]}` }),
  'POST /api/admin/claims/import': (s, t) => ({ method: 'POST', path: '/api/admin/claims/import', body: { rows: [claimRow(s.member[t].idNumber, `PERM-${Math.random().toString(36).slice(2)}`)] } }),
  'POST /api/admin/claims/import.csv': (s, t) => {
    const row = claimRow(s.member[t].idNumber, `PERM-${Math.random().toString(36).slice(2)}`);
    return { method: 'POST', path: '/api/admin/claims/import.csv', body: { csv: `${Object.keys(row).join(',')}\n${Object.values(row).join(',')}` } };
  },
  'GET /api/admin/claims/:id': (s, t) => ({ method: 'GET', path: `/api/admin/claims/${s.claim[t]}` }),
  'POST /api/admin/coverage/import': (s, t) => ({
    method: 'POST', path: '/api/admin/coverage/import', body: { rows: [{ idNumber: s.member[t].idNumber, plan: 'basic', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' }] },
  }),
  'POST /api/admin/coverage/import.csv': (s, t) => ({
    method: 'POST', path: '/api/admin/coverage/import.csv', body: { csv: `idNumber,plan,year,startsOn,endsOn\n${s.member[t].idNumber},basic,2026,2026-01-01,2026-12-31` },
  }),
  'GET /api/activities': () => ({ method: 'GET', path: '/api/activities' }),
  'POST /api/activities': (s, t) => ({ method: 'POST', path: '/api/activities', body: { ...activityTimes(), orgId: s.org[t] } }),
  'GET /api/activities/:id': (s, t) => ({ method: 'GET', path: `/api/activities/${s.activity[t]}` }),
  'PATCH /api/activities/:id': (s, t) => ({ method: 'PATCH', path: `/api/activities/${s.activity[t]}`, body: { title: '改期后的活动', capacity: 30 } }),
  'POST /api/activities/:id/cancel': (s, t) => ({ method: 'POST', path: `/api/activities/${s.activity[t]}/cancel`, body: { reason: '天气原因' } }),
  'POST /api/activities/:id/registrations': async (s, t) => ({
    method: 'POST', path: `/api/activities/${await api.activity({ orgId: s.org[t], audience: t === 'union' ? 'all' : 'org' })}/registrations`,
  }),
  'POST /api/registrations/:id/cancel': (s, t) => ({ method: 'POST', path: `/api/registrations/${s.registration[t].id}/cancel` }),
  'GET /api/me/registrations': () => ({ method: 'GET', path: '/api/me/registrations' }),
  'GET /api/me/subscriptions': () => ({ method: 'GET', path: '/api/me/subscriptions' }),
  'POST /api/me/subscriptions': () => ({ method: 'POST', path: '/api/me/subscriptions', body: { accepted: ['registration_confirmed'] } }),
  'GET /api/internal/dispatch-notifications': () => ({ method: 'GET', path: '/api/internal/dispatch-notifications' }),
  'POST /api/activities/:id/checkins': (s, t) => ({ method: 'POST', path: `/api/activities/${s.activity[t]}/checkins`, body: { ticket: s.registration[t].ticket } }),
  'POST /api/activities/:id/checkins/batch': (s, t) => ({
    method: 'POST', path: `/api/activities/${s.activity[t]}/checkins/batch`,
    body: { scans: [{ ticket: s.registration[t].ticket, nonce: `perm-${Math.random()}`, scannedAt: new Date(Date.now() - 60_000).toISOString() }] },
  }),
  'GET /api/activities/:id/offline-pack': (s, t) => ({ method: 'GET', path: `/api/activities/${s.activity[t]}/offline-pack` }),
  'GET /api/activities/:id/roster': (s, t) => ({ method: 'GET', path: `/api/activities/${s.activity[t]}/roster` }),
  // ---------- office lookups, union tree, roles and charts (issue #14) ----------
  'GET /api/admin/members': (s, t) => ({ method: 'GET', path: `/api/admin/members?orgId=${s.org[t]}&q=${encodeURIComponent('会员')}` }),
  'GET /api/admin/members/:id': (s, t) => ({ method: 'GET', path: `/api/admin/members/${s.member[t].memberId}` }),
  'PATCH /api/admin/members/:id': (s, t) => ({ method: 'PATCH', path: `/api/admin/members/${s.member[t].memberId}`, body: { groups: ['frontline'], householdNo: '410105000003' } }),
  'POST /api/admin/roles/revoke': async (s, t) => ({ method: 'POST', path: '/api/admin/roles/revoke', body: { memberId: (await api.cadre(s.org[t])).memberId, role: 'cadre', orgId: s.org[t] } }),
  'GET /api/admin/orgs': () => ({ method: 'GET', path: '/api/admin/orgs' }),
  'PATCH /api/admin/orgs/:id': async (s, t) => ({ method: 'PATCH', path: `/api/admin/orgs/${await api.org({ parentId: s.org[t] })}`, body: { name: `改名工会${Math.random()}` } }),
  'GET /api/admin/stats/attendance': (s, t) => ({ method: 'GET', path: `/api/admin/stats/attendance?orgId=${s.org[t]}&month=2026-11` }),
  'GET /api/activities/:id/stats': (s, t) => ({ method: 'GET', path: `/api/activities/${s.activity[t]}/stats` }),
  'GET /api/demo/files/:name': () => ({ method: 'GET', path: '/api/demo/files/roster-demo.xlsx' }),
  // ---------- office-api ----------
  'POST /api/admin/api-keys': () => ({ method: 'POST', path: '/api/admin/api-keys', body: { name: '互助系统', role: 'claims_officer' } }),
  'GET /api/admin/api-keys': () => ({ method: 'GET', path: '/api/admin/api-keys' }),
  'POST /api/admin/api-keys/:id/revoke': async () => {
    const created = await api.post('/api/admin/api-keys', { token: (await api.admin()).token, body: { name: '待吊销', role: 'verifier' } });
    return { method: 'POST', path: `/api/admin/api-keys/${created.body.id}/revoke` };
  },
  'GET /api/admin/claims': (s, t) => ({ method: 'GET', path: `/api/admin/claims?memberId=${s.member[t].memberId}` }),
  'POST /api/admin/members/import.xlsx': async (s, t) => ({
    method: 'POST', path: `/api/admin/members/import.xlsx?orgId=${s.org[t]}`, headers: { 'content-type': XLSX },
    rawBody: await xlsxOf([['姓名', '身份证号', '手机号'], ['新会员', newIdNumber(), '13700137000']]),
  }),
  'POST /api/admin/members/import.csv': (s, t) => ({
    method: 'POST', path: `/api/admin/members/import.csv?orgId=${s.org[t]}`, headers: { 'content-type': 'text/csv' }, rawBody: `姓名,身份证号,手机号\n新会员,${newIdNumber()},13700137000\n`,
  }),
  'POST /api/admin/claims/import.xlsx': async (s, t) => {
    const row = claimRow(s.member[t].idNumber, `PERM-${Math.random().toString(36).slice(2)}`);
    return { method: 'POST', path: '/api/admin/claims/import.xlsx', headers: { 'content-type': XLSX }, rawBody: await xlsxOf([Object.keys(row), Object.values(row)]) };
  },
  'POST /api/admin/coverage/import.xlsx': async (s, t) => ({
    method: 'POST', path: '/api/admin/coverage/import.xlsx', headers: { 'content-type': XLSX },
    rawBody: await xlsxOf([['身份证号', '保障项目', '年度', '开始日期', '结束日期'], [s.member[t].idNumber, '在职职工互助保障', 2026, '2026-01-01', '2026-12-31']]),
  }),
  'GET /api/admin/import-templates/:kind': () => ({ method: 'GET', path: '/api/admin/import-templates/members' }),
  'GET /api/activities/:id/registrations': (s, t) => ({ method: 'GET', path: `/api/activities/${s.activity[t]}/registrations?q=${encodeURIComponent(s.member[t].name)}` }),
  'POST /api/activities/:id/checkins/manual': (s, t) => ({ method: 'POST', path: `/api/activities/${s.activity[t]}/checkins/manual`, body: { registrationId: s.registration[t].id } }),
  'GET /api/me/card': () => ({ method: 'GET', path: '/api/me/card' }),
  'POST /api/member-codes/verify': async (s, t) => ({ method: 'POST', path: '/api/member-codes/verify', body: { code: (await api.get('/api/me/card', { token: s.member[t].token })).body.code } }),
  'GET /api/member-codes/key': () => ({ method: 'GET', path: '/api/member-codes/key' }),
  'POST /api/activities/:id/draw': async (s, t) => ({ method: 'POST', path: `/api/activities/${await api.lottery({ orgId: s.org[t], closed: true, applicants: 2 })}/draw` }),
  'GET /api/activities/:id/draw': async (s, t) => {
    const id = await api.lottery({ orgId: s.org[t], closed: true, applicants: 2 });
    expect((await api.post(`/api/activities/${id}/draw`, { token: (await api.admin()).token })).status).toBe(200);
    return { method: 'GET', path: `/api/activities/${id}/draw` };
  },
  'GET /api/internal/run-draws': () => ({ method: 'GET', path: '/api/internal/run-draws' }),
  // ---------- aid applications (issue #17) ----------
  'GET /api/aid-programs': () => ({ method: 'GET', path: '/api/aid-programs' }),
  'POST /api/admin/aid-programs': () => ({ method: 'POST', path: '/api/admin/aid-programs', body: aidProgram() }),
  'GET /api/aid-programs/:id/eligibility': async (s) => ({ method: 'GET', path: `/api/aid-programs/${await aidProgramId(s)}/eligibility` }),
  'POST /api/aid-programs/:id/applications': async (s, t) => ({
    method: 'POST', path: `/api/aid-programs/${await aidProgramId(s, t === 'sibling' ? s.org.sibling : undefined)}/applications`, body: { level: '一档', documents: [] },
  }),
  'GET /api/aid-programs/:id/publicity': async (s) => ({ method: 'GET', path: `/api/aid-programs/${await aidProgramId(s)}/publicity` }),
  'GET /api/me/aid-applications': () => ({ method: 'GET', path: '/api/me/aid-applications' }),
  'GET /api/aid-applications/:id': async (s, t) => ({ method: 'GET', path: `/api/aid-applications/${(await aidApplication(s, t, [])).applicationId}` }),
  'PATCH /api/aid-applications/:id': async (s, t) => ({
    method: 'PATCH', path: `/api/aid-applications/${(await aidApplication(s, t, ['returned'])).applicationId}`, body: { level: '一档' },
  }),
  'GET /api/admin/aid-applications': async (s) => ({ method: 'GET', path: `/api/admin/aid-applications?programId=${(await aidApplication(s, 'union', [])).programId}&status=submitted` }),
  'POST /api/admin/aid-applications/:id/review': async (s, t) => ({
    method: 'POST', path: `/api/admin/aid-applications/${(await aidApplication(s, t, [])).applicationId}/review`, body: { decision: 'approve' },
  }),
  'POST /api/admin/aid-programs/:id/publicize': async (s) => ({
    method: 'POST', path: `/api/admin/aid-programs/${(await aidApplication(s, 'union', ['grassroots_approved', 'approved'])).programId}/publicize`,
  }),
  'POST /api/admin/aid-applications/payments/import': async (s) => {
    const { applicationId } = await aidApplication(s, 'union', ['grassroots_approved', 'approved', 'publicized']);
    return { method: 'POST', path: '/api/admin/aid-applications/payments/import', body: { rows: [{ applicationId, paidAt: new Date().toISOString() }] } };
  },
  'POST /api/admin/aid-applications/payments/import.xlsx': async (s) => {
    const { applicationId } = await aidApplication(s, 'union', ['grassroots_approved', 'approved', 'publicized']);
    const paidOn = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 2));
    return { method: 'POST', path: '/api/admin/aid-applications/payments/import.xlsx', headers: { 'content-type': XLSX }, rawBody: await xlsxOf([['申请编号', '发放日期'], [applicationId, paidOn]]) };
  },
  'POST /api/admin/aid-applications/payments/import.csv': async (s) => {
    const { applicationId } = await aidApplication(s, 'union', ['grassroots_approved', 'approved', 'publicized']);
    return { method: 'POST', path: '/api/admin/aid-applications/payments/import.csv', headers: { 'content-type': 'text/csv' }, rawBody: `申请编号,发放日期\n${applicationId},2099/1/1\n` };
  },
  'POST /api/uploads': () => ({ method: 'POST', path: '/api/uploads', headers: { 'content-type': 'image/png' }, rawBody: PNG }),
  'GET /api/uploads/:id': async (s, t) => {
    const up = await api.post('/api/uploads', { token: s.member[t].token, rawBody: PNG, headers: { 'content-type': 'image/png' } });
    return { method: 'GET', path: `/api/uploads/${up.body.id}` };
  },
  'POST /api/uploads/sessions': () => ({ method: 'POST', path: '/api/uploads/sessions', body: { contentType: 'image/png', size: PNG.length } }),
  'GET /api/uploads/sessions/:id': async (s, t) => ({ method: 'GET', path: `/api/uploads/sessions/${await uploadSession(s, t)}` }),
  // a first chunk of two: 200 with the next offset
  'PUT /api/uploads/sessions/:id': async (s, t) => ({
    method: 'PUT',
    path: `/api/uploads/sessions/${await uploadSession(s, t)}`,
    headers: { 'content-type': 'application/offset+octet-stream', 'upload-offset': '0' },
    rawBody: PNG.subarray(0, 8),
  }),
  'POST /api/me/claims': async (s, _t, actor) => {
    await api.db.query(
      `insert into coverages (member_id, plan, year, starts_on, ends_on) select id, 'hospitalization', 2026, '2026-01-01', '2026-12-31' from members where org_id in ($1, $2) on conflict do nothing`,
      [union, sibling],
    );
    return {
      method: 'POST', path: '/api/me/claims',
      body: { plan: 'hospitalization', incidentDate: '2026-02-01', amountClaimedFen: 10_000, documents: [{ key: 'invoice', uploadId: await callersUpload(s, actor) }, { key: 'discharge_summary', uploadId: await callersUpload(s, actor) }] },
    };
  },
  'POST /api/me/claims/:id/documents': async (s, t, actor) => {
    await api.db.query(`with moved as (update claims set status = 'needs_info' where id = $1 returning id) insert into claim_events (claim_id, status, at, note) select id, 'needs_info', now(), '请补充材料' from moved`, [s.claim[t]]);
    return { method: 'POST', path: `/api/me/claims/${s.claim[t]}/documents`, body: { documents: [{ key: 'other', uploadId: await callersUpload(s, actor) }] } };
  },
  'POST /api/admin/claims/:id/transition': (s, t) => ({ method: 'POST', path: `/api/admin/claims/${s.claim[t]}/transition`, body: { status: 'under_review' } }),
  // ---------- love stations (issue #18) ----------
  'GET /api/stations': () => ({ method: 'GET', path: '/api/stations?lat=34.75&lng=113.65&radiusKm=1' }),
  'GET /api/stations/:id': async (s, t) => ({ method: 'GET', path: `/api/stations/${await stationOf(s.org[t])}` }),
  'POST /api/stations/:id/visits': async (s, t) => ({ method: 'POST', path: `/api/stations/${await stationOf(s.org[t])}/visits` }),
  'POST /api/stations/:id/reports': async (s, t) => ({ method: 'POST', path: `/api/stations/${await stationOf(s.org[t])}/reports`, body: { kind: 'closed', note: '门锁着' } }),
  'POST /api/admin/stations/import': (s, t) => ({
    method: 'POST', path: '/api/admin/stations/import',
    body: { orgId: s.org[t], rows: [{ name: `导入驿站${Math.random()}`, address: '权限路2号', lat: 34.76, lng: 113.66, openingHours: '24/7', services: ['toilet'] }] },
  }),
  'GET /api/admin/station-reports': (s, t) => ({ method: 'GET', path: `/api/admin/station-reports?status=open&orgId=${s.org[t]}` }),
  'POST /api/admin/station-reports/:id/resolve': async (s, t) => ({
    method: 'POST', path: `/api/admin/station-reports/${await stationReportOf(s.org[t], s.member[t].memberId)}/resolve`, body: { note: '已处理' },
  }),
  'GET /api/admin/stations/reliability': (s, t) => ({ method: 'GET', path: `/api/admin/stations/reliability?orgId=${s.org[t]}` }),
  'POST /api/admin/stations/:id/suspend': async (s, t) => ({ method: 'POST', path: `/api/admin/stations/${await stationOf(s.org[t])}/suspend`, body: { reason: '整改停用' } }),
  'POST /api/admin/stations/:id/resume': async (s, t) => ({ method: 'POST', path: `/api/admin/stations/${await stationOf(s.org[t])}/resume` }),
  // ---------- joining the union (issue #15) ----------
  'POST /api/join-applications': (s, t) => ({ method: 'POST', path: '/api/join-applications', body: { name: '申请人', idNumber: newIdNumber(), channel: 'employer', employer: '某公司', orgId: s.org[t] } }),
  'GET /api/me/join-applications': () => ({ method: 'GET', path: '/api/me/join-applications' }),
  'POST /api/join-applications/:id/withdraw': (s, t) => ({ method: 'POST', path: `/api/join-applications/${s.joinApplication[t]}/withdraw` }),
  'GET /api/admin/join-applications': (s, t) => ({ method: 'GET', path: `/api/admin/join-applications?orgId=${s.org[t]}` }),
  'POST /api/admin/join-applications/:id/approve': (s, t) => ({ method: 'POST', path: `/api/admin/join-applications/${s.joinApplication[t]}/approve`, body: {} }),
  'POST /api/admin/join-applications/:id/reject': (s, t) => ({ method: 'POST', path: `/api/admin/join-applications/${s.joinApplication[t]}/reject`, body: { reason: '材料不全，请补充' } }),
  'POST /api/admin/join-applications/:id/transfer': (s, t) => ({ method: 'POST', path: `/api/admin/join-applications/${s.joinApplication[t]}/transfer`, body: { orgId: city } }),
  'GET /api/orgs/:id/join-code': (s, t) => ({ method: 'GET', path: `/api/orgs/${s.org[t]}/join-code` }),
  'GET /api/admin/calendar-days': () => ({ method: 'GET', path: '/api/admin/calendar-days?year=2026' }),
  'POST /api/admin/calendar-days': () => ({ method: 'POST', path: '/api/admin/calendar-days', body: { days: [{ day: '2027-12-31', workday: false, name: '测试假日' }] } }),
  'POST /api/admin/calendar-days/remove': () => ({ method: 'POST', path: '/api/admin/calendar-days/remove', body: { days: ['2027-01-01'] } }),
  'POST /api/me/membership-transfers': (s) => ({ method: 'POST', path: '/api/me/membership-transfers', body: { toOrgId: city } }),
  'GET /api/me/membership-transfers': () => ({ method: 'GET', path: '/api/me/membership-transfers' }),
  'POST /api/me/membership-transfers/:id/cancel': async (s, t) => ({ method: 'POST', path: `/api/me/membership-transfers/${await transferOf(s, t)}/cancel` }),
  'GET /api/admin/membership-transfers': () => ({ method: 'GET', path: '/api/admin/membership-transfers' }),
  'POST /api/admin/membership-transfers/:id/accept': async (s, t) => ({ method: 'POST', path: `/api/admin/membership-transfers/${await transferOf(s, t)}/accept` }),
  'POST /api/admin/membership-transfers/:id/reject': async (s, t) => ({ method: 'POST', path: `/api/admin/membership-transfers/${await transferOf(s, t)}/reject`, body: { reason: '请先联系原单位工会' } }),
  'POST /api/admin/membership-transfers/:id/object': async (s, t) => ({ method: 'POST', path: `/api/admin/membership-transfers/${await transferOf(s, t, true)}/object`, body: { reason: '劳动关系尚未解除' } }),
};
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
/** An upload of the caller's own (for documents), or a well-formed id nobody has when the caller cannot upload. */
/** A resumable upload session of the target's member, nothing sent yet: its id. */
async function uploadSession(s: Scene, t: Target): Promise<string> {
  const res = await api.post('/api/uploads/sessions', { token: s.member[t].token, body: { contentType: 'image/png', size: PNG.length } });
  return res.body.sessionId as string;
}

async function callersUpload(s: Scene, actor: Actor = 'member'): Promise<string> {
  const up = await api.post('/api/uploads', { token: s.tokens[actor], rawBody: Buffer.concat([PNG, Buffer.from(String(Math.random()))]), headers: { 'content-type': 'image/png' } });
  return up.status === 201 ? up.body.id : randomUUID();
}

/** 会籍转移 of the target's member to the other union (union: M → sibling; sibling: O → union), accepted when asked. */
async function transferOf(s: Scene, t: Target, accepted = false): Promise<string> {
  const m = s.member[t];
  const other = t === 'union' ? s.org.sibling : s.org.union;
  const res = await api.post('/api/me/membership-transfers', { token: m.token, body: { toOrgId: other } });
  if (res.status !== 201) throw new Error(`scene transfer: ${res.text}`);
  if (accepted) await api.post(`/api/admin/membership-transfers/${res.body.id}/accept`, { token: (await api.admin()).token });
  return res.body.id as string;
}

const CELLS = Object.entries(EXPECTED).flatMap(([endpoint, byTarget]) =>
  Object.entries(byTarget).flatMap(([target, statuses]) => ACTORS.map((actor, i) => ({ endpoint, target: target as Target | 'any', actor, expected: (statuses as Statuses)[i] }))),
);

describe('the permission matrix', () => {
  it('has a row for every route in the route table', () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
    expect(Object.keys(CALLS).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [endpoint, byTarget] of Object.entries(EXPECTED)) {
    for (const target of Object.keys(byTarget) as (Target | 'any')[]) {
      it(`${endpoint}${target === 'any' ? '' : ` on the ${target} record`}: each caller gets the status the table says`, async () => {
        const got: Record<string, number> = {};
        const want: Record<string, number> = {};
        for (const [i, actor] of ACTORS.entries()) {
          const s = await scene();
          const call = await CALLS[endpoint](s, target === 'any' ? 'union' : target, actor);
          const res = await api.request(call.method, call.path, { token: s.tokens[actor], body: call.body, rawBody: call.rawBody, headers: call.headers });
          got[actor] = res.status;
          want[actor] = (byTarget[target] as Statuses)[i];
          if (res.status >= 400) {
            // Refusals are the contract's: 401 UNAUTHENTICATED, 403 FORBIDDEN or NOT_A_MEMBER or NOT_ELIGIBLE, 404 NOT_FOUND, 409 ALREADY_BOUND, or ALREADY_MEMBER / APPLICATION_PENDING when applying to join.
            expect(res.body.error.message, `${endpoint} as ${actor}`).toMatch(/[\u4e00-\u9fff]/);
            const codes: Record<number, string[]> = { 401: ['UNAUTHENTICATED'], 403: ['FORBIDDEN', 'NOT_A_MEMBER', 'NOT_ELIGIBLE'], 404: ['NOT_FOUND'], 409: ['ALREADY_BOUND', 'ALREADY_MEMBER', 'APPLICATION_PENDING'] };
            expect(codes[res.status], `${endpoint} as ${actor}: ${res.text}`).toContain(res.body.error.code);
          }
        }
        expect(got).toEqual(want);
      });
    }
  }

  it('gives every route an expected status for every kind of caller, for every target it names', () => {
    for (const [endpoint, byTarget] of Object.entries(EXPECTED)) {
      expect(Object.keys(byTarget).length, `${endpoint} names no target`).toBeGreaterThan(0);
      for (const [target, statuses] of Object.entries(byTarget)) {
        expect(statuses, `${endpoint} (${target}) needs one status per caller: ${ACTORS.join(', ')}`).toHaveLength(ACTORS.length);
        for (const status of statuses as Statuses) expect(status, `${endpoint} (${target})`).toBeTypeOf('number');
      }
    }
    expect(CELLS.length).toBeGreaterThanOrEqual(ROUTES.length * ACTORS.length);
  });
});

// Insiders (issue #13): a claims officer scoped to one union, and a cadre whose roster import names
// people outside their subtree. Each cell: [caller, request, expected status, what must hold after].
describe('the permission matrix, insiders with a scope', () => {
  it('holds a claims officer with a union to that union’s subtree on every claims and coverage endpoint', async () => {
    const s = await scene();
    const scoped = await api.user({ roles: [{ role: 'claims_officer', orgId: union }] });
    const token = scoped.token;
    const lookup = (memberId: string) => api.get(`/api/admin/claims?memberId=${memberId}`, { token });
    const cells: [string, () => Promise<{ status: number; body: any }>, number, (r: { status: number; body: any }) => void][] = [
      ['officer view of a claim in the union', () => api.get(`/api/admin/claims/${s.claim.union}`, { token }), 200, () => undefined],
      ['officer view of a claim in the sibling union', () => api.get(`/api/admin/claims/${s.claim.sibling}`, { token }), 404, () => undefined],
      ['lookup by a member of the union', () => lookup(s.member.union.memberId), 200, (r) => expect(r.body.items).toHaveLength(1)],
      ['lookup by a member of the sibling union', () => lookup(s.member.sibling.memberId), 200, (r) => expect(r.body.items).toEqual([])],
      ['claims import naming a sibling member', () => api.post('/api/admin/claims/import', { token, body: { rows: [claimRow(s.member.sibling.idNumber, `PERM-X-${Math.random().toString(36).slice(2)}`)] } }), 200, (r) => expect(r.body).toMatchObject({ created: 0, rejected: [{ index: 0, code: 'NOT_FOUND' }] })],
      ['claims import naming a union member', () => api.post('/api/admin/claims/import', { token, body: { rows: [claimRow(s.member.union.idNumber, `PERM-Y-${Math.random().toString(36).slice(2)}`)] } }), 200, (r) => expect(r.body).toMatchObject({ created: 1, rejected: [] })],
      ['coverage import naming a sibling member', () => api.post('/api/admin/coverage/import', { token, body: { rows: [{ idNumber: s.member.sibling.idNumber, plan: 'basic', year: 2026, startsOn: '2026-01-01', endsOn: '2026-12-31' }] } }), 200, (r) => expect(r.body).toMatchObject({ created: 0, rejected: [{ index: 0, code: 'NOT_FOUND' }] })],
    ];
    for (const [what, call, status, after] of cells) {
      const res = await call();
      expect(res.status, what).toBe(status);
      after(res);
    }
  });

  it('lets a cadre’s roster import create and update only inside the subtree, rejecting a row naming someone elsewhere alone', async () => {
    const s = await scene();
    const cadre = await api.cadre(union);
    const before = await api.db.query<{ org_id: string; name: string }>('select org_id::text, name from members where id = $1', [s.member.sibling.memberId]);
    const newcomer = newIdNumber();
    const res = await api.post('/api/admin/members/import', {
      token: cadre.token,
      body: {
        orgId: union,
        members: [
          { name: '改名企图', idNumber: s.member.sibling.idNumber, phone: '13700137001' },
          { name: '新来的会员', idNumber: newcomer, phone: '13700137002' },
          { name: '会员甲', idNumber: s.member.union.idNumber, phone: '13700137003' },
        ],
      },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ created: 1, updated: 1 });
    expect(res.body.rejected).toHaveLength(1);
    expect(res.body.rejected[0]).toMatchObject({ index: 0, code: 'FORBIDDEN' });
    // The refusal does not say where the person is, nor who: the sibling union's name, the member's name or number.
    const where = (await api.db.query<{ name: string; member_no: string }>('select o.name, m.member_no from members m join orgs o on o.id = m.org_id where m.id = $1', [s.member.sibling.memberId])).rows[0];
    for (const secret of [where.name, where.member_no, '会员乙']) expect(res.body.rejected[0].message).not.toContain(secret);
    const after = await api.db.query<{ org_id: string; name: string }>('select org_id::text, name from members where id = $1', [s.member.sibling.memberId]);
    expect(after.rows).toEqual(before.rows);
  });
});

describe('what a refusal does not reveal', () => {
  it('answers someone else’s claim and registration exactly like ones that do not exist', async () => {
    const s = await scene();
    const token = s.tokens.member!;
    const theirs = await api.get(`/api/me/claims/${s.claim.sibling}`, { token });
    const nobodys = await api.get('/api/me/claims/999999999', { token });
    expect([theirs.status, theirs.body]).toEqual([nobodys.status, nobodys.body]);
    const theirReg = await api.post(`/api/registrations/${s.registration.sibling.id}/cancel`, { token });
    const nobodysReg = await api.post('/api/registrations/999999999/cancel', { token });
    expect([theirReg.status, theirReg.body]).toEqual([nobodysReg.status, nobodysReg.body]);
    expect(await api.count('registrations', `id = $1 and status = 'confirmed'`, [s.registration.sibling.id])).toBe(1);
  });

  it('lists only the caller’s own claims and registrations', async () => {
    const s = await scene();
    const claims = await api.get('/api/me/claims', { token: s.tokens.member });
    expect(claims.body.items.map((c: { id: string }) => c.id)).toEqual([s.claim.union]);
    const regs = await api.get('/api/me/registrations', { token: s.tokens.member });
    expect(regs.body.items.map((r: { id: string }) => r.id)).toEqual([s.registration.union.id]);
  });

  it('keeps an activity for one union’s members out of other members’ list', async () => {
    const mine = await api.org({ parentId: city });
    const theirs = await api.org({ parentId: city });
    const onlyTheirs = await api.activity({ orgId: theirs, audience: 'org' });
    const ids = async (orgId: string) => (await api.get(`/api/activities?orgId=${theirs}&limit=100`, { token: (await api.memberUser({ orgId })).token })).body.items.map((a: { id: string }) => a.id);
    expect(await ids(mine)).toEqual([]);
    expect(await ids(theirs)).toEqual([onlyTheirs]);
  });
});

// ---------- binding verification × role (issue #13 finding 2, api.md "Identity, hardened") ----------
// The same role, held by a member whose binding is phone-verified or only by name and ID number
// ('id_only'): roles act only for the first. Every cell: a fresh scene, the role holder a member of
// the union, its role over the union (cadre) or everything (claims officer, admin); target "union".
const BINDING_ACTORS = ['cadrePhone', 'cadreIdOnly', 'officerPhone', 'officerIdOnly', 'adminPhone', 'adminIdOnly'] as const;
type BindingActor = (typeof BINDING_ACTORS)[number];
type BindingStatuses = [number, number, number, number, number, number];

// prettier-ignore
const BY_BINDING: Record<string, BindingStatuses> = {
  //                                           cad  cadId  off  offId  adm  admId
  'GET /api/me':                              [200, 200,   200, 200,   200, 200],
  'GET /api/me/registrations':                [200, 200,   200, 200,   200, 200],
  'POST /api/admin/orgs':                     [403, 403,   403, 403,   201, 403],
  'POST /api/admin/roles':                    [403, 403,   403, 403,   200, 403],
  'POST /api/admin/members/import':           [200, 403,   403, 403,   200, 403],
  'POST /api/activities':                     [201, 403,   403, 403,   201, 403],
  'PATCH /api/activities/:id':                [200, 403,   403, 403,   200, 403],
  'POST /api/activities/:id/cancel':          [200, 403,   403, 403,   200, 403],
  'POST /api/activities/:id/checkins':        [200, 403,   403, 403,   200, 403],
  'POST /api/activities/:id/checkins/batch':  [200, 403,   403, 403,   200, 403],
  'GET /api/activities/:id/offline-pack':     [200, 403,   403, 403,   200, 403],
  'GET /api/activities/:id/roster':           [200, 403,   403, 403,   200, 403],
  'GET /api/admin/claims/:id':                [403, 403,   200, 403,   200, 403],
  'POST /api/admin/claims/import':            [403, 403,   200, 403,   200, 403],
  'POST /api/admin/claims/import.csv':        [403, 403,   200, 403,   200, 403],
  'POST /api/admin/coverage/import':          [403, 403,   200, 403,   200, 403],
  'POST /api/admin/coverage/import.csv':      [403, 403,   200, 403,   200, 403],
  'POST /api/admin/claims/:id/transition':    [403, 403,   200, 403,   200, 403],
};

async function boundRoleHolder(actor: BindingActor): Promise<string> {
  const m = await api.member({ orgId: union, name: '持角色会员' });
  const role = actor.startsWith('cadre') ? { role: 'cadre' as const, orgId: union } : { role: actor.startsWith('officer') ? ('claims_officer' as const) : ('admin' as const) };
  return (await api.user({ memberId: m.memberId, verification: actor.endsWith('IdOnly') ? 'id_only' : 'phone', roles: [role] })).token;
}

describe('the permission matrix by binding: roles act only for phone-verified bindings', () => {
  for (const [endpoint, statuses] of Object.entries(BY_BINDING)) {
    it(`${endpoint}: each role held through a phone or an id_only binding gets the status the table says`, async () => {
      const got: Record<string, number> = {};
      const want: Record<string, number> = {};
      for (const [i, actor] of BINDING_ACTORS.entries()) {
        const s = await scene();
        const call = await CALLS[endpoint](s, 'union');
        const res = await api.request(call.method, call.path, { token: await boundRoleHolder(actor), body: call.body });
        got[actor] = res.status;
        want[actor] = statuses[i];
        if (res.status === 403) expect(res.body.error.code, `${endpoint} as ${actor}`).toBe('FORBIDDEN');
      }
      expect(got).toEqual(want);
    });
  }
});
// ---------- end binding verification × role ----------
