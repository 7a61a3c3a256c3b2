// 会籍转移 in the office (issue #15), as data: which transfers a cadre acts on, which they only
// follow, and what each status is called. The server decides every request again (404 outside
// the caller's reach, 409 INVALID_TRANSITION for a move the rules forbid); this only puts each
// transfer where the person looking at it has something to do with it.
import type { TMembershipTransfer, TTransferStatus } from '../../services/contract';

/** What the office calls each status (the member's page words it for the member). */
export const TRANSFER_STATUS_LABELS: Record<TTransferStatus, string> = {
  requested: '待接收',
  accepted: '已接收',
  completed: '已完成',
  rejected: '未通过',
  objected: '有异议',
  cancelled: '已撤回',
};

export type TransferItem = {
  transfer: TMembershipTransfer;
  /** the receiving union is the caller's: 接收 / 不接收 */
  canDecide: boolean;
  /** the old union is the caller's and the objection period runs: 提出异议 */
  canObject: boolean;
};

export type ArrangedTransfers = {
  /** into the caller's unions, still open: to decide (requested) or waiting out the old union's objection period (accepted) */
  incoming: TransferItem[];
  /** out of the caller's unions, still open: in the objection period (accepted) or waiting for the other union (requested) */
  outgoing: TransferItem[];
  /** decided or completed, newest first */
  recent: TransferItem[];
};

const OPEN: ReadonlySet<TTransferStatus> = new Set(['requested', 'accepted']);
const at = (iso: string | null) => (iso === null ? Number.NaN : Date.parse(iso));

/**
 * Puts each transfer in one list. `mine` holds the ids of the unions the caller manages (a cadre's
 * union and those below it); `null` for an admin, who manages all. A transfer between two of the
 * caller's own unions is where the next step is: incoming while it waits to be accepted, outgoing
 * while the objection period runs.
 */
export function arrangeTransfers(items: readonly TMembershipTransfer[], mine: ReadonlySet<string> | null, now: Date, recentLimit = 20): ArrangedTransfers {
  const manages = (orgId: string) => mine === null || mine.has(orgId);
  const incoming: TransferItem[] = [];
  const outgoing: TransferItem[] = [];
  const recent: TransferItem[] = [];
  for (const t of items) {
    const canDecide = t.status === 'requested' && manages(t.toOrgId);
    const canObject = t.status === 'accepted' && manages(t.fromOrgId) && now.getTime() < at(t.objectionDueAt);
    const item = { transfer: t, canDecide, canObject };
    if (!OPEN.has(t.status)) recent.push(item);
    else if (t.status === 'requested') (manages(t.toOrgId) ? incoming : outgoing).push(item);
    else (manages(t.fromOrgId) ? outgoing : incoming).push(item);
  }
  const closedAt = (t: TMembershipTransfer) => at(t.completedAt ?? t.decidedAt ?? t.requestedAt);
  incoming.sort((a, b) => at(a.transfer.requestedAt) - at(b.transfer.requestedAt));
  // the nearest objection deadline first; those still waiting for the other union after them
  outgoing.sort((a, b) => (at(a.transfer.objectionDueAt) || Infinity) - (at(b.transfer.objectionDueAt) || Infinity) || at(a.transfer.requestedAt) - at(b.transfer.requestedAt));
  recent.sort((a, b) => closedAt(b.transfer) - closedAt(a.transfer));
  return { incoming, outgoing, recent: recent.slice(0, recentLimit) };
}

/** The office's words for a refused move, by the contract's code (never by the server's message). */
export function transferErrorText(code: string | undefined, fallback: string): string {
  switch (code) {
    case 'INVALID_TRANSITION':
      return '该会籍转移已有新的进展（可能已被处理、撤回或已过异议期），列表已刷新';
    case 'NOT_FOUND':
      return '该会籍转移不在您管理的工会范围内';
    case 'VALIDATION_FAILED':
      return '请填写原因（2–200字）';
    case 'FORBIDDEN':
      return '您没有办理会籍转移的权限';
    default:
      return fallback;
  }
}
