// The lottery on the phone (issue #16): what the activity page says before and after the draw,
// and what the cadre's form sends.
import { describe, expect, it } from 'vitest';
import { canCancel, lotteryWaitText, signUpButton, withRegistration } from '../../miniapp/src/hooks/use-sign-up';
import { seatsText } from '../../miniapp/src/hooks/use-activities';
import { emptyForm, formFromActivity, validateForm } from '../../miniapp/src/hooks/use-activity-form';
import type { TActivityWithMine, TRegistration } from '../../shared/schemas';

const lottery = (over: Partial<TActivityWithMine> = {}): TActivityWithMine => ({
  id: '8', orgId: '3', orgName: '郑州市总工会', title: '劳模疗休养', category: 'recuperation', description: '', location: { name: '疗休养基地' },
  startsAt: '2026-12-10T09:00:00+08:00', endsAt: '2026-12-12T11:00:00+08:00', signupOpensAt: '2026-12-01T09:00:00+08:00', signupClosesAt: '2026-12-05T18:00:00+08:00',
  capacity: 5, waitlistEnabled: true, audience: 'all', status: 'published', confirmedCount: 0, waitlistCount: 0, checkedInCount: 0, seatsLeft: 5, cancelReason: null,
  allocation: 'lottery', priorityGroups: ['hardship'], priorityShare: 40, drawSeedHash: 'ab'.repeat(32), drawnAt: null, applicantCount: 12, myRegistration: null,
  ...over,
});
const reg = (over: Partial<TRegistration> = {}): TRegistration => ({ id: '21', activityId: '8', status: 'applied', waitlistPosition: null, createdAt: '2026-12-02T10:00:00+08:00', checkedInAt: null, ticket: null, ...over });
const during = new Date('2026-12-03T10:00:00+08:00');
const after = new Date('2026-12-06T10:00:00+08:00');

describe('a lottery on the activity page', () => {
  it('offers 报名抽签 while open, even when more applied than there are seats (no rush, no 名额已满)', () => {
    const b = signUpButton(lottery({ applicantCount: 500, seatsLeft: 5 }), during);
    expect(b).toMatchObject({ label: '报名抽签', action: 'sign_up', disabled: false });
  });

  it('tells an applicant 已报名，等待抽签 with the draw time, and lets her withdraw until the draw', () => {
    const a = lottery({ myRegistration: reg() });
    expect(lotteryWaitText(a)).toBe('已报名，等待抽签，2026年12月5日 18:00 开奖');
    expect(signUpButton(a, during)).toMatchObject({ label: '待抽签', disabled: true, hint: '已报名，等待抽签，2026年12月5日 18:00 开奖' });
    expect(canCancel(a, during)).toBe(true);
    expect(canCancel(lottery({ myRegistration: reg(), drawnAt: '2026-12-05T18:01:00+08:00' }), after)).toBe(false);
  });

  it('says 未中签 after a lost draw without a waitlist, and 候补中 with the place when waitlisted', () => {
    expect(signUpButton(lottery({ drawnAt: '2026-12-05T18:01:00+08:00', myRegistration: reg({ status: 'not_selected' }) }), after)).toMatchObject({ label: '未中签', disabled: true });
    expect(signUpButton(lottery({ myRegistration: reg({ status: 'waitlisted', waitlistPosition: 4 }) }), after).hint).toContain('候补第 4 位');
  });

  it('shows on the list card how many applied for how many places, not a race for the last seats', () => {
    expect(seatsText(lottery({ seatsLeft: 5, applicantCount: 812 }))).toBe('抽签 · 5 个名额 · 已报名 812 人');
    expect(seatsText(lottery({ applicantCount: 812, drawnAt: '2026-12-05T18:01:00+08:00' }))).toBe('抽签 · 5 个名额 · 已报名 812 人 · 已开奖');
  });

  it('counts the applicant in at once, and out when she withdraws', () => {
    const applied = withRegistration(lottery(), reg());
    expect(applied.applicantCount).toBe(13);
    expect(withRegistration(applied, reg({ status: 'cancelled' })).applicantCount).toBe(12);
  });
});

describe("the cadre's form", () => {
  const filled = (over: Record<string, unknown> = {}) => ({ ...emptyForm(new Date('2026-11-30T10:00:00+08:00'), '3'), title: '劳模疗休养', locationName: '基地', ...over });

  it('publishes first come by default, with no priority rules even if some were ticked', () => {
    const v = validateForm({ ...filled(), priorityGroups: ['hardship'], priorityShare: '30' });
    expect(v.ok && v.input).toMatchObject({ allocation: 'first_come', priorityGroups: [], priorityShare: 0 });
  });

  it('publishes a lottery with its priority groups and share', () => {
    const v = validateForm({ ...filled(), allocation: 'lottery', priorityGroups: ['hardship', 'model_worker'], priorityShare: '30' });
    expect(v.ok && v.input).toMatchObject({ allocation: 'lottery', priorityGroups: ['hardship', 'model_worker'], priorityShare: 30 });
  });

  it('refuses a share above 100 with a Chinese message under the field', () => {
    const v = validateForm({ ...filled(), allocation: 'lottery', priorityGroups: ['gig_worker'], priorityShare: '150' });
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.errors.priorityShare).toMatch(/100/);
  });

  it('reads a published lottery back into the form', () => {
    expect(formFromActivity(lottery())).toMatchObject({ allocation: 'lottery', priorityGroups: ['hardship'], priorityShare: '40' });
  });
});
