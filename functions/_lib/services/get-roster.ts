import type { Queryable } from '../db/index.js';
import { writeCsv, attachmentDisposition } from '../csv-write.js';
import { maskMemberNo } from '../../../shared/domain/mask.js';
import { toShanghaiIso } from '../../../shared/domain/time.js';
import { REGISTRATION_STATUS_LABELS } from '../../../shared/domain/activities.js';
import type { TRoster, TRosterEntry } from '../../../shared/schemas.js';
import { requireCheckInManager } from './check-in.js';
import { writeAudit } from './write-audit.js';

type RosterRow = { id: string; member_name: string; member_no: string; org_name: string; status: TRosterEntry['status']; created_at: Date; checked_in_at: Date | null; checked_in_by: string | null };

/**
 * Everyone who signed up for an activity, in arrival order, with live counts: what a cadre watches
 * at the door and exports afterwards. Names and masked member numbers only: no ID numbers, no phones.
 * An export (format csv) leaves an audit record: personal data left the system.
 */
export async function getRoster(options: { db: Queryable; userId: string; activityId: string; format: 'json' | 'csv' }): Promise<TRoster & { title: string }> {
  const { db, activityId } = options;
  const { title } = await requireCheckInManager(options);
  const { rows } = await db.query<RosterRow>(
    `select r.id::text, m.name as member_name, m.member_no, o.name as org_name, r.status, r.created_at, r.checked_in_at,
            case when r.checked_in_by is null then null else coalesce(sm.name, '管理员') end as checked_in_by
       from registrations r
       join members m on m.id = r.member_id
       join orgs o on o.id = m.org_id
       left join users su on su.id = r.checked_in_by
       left join members sm on sm.id = su.member_id
      where r.activity_id = $1
      order by r.seq`,
    [activityId],
  );
  if (options.format === 'csv') {
    await writeAudit({ db, actorUserId: options.userId, action: 'roster.export', subjectType: 'activity', subjectId: activityId, detail: { rows: rows.length } });
  }
  const items: TRosterEntry[] = rows.map((r) => ({
    registrationId: r.id,
    memberName: r.member_name,
    memberNoMasked: maskMemberNo(r.member_no),
    orgName: r.org_name,
    status: r.status,
    createdAt: toShanghaiIso(r.created_at),
    checkedInAt: r.checked_in_at ? toShanghaiIso(r.checked_in_at) : null,
    checkedInBy: r.checked_in_by,
  }));
  const n = (status: TRosterEntry['status']) => items.filter((i) => i.status === status).length;
  const counts = { registered: n('confirmed') + n('checked_in'), checkedIn: n('checked_in'), notYet: n('confirmed'), waitlisted: n('waitlisted'), cancelled: n('cancelled') };
  return { items, counts, title };
}

const CSV_HEADER = ['姓名', '会员编号', '所属工会', '状态', '报名时间', '签到时间', '签到人'];

/** "2026-12-01 09:00:05" in Asia/Shanghai: a form Excel reads as a date and time. */
function csvTime(iso: string | null): string {
  return iso ? toShanghaiIso(iso).slice(0, 19).replace('T', ' ') : '';
}

/** The roster as the CSV file a cadre opens in Excel, and the download's Content-Disposition. */
export function rosterCsv(roster: TRoster, activity: { id: string; title: string }): { body: string; disposition: string } {
  const body = writeCsv(
    CSV_HEADER,
    roster.items.map((i) => [i.memberName, i.memberNoMasked, i.orgName, REGISTRATION_STATUS_LABELS[i.status], csvTime(i.createdAt), csvTime(i.checkedInAt), i.checkedInBy]),
  );
  const day = toShanghaiIso(new Date()).slice(0, 10);
  return { body, disposition: attachmentDisposition(`签到名单-${activity.title}-${day}.csv`, `roster-${activity.id}-${day}.csv`) };
}
