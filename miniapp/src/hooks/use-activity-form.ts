// Publishing and editing an activity: the form holds what the inputs show (strings, dates and
// times in Asia/Shanghai); the contract's ZActivityInput decides what is valid.
import { checkActivityTimes, type Category } from '../../../shared/domain/activities.js';
import { ZActivityInput, type TActivity, type TActivityInput, type TActivityPatch, type TOrg, type TPriorityGroup, type TRole } from '../services/contract';
import { fieldErrors, type FieldErrors } from '../utils/form';
import { orgsUnder } from '../utils/orgs';

export type ActivityForm = {
  orgId: string;
  title: string;
  category: Category;
  description: string;
  locationName: string;
  locationAddress: string;
  startsDate: string;
  startsTime: string;
  endsDate: string;
  endsTime: string;
  opensDate: string;
  opensTime: string;
  closesDate: string;
  closesTime: string;
  /** Empty: members may cancel until the activity starts. */
  cancelDate: string;
  cancelTime: string;
  capacity: string;
  waitlistEnabled: boolean;
  audience: 'org' | 'all';
  /** 先到先得 or 抽签 (issue #16); fixed once published */
  allocation: 'first_come' | 'lottery';
  priorityGroups: TPriorityGroup[];
  /** percent of the seats drawn first among the priority groups, as typed */
  priorityShare: string;
};

const SHANGHAI_MS = 8 * 3600 * 1000;
const pad = (n: number) => String(n).padStart(2, '0');

/** ISO instant → the date and time a person in Zhengzhou reads. */
export function splitShanghai(iso: string): { date: string; time: string } {
  const d = new Date(new Date(iso).getTime() + SHANGHAI_MS);
  return {
    date: `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
  };
}

/** A date and time in Zhengzhou → the contract's ISO string with its offset; '' if incomplete. */
export function joinShanghai(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return '';
  return `${date}T${time}:00+08:00`;
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function emptyForm(now: Date, orgId = ''): ActivityForm {
  const today = splitShanghai(now.toISOString()).date;
  const day = addDays(today, 7);
  return {
    orgId,
    title: '',
    category: 'lecture',
    description: '',
    locationName: '',
    locationAddress: '',
    startsDate: day,
    startsTime: '09:00',
    endsDate: day,
    endsTime: '11:00',
    opensDate: addDays(today, 1),
    opensTime: '09:00',
    closesDate: addDays(day, -1),
    closesTime: '18:00',
    cancelDate: '',
    cancelTime: '',
    capacity: '50',
    waitlistEnabled: true,
    audience: 'org',
    allocation: 'first_come',
    priorityGroups: [],
    priorityShare: '0',
  };
}

export function formFromActivity(a: TActivity): ActivityForm {
  const s = splitShanghai(a.startsAt);
  const e = splitShanghai(a.endsAt);
  const o = splitShanghai(a.signupOpensAt);
  const c = splitShanghai(a.signupClosesAt);
  const d = a.cancelDeadline ? splitShanghai(a.cancelDeadline) : { date: '', time: '' };
  return {
    orgId: a.orgId,
    title: a.title,
    category: a.category,
    description: a.description,
    locationName: a.location.name,
    locationAddress: a.location.address ?? '',
    startsDate: s.date,
    startsTime: s.time,
    endsDate: e.date,
    endsTime: e.time,
    opensDate: o.date,
    opensTime: o.time,
    closesDate: c.date,
    closesTime: c.time,
    cancelDate: d.date,
    cancelTime: d.time,
    capacity: String(a.capacity),
    waitlistEnabled: a.waitlistEnabled,
    audience: a.audience,
    allocation: a.allocation,
    priorityGroups: a.priorityGroups,
    priorityShare: String(a.priorityShare),
  };
}

/** The form as the contract's input, or the Chinese message for each field that is wrong. */
export function validateForm(f: ActivityForm): { ok: true; input: TActivityInput } | { ok: false; errors: FieldErrors } {
  const capacity = /^\d+$/.test(f.capacity.trim()) ? Number(f.capacity.trim()) : NaN;
  const cancelDeadline = joinShanghai(f.cancelDate, f.cancelTime);
  const lottery = f.allocation === 'lottery';
  const share = /^\d+$/.test(f.priorityShare.trim()) ? Number(f.priorityShare.trim()) : NaN;
  const candidate = {
    orgId: f.orgId,
    title: f.title,
    category: f.category,
    description: f.description,
    location: { name: f.locationName, ...(f.locationAddress.trim() ? { address: f.locationAddress.trim() } : {}) },
    startsAt: joinShanghai(f.startsDate, f.startsTime),
    endsAt: joinShanghai(f.endsDate, f.endsTime),
    signupOpensAt: joinShanghai(f.opensDate, f.opensTime),
    signupClosesAt: joinShanghai(f.closesDate, f.closesTime),
    capacity,
    waitlistEnabled: f.waitlistEnabled,
    audience: f.audience,
    ...(cancelDeadline ? { cancelDeadline } : {}),
    allocation: f.allocation,
    // first come has no priority rules; a lottery without groups draws everyone alike
    priorityGroups: lottery ? f.priorityGroups : [],
    priorityShare: lottery && f.priorityGroups.length > 0 ? share : 0,
  };
  const parsed = ZActivityInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  const errors = fieldErrors(parsed.error.issues);
  // Zod runs the time-order rule only once every field is valid; check it now too, so the
  // person sees all problems in one go rather than one round at a time.
  if (candidate.startsAt && candidate.endsAt && candidate.signupOpensAt && candidate.signupClosesAt) {
    for (const p of checkActivityTimes({ ...candidate, cancelDeadline: cancelDeadline || undefined })) errors[p.path] ??= p.message;
  }
  // Clearer words than a generic type message for the fields people actually get wrong.
  if (errors.orgId) errors.orgId = '请选择所属工会';
  if (errors.capacity && Number.isNaN(capacity)) errors.capacity = '请填写名额（整数）';
  if (errors.priorityShare && Number.isNaN(candidate.priorityShare)) errors.priorityShare = '请填写优先比例（0至100的整数）';
  for (const k of ['startsAt', 'endsAt', 'signupOpensAt', 'signupClosesAt'] as const) {
    if (errors[k] && !candidate[k]) errors[k] = '请选择日期和时间';
  }
  return { ok: false, errors };
}

/** Only what changed, as PATCH wants it; a removed cancel deadline is sent as null. */
export function diffPatch(before: TActivity, after: TActivityInput): TActivityPatch {
  const patch: Record<string, unknown> = {};
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  const sameTime = (a: string | null | undefined, b: string | null | undefined) => (a && b ? new Date(a).getTime() === new Date(b).getTime() : !a && !b);
  const plain = ['title', 'category', 'description', 'capacity', 'waitlistEnabled', 'audience'] as const;
  for (const k of plain) if (!same(before[k], after[k])) patch[k] = after[k];
  const beforeLoc = { name: before.location.name, ...(before.location.address ? { address: before.location.address } : {}) };
  const afterLoc = { name: after.location.name, ...(after.location.address ? { address: after.location.address } : {}) };
  if (!same(beforeLoc, afterLoc)) patch.location = { ...before.location, ...after.location, address: after.location.address };
  const times = ['startsAt', 'endsAt', 'signupOpensAt', 'signupClosesAt'] as const;
  for (const k of times) if (!sameTime(before[k], after[k])) patch[k] = after[k];
  if (!sameTime(before.cancelDeadline, after.cancelDeadline)) patch.cancelDeadline = after.cancelDeadline ?? null;
  return patch as TActivityPatch;
}

/** Unions this person may publish for: an admin all of them; a cadre their union and the ones below it. */
export function manageableOrgs(orgs: TOrg[], roles: TRole[]): TOrg[] {
  if (roles.some((r) => r.role === 'admin')) return orgs;
  return orgsUnder(orgs, roles.filter((r) => r.role === 'cadre' && r.orgId).map((r) => r.orgId as string));
}
