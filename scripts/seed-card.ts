// Demo data for the member card (issue #15), called once from seed-demo.ts: the demo's members
// joined on different days over the past twenty years (a roster import records no joining date,
// and the card would otherwise show the day the demo was seeded).
import type { Queryable } from '../functions/_lib/db/index.js';

export async function seedCard(tx: Queryable): Promise<void> {
  // Deterministic per member: a day between 2006 and 2025 from the member's id.
  await tx.query(`update members set joined_on = date '2006-01-04' + ((id * 2731) % 7300)::int where joined_on is null`);
}
