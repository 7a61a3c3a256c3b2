// 入会审核 and 会籍转移 (issue #15): the union office's join endpoints. In the office sub-package, so members never download them.
import { request } from '../../services/api';
import { ZAdminJoinApplication, ZAdminJoinApplicationList, ZJoinCode, ZMembershipTransfer, ZMembershipTransferList } from '../../services/contract';

const enc = encodeURIComponent;

export const joinOfficeApi = {
  queue: (q: { orgId?: string; cursor?: string | null }) => request({ path: '/admin/join-applications', query: { orgId: q.orgId, cursor: q.cursor, limit: 30 }, schema: ZAdminJoinApplicationList }),
  approve: (id: string) => request({ method: 'POST', path: `/admin/join-applications/${enc(id)}/approve`, body: {}, schema: ZAdminJoinApplication }),
  reject: (id: string, reason: string) => request({ method: 'POST', path: `/admin/join-applications/${enc(id)}/reject`, body: { reason }, schema: ZAdminJoinApplication }),
  transfer: (id: string, orgId: string) => request({ method: 'POST', path: `/admin/join-applications/${enc(id)}/transfer`, body: { orgId }, schema: ZAdminJoinApplication }),
  joinCode: (orgId: string) => request({ path: `/orgs/${enc(orgId)}/join-code`, schema: ZJoinCode }),
  // 会籍转移 (extension): transfers into or out of the caller's unions
  transfers: () => request({ path: '/admin/membership-transfers', schema: ZMembershipTransferList }),
  acceptTransfer: (id: string) => request({ method: 'POST', path: `/admin/membership-transfers/${enc(id)}/accept`, body: {}, schema: ZMembershipTransfer }),
  rejectTransfer: (id: string, reason: string) => request({ method: 'POST', path: `/admin/membership-transfers/${enc(id)}/reject`, body: { reason }, schema: ZMembershipTransfer }),
  objectTransfer: (id: string, reason: string) => request({ method: 'POST', path: `/admin/membership-transfers/${enc(id)}/object`, body: { reason }, schema: ZMembershipTransfer }),
};

/** What the QR code encodes when WeChat gives no mini-program code: the H5 join page's address (or the page path). */
export function joinAddress(path: string): string {
  const loc = (globalThis as { location?: { origin: string; pathname: string } }).location;
  return loc ? `${loc.origin}${loc.pathname}#/${path}` : path;
}
