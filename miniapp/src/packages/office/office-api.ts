// The union office's endpoints (issue #14), on the one request client. Kept in the office
// sub-package so that members never download them.
import { request } from '../../services/api';
import {
  ZAdminMember,
  ZAdminMemberList,
  ZAdminOrgList,
  ZApiKeyList,
  ZActivityList,
  ZActivityStats,
  ZAttendanceStats,
  ZApiKeyCreated,
  ZOfficerClaim,
  ZOfficerClaimList,
  ZOrg,
  ZOrgList,
  ZUser,
  type TClaimTransitionRequest,
  ZAdminStationReportList,
  ZStationReliabilityList,
  ZStationReport,
  type TCreateApiKeyRequest,
  type TMemberGroup,
  type TOfficeRoleName,
} from '../../services/contract';
import { z } from '../../../../shared/zod.js';

const ZAnything = z.unknown();
const enc = encodeURIComponent;

export type RoleChange = { memberId: string; role: TOfficeRoleName; orgId?: string };

export const officeApi = {
  members: (q: { q?: string; orgId?: string; cursor?: string | null }) =>
    request({ path: '/admin/members', query: { q: q.q, orgId: q.orgId, cursor: q.cursor, limit: 30 }, schema: ZAdminMemberList }),
  member: (id: string) => request({ path: `/admin/members/${enc(id)}`, schema: ZAdminMember }),
  setGroups: (id: string, groups: TMemberGroup[]) => request({ method: 'PATCH', path: `/admin/members/${enc(id)}`, body: { groups }, schema: ZAdminMember }),
  /** 户号; null clears it */
  setHouseholdNo: (id: string, householdNo: string | null) => request({ method: 'PATCH', path: `/admin/members/${enc(id)}`, body: { householdNo }, schema: ZAdminMember }),
  grantRole: (body: RoleChange) => request({ method: 'POST', path: '/admin/roles', body, schema: ZUser }),
  revokeRole: (body: RoleChange) => request({ method: 'POST', path: '/admin/roles/revoke', body, schema: ZUser }),

  /** Every union (the public list): cadres pick from their subtree of it. */
  allOrgs: () => request({ path: '/orgs', schema: ZOrgList }),
  adminOrgs: () => request({ path: '/admin/orgs', schema: ZAdminOrgList }),
  createOrg: (name: string, parentId?: string) => request({ method: 'POST', path: '/admin/orgs', body: { name, parentId }, schema: ZOrg }),
  renameOrg: (id: string, name: string) => request({ method: 'PATCH', path: `/admin/orgs/${enc(id)}`, body: { name }, schema: ZOrg }),

  claims: (q: { claimNo?: string; memberId?: string; cursor?: string | null }) =>
    request({ path: '/admin/claims', query: { claimNo: q.claimNo, memberId: q.memberId, cursor: q.cursor, limit: 30 }, schema: ZOfficerClaimList }),
  claim: (id: string) => request({ path: `/admin/claims/${enc(id)}`, schema: ZOfficerClaim }),
  /** 受理 / 补充材料 / 核定 / 不予给付 (#17); a decision is not retried (a second one would be a 409) */
  transitionClaim: (id: string, body: TClaimTransitionRequest) => request({ method: 'POST', path: `/admin/claims/${enc(id)}/transition`, body, schema: ZOfficerClaim }),

  apiKeys: () => request({ path: '/admin/api-keys', schema: ZApiKeyList }),
  createApiKey: (body: TCreateApiKeyRequest) => request({ method: 'POST', path: '/admin/api-keys', body, schema: ZApiKeyCreated }),
  revokeApiKey: (id: string) => request({ method: 'POST', path: `/admin/api-keys/${enc(id)}/revoke`, schema: ZAnything }),

  attendance: (orgId: string | undefined, month: string) => request({ path: '/admin/stats/attendance', query: { orgId, month }, schema: ZAttendanceStats }),
  activityStats: (id: string) => request({ path: `/activities/${enc(id)}/stats`, schema: ZActivityStats }),
  managedActivities: (cursor?: string | null) => request({ path: '/activities', query: { scope: 'managed', cursor, limit: 50 }, schema: ZActivityList }),

  // love stations (issue #18)
  stationReports: (q: { status: 'open' | 'resolved'; cursor?: string | null }) =>
    request({ path: '/admin/station-reports', query: { status: q.status, cursor: q.cursor, limit: 50 }, schema: ZAdminStationReportList }),
  resolveStationReport: (id: string, note: string) => request({ method: 'POST', path: `/admin/station-reports/${enc(id)}/resolve`, body: { note }, schema: ZStationReport }),
  stationReliability: (cursor?: string | null) => request({ path: '/admin/stations/reliability', query: { cursor, limit: 50 }, schema: ZStationReliabilityList }),
};
