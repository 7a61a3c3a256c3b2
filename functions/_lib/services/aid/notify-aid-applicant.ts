import type { Queryable } from '../../db/index.js';
import { enqueueNotifications } from '../enqueue-notifications.js';
import { AID_STATUS_LABELS, type AidStatus } from '../../../../shared/domain/aid.js';

/** Tells applicants what was decided (the programme and the new status; never a reason, a child or a document). */
export async function notifyAidApplicants(db: Queryable, items: { applicationId: string; memberId: string; programTitle: string; status: AidStatus }[]): Promise<void> {
  await enqueueNotifications({
    db,
    items: items.map((i) => ({
      memberId: i.memberId,
      template: 'aid_status_changed' as const,
      data: { programTitle: i.programTitle, statusLabel: AID_STATUS_LABELS[i.status] },
      page: `pages/aid/index?id=${i.applicationId}`,
    })),
  });
}
