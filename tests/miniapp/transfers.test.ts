// 会籍转移 in the office (issue #15): which transfers a cadre acts on, which they only follow, and
// the words for the statuses and the refusals, run without rendering.
import { describe, expect, it } from 'vitest';
import { arrangeTransfers, TRANSFER_STATUS_LABELS, transferErrorText } from '../../miniapp/src/packages/office/transfer-model';
import { ZMembershipTransfer, ZTransferStatus, type TMembershipTransfer } from '../../shared/schemas';

// 金水区总工会 (2) with 郑州圆方集团工会 (3) below it; 美团郑州骑手工会 (8) elsewhere.
const JINSHUI = new Set(['2', '3']);
const NOW = new Date('2026-12-02T04:00:00Z'); // 12:00 in Zhengzhou

let seq = 0;
function transfer(over: Partial<TMembershipTransfer>): TMembershipTransfer {
  seq += 1;
  return ZMembershipTransfer.parse({
    id: String(seq),
    status: 'requested',
    memberId: String(100 + seq),
    memberName: `会员${seq}`,
    fromOrgId: '3',
    fromOrgName: '郑州圆方集团工会',
    toOrgId: '8',
    toOrgName: '美团郑州骑手工会',
    reason: null,
    requestedAt: '2026-11-30T09:00:00+08:00',
    acceptedAt: null,
    objectionDueAt: null,
    decidedAt: null,
    decisionReason: null,
    completedAt: null,
    ...over,
  });
}
const accepted = (over: Partial<TMembershipTransfer>) => transfer({ status: 'accepted', acceptedAt: '2026-12-01T10:00:00+08:00', objectionDueAt: '2026-12-08T23:59:59+08:00', ...over });
const names = (items: { transfer: TMembershipTransfer }[]) => items.map((i) => i.transfer.memberName);

describe('会籍转移 in the office', () => {
  it('a transfer into the cadre’s union waits for them to accept or refuse; one out of it only shows whom it waits for', () => {
    const into = transfer({ memberName: '转入者', fromOrgId: '8', fromOrgName: '美团郑州骑手工会', toOrgId: '3', toOrgName: '郑州圆方集团工会' });
    const out = transfer({ memberName: '转出者' });
    const { incoming, outgoing } = arrangeTransfers([into, out], JINSHUI, NOW);
    expect(incoming).toEqual([{ transfer: into, canDecide: true, canObject: false }]);
    expect(outgoing).toEqual([{ transfer: out, canDecide: false, canObject: false }]);
  });

  it('the old union may object to an accepted transfer until the deadline, and not a moment after', () => {
    const t = accepted({ memberName: '异议期内' });
    expect(arrangeTransfers([t], JINSHUI, NOW).outgoing).toEqual([{ transfer: t, canDecide: false, canObject: true }]);
    expect(arrangeTransfers([t], JINSHUI, new Date('2026-12-08T15:59:58Z')).outgoing[0].canObject).toBe(true);
    expect(arrangeTransfers([t], JINSHUI, new Date('2026-12-08T15:59:59Z')).outgoing[0].canObject).toBe(false);
  });

  it('the receiving union follows an accepted transfer through the old union’s objection period without acting on it', () => {
    const t = accepted({ fromOrgId: '8', fromOrgName: '美团郑州骑手工会', toOrgId: '3', toOrgName: '郑州圆方集团工会' });
    const { incoming, outgoing } = arrangeTransfers([t], JINSHUI, NOW);
    expect(incoming).toEqual([{ transfer: t, canDecide: false, canObject: false }]);
    expect(outgoing).toEqual([]);
  });

  it('a transfer between two unions the caller manages (an admin: any) is where its next step is, and only there', () => {
    const within = transfer({ toOrgId: '2', toOrgName: '金水区总工会' });
    const withinAccepted = accepted({ toOrgId: '2', toOrgName: '金水区总工会' });
    const cadre = arrangeTransfers([within, withinAccepted], JINSHUI, NOW);
    expect(cadre.incoming).toEqual([{ transfer: within, canDecide: true, canObject: false }]);
    expect(cadre.outgoing).toEqual([{ transfer: withinAccepted, canDecide: false, canObject: true }]);
    const admin = arrangeTransfers([transfer({ memberName: '甲' }), accepted({ memberName: '乙' })], null, NOW);
    expect(names(admin.incoming)).toEqual(['甲']);
    expect(admin.incoming[0].canDecide).toBe(true);
    expect(names(admin.outgoing)).toEqual(['乙']);
    expect(admin.outgoing[0].canObject).toBe(true);
  });

  it('finished transfers are listed newest first, with nothing left to do, up to the limit', () => {
    const old = transfer({ status: 'rejected', memberName: '最早', decidedAt: '2026-11-20T10:00:00+08:00', decisionReason: '不在本单位工作' });
    const mid = accepted({ status: 'objected', memberName: '中间', decidedAt: '2026-11-25T10:00:00+08:00', decisionReason: '尚有未结清的互助金' });
    const done = accepted({ status: 'completed', memberName: '最新', completedAt: '2026-12-01T00:00:05+08:00' });
    const cancelled = transfer({ status: 'cancelled', memberName: '撤回', decidedAt: '2026-11-28T08:00:00+08:00' });
    const { incoming, outgoing, recent } = arrangeTransfers([old, mid, done, cancelled], JINSHUI, NOW);
    expect(incoming).toEqual([]);
    expect(outgoing).toEqual([]);
    expect(names(recent)).toEqual(['最新', '撤回', '中间', '最早']);
    expect(recent.every((i) => !i.canDecide && !i.canObject)).toBe(true);
    expect(names(arrangeTransfers([old, mid, done, cancelled], JINSHUI, NOW, 2).recent)).toEqual(['最新', '撤回']);
  });

  it('incoming ones are oldest first; outgoing ones by the nearest objection deadline, those still waiting after them', () => {
    const into = (name: string, requestedAt: string) => transfer({ memberName: name, requestedAt, fromOrgId: '8', toOrgId: '3' });
    const { incoming } = arrangeTransfers([into('后', '2026-12-01T09:00:00+08:00'), into('先', '2026-11-29T09:00:00+08:00')], JINSHUI, NOW);
    expect(names(incoming)).toEqual(['先', '后']);
    const { outgoing } = arrangeTransfers(
      [transfer({ memberName: '待接收' }), accepted({ memberName: '晚到期', objectionDueAt: '2026-12-09T23:59:59+08:00' }), accepted({ memberName: '早到期', objectionDueAt: '2026-12-07T23:59:59+08:00' })],
      JINSHUI,
      NOW,
    );
    expect(names(outgoing)).toEqual(['早到期', '晚到期', '待接收']);
  });

  it('every status the API has has a Chinese label, those the issue names among them', () => {
    expect(Object.keys(TRANSFER_STATUS_LABELS).sort()).toEqual([...ZTransferStatus.options].sort());
    expect(TRANSFER_STATUS_LABELS).toMatchObject({ accepted: '已接收', rejected: '未通过', objected: '有异议', completed: '已完成', cancelled: '已撤回' });
  });

  it('a refusal is worded by its contract code, whatever the server’s message says', () => {
    expect(transferErrorText('INVALID_TRANSITION', 'anything')).toMatch(/已有新的进展/);
    expect(transferErrorText('NOT_FOUND', 'anything')).toBe('该会籍转移不在您管理的工会范围内');
    expect(transferErrorText(undefined, '网络不太好')).toBe('网络不太好');
  });
});
