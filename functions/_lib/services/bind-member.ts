import type { Db, Queryable } from '../db/index.js';
import type { Config } from '../config.js';
import type { WeChatApi } from '../wechat/client.js';
import { AppError, pgErrorCode, userGone } from '../errors.js';
import { hashIdNumber, hashPhone, normalizePhone } from '../id-hash.js';
import { getMember } from './get-member.js';
import { writeAudit } from './write-audit.js';

const NO_MATCH = '未找到匹配的会员信息，请核对姓名和身份证号，或联系所在工会';
const DEV_PHONE = /^dev-phone:(1[3-9]\d{9})$/;

function badPhoneCode(message: string): AppError {
  return new AppError('VALIDATION_FAILED', message, { details: [{ path: 'phoneCode', message }] });
}

/**
 * The phone number a getPhoneNumber code stands for: exchanged with WeChat, or with dev login on,
 * `dev-phone:<11 digits>`. Only a mainland number (country code 86) can match a roster phone.
 */
export async function phoneFromCode(options: { code: string; config: Config; wechat: WeChatApi | null }): Promise<string> {
  const { code, config, wechat } = options;
  if (code.startsWith('dev-phone:')) {
    if (!config.devLogin) throw badPhoneCode('手机号授权凭证无效，请重新点击“获取手机号”');
    const m = DEV_PHONE.exec(code);
    if (!m) throw badPhoneCode('开发用手机号须为 dev-phone: 加11位手机号码');
    return m[1];
  }
  if (!wechat) throw badPhoneCode('未配置微信，无法验证手机号');
  const info = await wechat.getPhoneNumber(code);
  const phone = info.countryCode === '86' || info.countryCode === '' ? normalizePhone(info.purePhoneNumber) : null;
  // A number from outside the mainland cannot be on the roster: the same answer as any other mismatch.
  if (!phone) throw new AppError('PHONE_MISMATCH');
  return phone;
}

type Found = {
  id: string;
  name: string;
  phone_hash: string | null;
  holder_id: string | null;
  holder_openid: string | null;
  holder_verification: 'phone' | 'id_only' | null;
  my_member_id: string | null;
  my_verification: 'phone' | 'id_only' | null;
};

/**
 * Real-name binding. Name and ID number must match the roster; with a phoneCode the number WeChat
 * vouches for must also equal the roster phone (else 409 PHONE_MISMATCH, nothing bound), and the
 * binding is 'phone', the only kind roles act for. Without one it is 'id_only'.
 *
 * A roster entry held 'id_only' by another user is taken over by a 'phone' binding: the first
 * binding is released (audited, shown to that user on GET /api/me), and the roles granted to the
 * member move with it. Roles granted before anyone bound (a user row with no openid) move to
 * whoever binds; they act only once that binding is 'phone'.
 */
export async function bindMember(options: { db: Db; userId: string; name: string; idNumber: string; phoneCode?: string; config: Config; wechat: WeChatApi | null }) {
  const { db, userId, config } = options;
  const idHash = hashIdNumber(options.idNumber, config.idHashKey);
  // The exchange with WeChat happens before the transaction: no row is locked while it runs.
  const phone = options.phoneCode === undefined ? null : await phoneFromCode({ code: options.phoneCode, config, wechat: options.wechat });
  const verification = phone === null ? 'id_only' : 'phone';
  try {
    const memberId = await db.transaction(async (tx) => {
      const found = await tx.query<Found>(
        `select m.id::text, m.name, m.phone_hash, h.id::text as holder_id, h.openid as holder_openid, h.verification as holder_verification,
                me.member_id::text as my_member_id, me.verification as my_verification
           from members m
           left join users h on h.member_id = m.id
           left join users me on me.id = $2
          where m.id_hash = $1
          for update of m`,
        [idHash, userId],
      );
      const m = found.rows[0];
      if (!m || m.name !== options.name.trim()) throw new AppError('NOT_FOUND', NO_MATCH);
      if (phone !== null && (m.phone_hash === null || m.phone_hash !== hashPhone(phone, config.idHashKey))) throw new AppError('PHONE_MISMATCH');
      if (m.my_member_id === m.id) {
        // Binding again is harmless; proving the phone now upgrades an 'id_only' binding.
        if (verification === 'phone' && m.my_verification !== 'phone') {
          await tx.query(`update users set verification = 'phone' where id = $1`, [userId]);
          await writeAudit({ db: tx, actorUserId: userId, action: 'member.bind', subjectType: 'member', subjectId: m.id, detail: { verification: 'phone', upgraded: true } });
        }
        return m.id;
      }
      if (m.my_member_id) throw new AppError('ALREADY_BOUND', '您的微信已绑定其他会员信息，如需更换请联系所在工会');
      if (m.holder_id && m.holder_openid) {
        if (!(verification === 'phone' && m.holder_verification !== 'phone')) throw new AppError('ALREADY_BOUND');
        // The member proved the roster phone: whoever bound with name and ID number alone is released.
        await tx.query(`update users set member_id = null, verification = null, binding_released_at = now() where id = $1`, [m.holder_id]);
        await moveRoles(tx, m.holder_id, userId);
        await writeAudit({ db: tx, actorUserId: userId, action: 'member.binding_released', subjectType: 'member', subjectId: m.id, detail: { releasedUserId: m.holder_id, releasedVerification: m.holder_verification ?? 'id_only', byVerification: 'phone' } });
      } else if (m.holder_id) {
        // Roles granted before this member first opened the mini-program move to their real user.
        await moveRoles(tx, m.holder_id, userId);
        await tx.query('delete from users where id = $1', [m.holder_id]);
      }
      const bound = await tx.query('update users set member_id = $2, verification = $3, binding_released_at = null where id = $1', [userId, m.id, verification]);
      // A valid token of a user who is gone (deleted since it was signed): like loadActor, 401.
      if (!bound.rowCount) throw userGone();
      await writeAudit({ db: tx, actorUserId: userId, action: 'member.bind', subjectType: 'member', subjectId: m.id, detail: { verification } });
      return m.id;
    });
    return { member: (await getMember({ db, memberId }))!, verification };
  } catch (err) {
    // Two phones binding the same member at once: the unique index on users.member_id decides.
    if (pgErrorCode(err) === '23505') throw new AppError('ALREADY_BOUND');
    throw err;
  }
}

/** The roles granted to the member follow the member; a bootstrap admin role stays with its openid. */
async function moveRoles(tx: Queryable, fromUserId: string, toUserId: string) {
  await tx.query(
    `update roles set user_id = $1
      where user_id = $2 and not bootstrap
        and not exists (select 1 from roles r2 where r2.user_id = $1 and r2.role = roles.role and coalesce(r2.org_id, 0) = coalesce(roles.org_id, 0))`,
    [toUserId, fromUserId],
  );
}
