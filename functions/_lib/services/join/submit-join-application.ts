import type { Db } from '../../db/index.js';
import type { Config } from '../../config.js';
import type { WeChatApi } from '../../wechat/client.js';
import { AppError, pgErrorCode } from '../../errors.js';
import { hashIdNumber, hashPhone } from '../../id-hash.js';
import { loadActor } from '../load-actor.js';
import { phoneFromCode } from '../bind-member.js';
import { writeAudit } from '../write-audit.js';
import { JOIN_COLUMNS, REVIEW_WORKING_DAYS, toJoinApplication, type JoinRow } from './join-rows.js';
import { maskIdNumber } from '../../../../shared/domain/id-number.js';
import { maskPhone } from '../../../../shared/domain/mask.js';
import type { TJoinApplication, TJoinApplicationRequest } from '../../../../shared/schemas.js';

/**
 * 入会申请. The union it goes to: the one of the join code (`orgId`); else for a gig worker the
 * industry union of the platform; else the district's union; else the city's (the root union),
 * whose office sends it on. An ID number on the roster is ALREADY_MEMBER (bind instead); a second
 * application in progress for the person or the WeChat user is APPLICATION_PENDING (the partial
 * unique indexes decide, also for two taps at once).
 */
export async function submitJoinApplication(options: { db: Db; userId: string; body: TJoinApplicationRequest; config: Config; wechat: WeChatApi | null; now?: Date }): Promise<TJoinApplication> {
  const { db, userId, body, config } = options;
  const now = options.now ?? new Date();
  const actor = await loadActor({ db, userId });
  if (actor.memberId) throw new AppError('ALREADY_MEMBER', '您已是工会会员，无需重复申请入会');
  // The exchange with WeChat comes first: no row is locked while it runs.
  const verifiedPhone = body.phoneCode === undefined ? null : await phoneFromCode({ code: body.phoneCode, config, wechat: options.wechat });
  const phone = verifiedPhone ?? body.phone ?? null;
  const idHash = hashIdNumber(body.idNumber, config.idHashKey);
  try {
    const row = await db.transaction(async (tx) => {
      const onRoster = await tx.query('select 1 from members where id_hash = $1', [idHash]);
      if (onRoster.rows.length) throw new AppError('ALREADY_MEMBER', '您的身份证号已在工会会员名册中，无需申请入会，请直接实名绑定');
      const { rows } = await tx.query<{ id: string }>(
        `with target as (
           select coalesce(
             (select id from orgs where id = $1::bigint),
             case when $1::bigint is null then coalesce(
               (select id from orgs where kind = 'industry' and platform = $2 and $3 = 'gig'),
               (select id from orgs where kind = 'district' and district = $4),
               (select id from orgs where kind = 'city' order by id limit 1),
               (select id from orgs where parent_id is null order by id limit 1)) end) as org_id
         )
         insert into join_applications (user_id, org_id, channel, name, id_hash, id_masked, phone_masked, phone_hash, phone_verified,
                                        employer, platform, district, submitted_at, review_due_at)
         select $5, t.org_id, $3, $6, $7, $8, $9, $10, $11, $12, $2, $4, $13, working_days_after($13, $14)
           from target t where t.org_id is not null
         returning id::text`,
        [
          body.orgId ?? null,
          body.platform ?? null,
          body.channel,
          body.district ?? null,
          userId,
          body.name,
          idHash,
          maskIdNumber(body.idNumber),
          phone === null ? null : maskPhone(phone),
          phone === null ? null : hashPhone(phone, config.idHashKey),
          verifiedPhone !== null,
          body.employer ?? null,
          now.toISOString(),
          REVIEW_WORKING_DAYS,
        ],
      );
      if (!rows[0]) throw new AppError('VALIDATION_FAILED', '入会二维码对应的工会不存在', { details: [{ path: 'orgId', message: '工会不存在' }] });
      await writeAudit({ db: tx, actorUserId: userId, action: 'join.submit', subjectType: 'join_application', subjectId: rows[0].id, detail: { channel: body.channel, phoneVerified: verifiedPhone !== null } });
      const read = await tx.query<JoinRow>(`select ${JOIN_COLUMNS} from join_applications j join orgs o on o.id = j.org_id where j.id = $1`, [rows[0].id]);
      return read.rows[0];
    });
    return toJoinApplication(row);
  } catch (err) {
    // join_applications_one_pending_person / _user: an application in progress already
    if (pgErrorCode(err) === '23505') throw new AppError('APPLICATION_PENDING');
    throw err;
  }
}
