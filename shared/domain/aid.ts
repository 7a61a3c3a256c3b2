// Aid applications (金秋助学, 困难职工帮扶): the statuses, their labels and the legal moves
// (api.md "Aid applications"). The database holds the same moves as data (aid_status_moves,
// migration 017) and refuses any other; this copy is for the screens only (which buttons to show).
export const AID_KINDS = ['student_aid', 'hardship'] as const;
export type AidKind = (typeof AID_KINDS)[number];

export const AID_KIND_LABELS: Record<AidKind, string> = {
  student_aid: '金秋助学',
  hardship: '困难职工帮扶',
};

export const AID_STATUSES = ['submitted', 'grassroots_approved', 'approved', 'returned', 'rejected', 'publicized', 'paid'] as const;
export type AidStatus = (typeof AID_STATUSES)[number];

export const AID_STATUS_LABELS: Record<AidStatus, string> = {
  submitted: '待基层工会审核',
  grassroots_approved: '待市总工会审核',
  approved: '审核通过',
  returned: '退回修改',
  rejected: '未通过',
  publicized: '公示中',
  paid: '已发放',
};

/** A timeline event says what happened (a status says what is awaited). */
export const AID_EVENT_LABELS: Record<AidStatus, string> = {
  submitted: '已提交',
  grassroots_approved: '基层工会初审通过',
  approved: '市总工会复审通过',
  returned: '退回修改',
  rejected: '未通过',
  publicized: '公示',
  paid: '已发放',
};

/** Which review level an application waits for, if any. */
export function aidReviewLevel(status: AidStatus): 'grassroots' | 'city' | null {
  if (status === 'submitted') return 'grassroots';
  if (status === 'grassroots_approved') return 'city';
  return null;
}

export const AID_REVIEW_LEVEL_LABELS = { grassroots: '基层工会初审', city: '市总工会复审' } as const;

/** "张三" → "张*", "欧阳娜娜" → "欧***": the public notice shows the surname's first character only. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
