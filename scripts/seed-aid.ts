// Demo data for aid (issue #17): a 2026 金秋助学 open now, and a 困难职工帮扶 for members the roster
// marks as in hardship (so that the self-check has a "not eligible" answer to show). Called from
// seedDemo's transaction.
import type { Queryable } from '../functions/_lib/db/index.js';

const DAY = 86_400_000;

export async function seedAid(tx: Queryable, o: { createdBy: string }): Promise<void> {
  const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();
  const programmes = [
    {
      kind: 'student_aid',
      title: '2026年金秋助学',
      opensAt: at(-7),
      closesAt: at(30),
      eligibility: '本市工会会员（含新就业形态劳动者）的子女，2026年考入全日制普通高校或高中，家庭生活困难',
      amounts: [
        { level: '本科', amountFen: 500_000 },
        { level: '专科', amountFen: 300_000 },
        { level: '高中', amountFen: 200_000 },
      ],
      documents: [
        { key: 'admission_letter', label: '录取通知书' },
        { key: 'hardship_proof', label: '家庭困难证明' },
      ],
      groups: [] as string[],
    },
    {
      kind: 'hardship',
      title: '2026年困难职工生活救助',
      opensAt: at(-3),
      closesAt: at(60),
      eligibility: '工会建档的困难职工（会员名册登记为困难职工）',
      amounts: [
        { level: '一档', amountFen: 300_000 },
        { level: '二档', amountFen: 150_000 },
      ],
      documents: [{ key: 'hardship_proof', label: '困难职工证明' }],
      groups: ['hardship'],
    },
  ];
  for (const p of programmes) {
    await tx.query(
      `insert into aid_programs (kind, title, opens_at, closes_at, eligibility, amounts, required_documents, publicity_days, required_groups, review_days, created_by)
       values ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, 5, $8::text[], 5, $9)`,
      [p.kind, p.title, p.opensAt, p.closesAt, p.eligibility, JSON.stringify(p.amounts), JSON.stringify(p.documents), p.groups, o.createdBy],
    );
  }
}
