// Demo data for joining the union (issue #15), called by scripts/seed-demo.ts inside its
// transaction: the kinds of the demo unions (join routing: 饿了么 and 美团 are industry unions for
// their platforms, the district unions hold their districts), 入会即送 accident cover for riders,
// and 马骁, the cadre of 饿了么郑州蓝骑士工会 who reviews riders' applications (login cadre-eleme).
import type { Queryable } from '../functions/_lib/db/index.js';
import { hashIdNumber, hashPhone } from '../functions/_lib/id-hash.js';
import { maskIdNumber } from '../shared/domain/id-number.js';
import { maskPhone } from '../shared/domain/mask.js';

/** 马骁's roster entry (made up; the check digit is right). */
export const ELEME_CADRE = { name: '马骁', idNumber: '410105198806120037', phone: '13800077521' };

export async function seedJoin(tx: Queryable, options: { idHashKey: string }): Promise<void> {
  await tx.query(`update orgs set kind = 'city' where parent_id is null and name = '郑州市总工会'`);
  await tx.query(`update orgs set kind = 'district', district = v.district from (values ('金水区总工会', '金水区'), ('二七区总工会', '二七区')) as v(name, district) where orgs.name = v.name`);
  await tx.query(
    `update orgs set kind = 'industry', platform = v.platform, join_plan = 'accident'
       from (values ('饿了么郑州蓝骑士工会', '饿了么'), ('美团郑州骑手工会', '美团')) as v(name, platform) where orgs.name = v.name`,
  );
  await tx.query(`update orgs set kind = 'grassroots' where kind is null and parent_id is not null and not exists (select 1 from orgs c where c.parent_id = orgs.id)`);
  const { rows } = await tx.query<{ id: string }>(
    `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, phone_hash)
     select o.id, 'ZZ' || lpad(nextval('member_no_seq')::text, 8, '0'), $1, $2, $3, $4, $5 from orgs o where o.name = '饿了么郑州蓝骑士工会'
     returning id::text`,
    [ELEME_CADRE.name, hashIdNumber(ELEME_CADRE.idNumber, options.idHashKey), maskIdNumber(ELEME_CADRE.idNumber), maskPhone(ELEME_CADRE.phone), hashPhone(ELEME_CADRE.phone, options.idHashKey)],
  );
  const user = await tx.query<{ id: string }>(`insert into users (openid, member_id, verification) values ('cadre-eleme', $1, 'phone') returning id::text`, [rows[0].id]);
  await tx.query(`insert into roles (user_id, role, org_id) select $1, 'cadre', o.id from orgs o where o.name = '饿了么郑州蓝骑士工会'`, [user.rows[0].id]);
}
