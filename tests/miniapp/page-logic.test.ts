import { describe, expect, it } from 'vitest';
import { listReducer, initialList, mergePage } from '../../miniapp/src/hooks/paged-list';
import { initialResource, resourceReducer } from '../../miniapp/src/hooks/resource';
import { myRegistrationBadge, seatsText, signupStateText } from '../../miniapp/src/hooks/use-activities';
import { diffPatch, emptyForm, formFromActivity, joinShanghai, manageableOrgs, splitShanghai, validateForm } from '../../miniapp/src/hooks/use-activity-form';
import { claimTone, coverageThisYear, newestFirst, timelineOldestFirst } from '../../miniapp/src/hooks/use-claims';
import { orderForDisplay } from '../../miniapp/src/hooks/use-my-registrations';
import { filterRoster, rosterFileName } from '../../miniapp/src/hooks/use-roster';
import { verdictFromError, verdictFromJudgement, verdictFromResponse } from '../../miniapp/src/hooks/use-scan';
import { canCancel, signUpButton, signUpOnce, withRegistration } from '../../miniapp/src/hooks/use-sign-up';
import { fieldErrors } from '../../miniapp/src/utils/form';
import { qrMatrix, qrRects } from '../../miniapp/src/utils/qr';
import { ApiError } from '../../miniapp/src/services/api';
import type { TActivityWithMine, TClaim, TRegistration } from '../../shared/schemas';

const activity = (over: Partial<TActivityWithMine> = {}): TActivityWithMine => ({
  id: '8',
  orgId: '3',
  orgName: '郑州圆方集团工会',
  title: '职工合唱团新春排练',
  category: 'culture',
  description: '',
  location: { name: '职工活动室' },
  startsAt: '2026-12-10T09:00:00+08:00',
  endsAt: '2026-12-10T11:00:00+08:00',
  signupOpensAt: '2026-12-01T09:00:00+08:00',
  signupClosesAt: '2026-12-09T18:00:00+08:00',
  capacity: 2,
  waitlistEnabled: true,
  audience: 'org',
  status: 'published',
  confirmedCount: 0,
  waitlistCount: 0,
  checkedInCount: 0,
  seatsLeft: 2,
  cancelReason: null,
  allocation: 'first_come',
  priorityGroups: [],
  priorityShare: 0,
  drawSeedHash: null,
  drawnAt: null,
  applicantCount: null,
  myRegistration: null,
  ...over,
});
const reg = (over: Partial<TRegistration> = {}): TRegistration => ({
  id: '21',
  activityId: '8',
  status: 'confirmed',
  waitlistPosition: null,
  createdAt: '2026-12-02T10:00:00+08:00',
  checkedInAt: null,
  ticket: 'T1.l.8.sig',
  ...over,
});
const at = (iso: string) => new Date(iso);
const OPEN = at('2026-12-05T12:00:00+08:00');

describe('sign-up button', () => {
  it('follows the window: 未开始, 报名, 已截止', () => {
    expect(signUpButton(activity(), at('2026-11-30T12:00:00+08:00'))).toMatchObject({ label: '未开始', disabled: true });
    expect(signUpButton(activity(), OPEN)).toMatchObject({ label: '报名', action: 'sign_up', disabled: false });
    expect(signUpButton(activity(), at('2026-12-09T18:00:00+08:00'))).toMatchObject({ label: '已截止', disabled: true });
  });

  it('offers 候补 when full with a waitlist, and nothing when full without', () => {
    expect(signUpButton(activity({ seatsLeft: 0 }), OPEN)).toMatchObject({ label: '候补', action: 'sign_up' });
    expect(signUpButton(activity({ seatsLeft: 0, waitlistEnabled: false }), OPEN)).toMatchObject({ label: '名额已满', disabled: true });
  });

  it('shows the member’s own state first, and 已取消 for a cancelled activity', () => {
    expect(signUpButton(activity({ myRegistration: reg() }), OPEN).label).toBe('已报名');
    expect(signUpButton(activity({ myRegistration: reg({ status: 'waitlisted', waitlistPosition: 3 }) }), OPEN)).toMatchObject({ label: '候补中', hint: expect.stringContaining('第 3 位') });
    expect(signUpButton(activity({ status: 'cancelled', cancelReason: '场地检修' }), OPEN)).toMatchObject({ label: '已取消', hint: '取消原因：场地检修' });
    // the server may answer with the member's cancelled registration: they can sign up again
    expect(signUpButton(activity({ myRegistration: reg({ status: 'cancelled', ticket: null }) }), OPEN).label).toBe('报名');
  });

  it('updates counts at once after signing up and cancelling', () => {
    const signed = withRegistration(activity(), reg());
    expect(signed).toMatchObject({ confirmedCount: 1, seatsLeft: 1, myRegistration: { status: 'confirmed' } });
    const back = withRegistration(signed, reg({ status: 'cancelled', ticket: null }));
    expect(back).toMatchObject({ confirmedCount: 0, seatsLeft: 2, myRegistration: null });
    expect(withRegistration(activity({ seatsLeft: 0 }), reg({ status: 'waitlisted', waitlistPosition: 1 }))).toMatchObject({ waitlistCount: 1, seatsLeft: 0 });
  });

  it('hides cancel after the deadline', () => {
    const a = activity({ myRegistration: reg(), cancelDeadline: '2026-12-08T00:00:00+08:00' });
    expect(canCancel(a, OPEN)).toBe(true);
    expect(canCancel(a, at('2026-12-08T00:00:01+08:00'))).toBe(false);
  });

  it('uses one fresh key per tap and remembers the ticket', async () => {
    const keys: string[] = [];
    const remembered: string[] = [];
    const deps = {
      signUp: async (_id: string, key: string) => (keys.push(key), reg()),
      remember: (r: TRegistration) => void remembered.push(r.id),
      newKey: (() => {
        let n = 0;
        return () => `k${++n}`;
      })(),
      askNotices: async () => ({ asked: false as const, reason: 'not_weapp' as const }),
    };
    await signUpOnce(activity(), deps);
    await signUpOnce(activity(), deps);
    expect(keys).toEqual(['k1', 'k2']);
    expect(remembered).toEqual(['21', '21']);
  });

  it('reports a refusal by its code', async () => {
    const out = await signUpOnce(activity(), {
      signUp: async () => {
        throw new ApiError('NOT_A_MEMBER', '请先完成实名绑定', 403);
      },
      remember: () => {},
      newKey: () => 'k',
      askNotices: async () => ({ asked: false as const, reason: 'not_weapp' as const }),
    });
    expect(out).toEqual({ ok: false, error: { code: 'NOT_A_MEMBER', message: '请先完成实名绑定' } });
  });
});

describe('activity cards', () => {
  it('describe seats, window and the member’s badge in Chinese', () => {
    expect(seatsText(activity())).toBe('剩余 2 / 2 个名额');
    expect(seatsText(activity({ seatsLeft: 0, waitlistCount: 4 }))).toBe('名额已满 · 已有 4 人候补');
    expect(signupStateText(activity(), at('2026-11-30T00:00:00Z')).text).toBe('12月1日 周二 09:00 开始报名');
    expect(myRegistrationBadge(reg({ status: 'waitlisted', waitlistPosition: 2 }))).toEqual({ text: '候补第 2 位', tone: 'warning' });
    expect(myRegistrationBadge(reg({ status: 'cancelled' }))).toBeNull();
  });
});

describe('lists and loading', () => {
  it('appends pages without repeating items and keeps data when a refresh fails', () => {
    expect(mergePage([{ id: '1' }, { id: '2' }], [{ id: '2' }, { id: '3' }]).map((i) => i.id)).toEqual(['1', '2', '3']);
    let s = listReducer(initialList<{ id: string }>(), { type: 'page', page: { items: [{ id: '1' }], nextCursor: 'c' }, more: false });
    s = listReducer(s, { type: 'start', more: false });
    expect(s.refreshing).toBe(true);
    s = listReducer(s, { type: 'failure', error: { code: 'NETWORK', message: '网络连接失败' } });
    expect(s.items).toHaveLength(1);
    expect(s.error?.code).toBe('NETWORK');
    const r = resourceReducer(resourceReducer(initialResource<number>(), { type: 'success', data: 1 }), { type: 'failure', error: { code: 'NETWORK', message: 'x' } });
    expect(r).toMatchObject({ data: 1, loading: false });
  });

  it('puts upcoming registrations first, soonest on top', () => {
    const t = (id: string, startsAt: string, endsAt: string) => ({ registrationId: id, startsAt, endsAt }) as never;
    const order = orderForDisplay([t('past', '2026-11-01T09:00:00Z', '2026-11-01T10:00:00Z'), t('late', '2026-12-20T09:00:00Z', '2026-12-20T10:00:00Z'), t('soon', '2026-12-06T09:00:00Z', '2026-12-06T10:00:00Z')], OPEN);
    expect(order.map((i: { registrationId: string }) => i.registrationId)).toEqual(['soon', 'late', 'past']);
  });
});

describe('互助保障', () => {
  const claim: TClaim = {
    id: '1', claimNo: 'HZ1', plan: 'accident', status: 'paid', incidentDate: '2026-01-02', submittedAt: '2026-01-05T09:00:00+08:00',
    amountClaimedFen: 100000, amountApprovedFen: 80000, amountPaidFen: 80000, paidAt: '2026-02-01T09:00:00+08:00', rejectReason: null,
    timeline: [
      { status: 'paid', at: '2026-02-01T09:00:00+08:00', note: null },
      { status: 'submitted', at: '2026-01-05T09:00:00+08:00', note: null },
      { status: 'approved', at: '2026-01-20T09:00:00+08:00', note: '材料齐全' },
    ],
  };
  it('orders timelines oldest first and claims newest first', () => {
    expect(timelineOldestFirst(claim).map((t) => t.status)).toEqual(['submitted', 'approved', 'paid']);
    expect(newestFirst([{ submittedAt: '2026-01-01T00:00:00Z' }, { submittedAt: '2026-03-01T00:00:00Z' }])[0].submittedAt).toBe('2026-03-01T00:00:00Z');
  });
  it('shows this year’s coverage by the Shanghai calendar', () => {
    const items = [2025, 2026].map((year) => ({ plan: 'basic' as const, planName: '在职职工互助保障', year, startsOn: `${year}-01-01`, endsOn: `${year}-12-31` }));
    // 2025-12-31T16:30Z is already 1 January 2026 in Zhengzhou
    expect(coverageThisYear(items, at('2025-12-31T16:30:00Z')).map((c) => c.year)).toEqual([2026]);
  });
  it('keeps the colours calm', () => {
    expect([claimTone('under_review'), claimTone('needs_info'), claimTone('paid'), claimTone('rejected')]).toEqual(['progress', 'attention', 'done', 'closed']);
  });
});

describe('activity form', () => {
  it('converts Zhengzhou date and time to the contract and back', () => {
    expect(joinShanghai('2026-12-01', '09:30')).toBe('2026-12-01T09:30:00+08:00');
    expect(splitShanghai('2026-12-01T01:30:00Z')).toEqual({ date: '2026-12-01', time: '09:30' });
  });

  it('explains every wrong field in Chinese', () => {
    const out = validateForm({ ...emptyForm(OPEN), capacity: 'abc', endsDate: '2026-12-01', endsTime: '08:00' });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.errors).toMatchObject({ orgId: '请选择所属工会', title: '请填写活动名称', 'location.name': '请填写活动地点', capacity: '请填写名额（整数）' });
    expect(out.errors.endsAt).toMatch(/晚于开始时间/);
  });

  it('accepts a complete form and sends only changes when editing', () => {
    const out = validateForm({ ...emptyForm(OPEN, '3'), title: '健康讲座', locationName: '文体中心' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    expect(out.input.startsAt).toMatch(/\+08:00$/);
    const before = activity();
    const edited = validateForm({ ...formFromActivity(before), capacity: '40', cancelDate: '2026-12-09', cancelTime: '12:00' });
    if (!edited.ok) throw new Error(JSON.stringify(edited.errors));
    expect(diffPatch(before, edited.input)).toEqual({ capacity: 40, cancelDeadline: '2026-12-09T12:00:00+08:00' });
  });

  it('offers a cadre their union and the unions below it', () => {
    const orgs = [
      { id: '1', name: '市总工会', parentId: null },
      { id: '2', name: '金水区总工会', parentId: '1' },
      { id: '3', name: '圆方集团工会', parentId: '2' },
      { id: '4', name: '二七区总工会', parentId: '1' },
    ];
    expect(manageableOrgs(orgs, [{ role: 'cadre', orgId: '2' }]).map((o) => o.id)).toEqual(['2', '3']);
    expect(manageableOrgs(orgs, [{ role: 'admin', orgId: null }])).toHaveLength(4);
  });

  it('maps server validation details to fields', () => {
    expect(fieldErrors([{ path: 'location.name', message: 'a' }, { path: 'title', message: 'b' }, { path: 'title', message: 'c' }])).toEqual({ 'location.name': 'a', title: 'b' });
  });
});

describe('check-in verdicts', () => {
  const r = { id: '1', status: 'checked_in' as const, memberName: '张伟', memberNoMasked: '******0001', checkedInAt: '2026-12-01T01:05:00Z', checkedInBy: '刘洋' };
  it('green for a first scan, amber with when and by whom for a repeat', () => {
    expect(verdictFromResponse({ result: 'checked_in', registration: r })).toMatchObject({ tone: 'ok', title: '签到成功', memberName: '张伟' });
    expect(verdictFromResponse({ result: 'already_checked_in', registration: r })).toMatchObject({ tone: 'warn', title: '已签到', detail: '首次签到：2026年12月1日 09:05，由 刘洋 扫码' });
  });
  it('red with the contract’s words for refusals', () => {
    expect(verdictFromError({ code: 'TICKET_INVALID', message: '票据无效' })).toMatchObject({ tone: 'bad', title: '票据无效' });
    expect(verdictFromError({ code: 'WRONG_ACTIVITY', message: '非本场活动的签到码' }).title).toBe('非本场活动');
    expect(verdictFromError({ code: 'NOT_CONFIRMED', message: '' }).title).toBe('候补未确认');
    expect(verdictFromError({ code: 'REGISTRATION_CANCELLED', message: '' }).title).toBe('已取消');
    expect(verdictFromJudgement({ result: 'rejected', code: 'WRONG_ACTIVITY' })).toMatchObject({ tone: 'bad', offline: true });
  });
});

describe('roster', () => {
  it('filters by check-in state and names the export', () => {
    const e = (status: 'confirmed' | 'checked_in' | 'waitlisted' | 'cancelled') => ({ registrationId: status, memberName: '', memberNoMasked: '', orgName: '', status, createdAt: '', checkedInAt: null, checkedInBy: null });
    const items = [e('confirmed'), e('checked_in'), e('waitlisted'), e('cancelled')];
    expect(filterRoster(items, 'not_yet').map((i) => i.status)).toEqual(['confirmed']);
    expect(rosterFileName('职工/健康 讲座', at('2026-11-30T17:00:00Z'))).toBe('签到名单-职工健康讲座-20261201.csv');
  });
});

describe('QR drawing', () => {
  it('covers exactly the dark modules, with far fewer nodes than modules', () => {
    const text = 'T1.1.8.z-ECO5iUBZkpI6YDawezqf6wizxr2P6jTIcocDymBLE-biEYShYdCvfO3Hf9hyGMtaQ6guKq6E5Iq2KksrZFBw';
    const m = qrMatrix(text);
    const drawn = m.map((row) => row.map(() => 0));
    const rects = qrRects(m);
    for (const r of rects) for (let y = r.y; y < r.y + r.h; y++) for (let x = r.x; x < r.x + r.w; x++) drawn[y][x]++;
    expect(drawn.map((row) => row.map((n) => n === 1))).toEqual(m);
    const dark = m.flat().filter(Boolean).length;
    expect(rects.length).toBeLessThan(dark / 2);
  });
});
