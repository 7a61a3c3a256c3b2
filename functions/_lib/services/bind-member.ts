import type { Db } from '../db/index.js';
import { AppError, pgErrorCode, userGone } from '../errors.js';
import { hashIdNumber } from '../id-hash.js';
import { getMember } from './get-member.js';
import { writeAudit } from './write-audit.js';

const NO_MATCH = '未找到匹配的会员信息，请核对姓名和身份证号，或联系所在工会';

/** Real-name binding: the openid becomes a member only by matching name and ID number on the roster. */
export async function bindMember(options: { db: Db; userId: string; name: string; idNumber: string; idHashKey: string }) {
  const { db, userId } = options;
  const idHash = hashIdNumber(options.idNumber, options.idHashKey);
  try {
    const memberId = await db.transaction(async (tx) => {
      const found = await tx.query<{ id: string; name: string; holder_id: string | null; holder_openid: string | null; my_member_id: string | null }>(
        `select m.id::text, m.name, h.id::text as holder_id, h.openid as holder_openid,
                (select member_id::text from users where id = $2) as my_member_id
           from members m left join users h on h.member_id = m.id
          where m.id_hash = $1
          for update of m`,
        [idHash, userId],
      );
      const m = found.rows[0];
      if (!m || m.name !== options.name.trim()) throw new AppError('NOT_FOUND', NO_MATCH);
      if (m.my_member_id === m.id) return m.id; // binding again is harmless
      if (m.my_member_id) throw new AppError('ALREADY_BOUND', '您的微信已绑定其他会员信息，如需更换请联系所在工会');
      if (m.holder_id && m.holder_openid) throw new AppError('ALREADY_BOUND');
      if (m.holder_id) {
        // Roles granted before this member first opened the mini-program move to their real user.
        await tx.query(`update roles set user_id = $1 where user_id = $2 and not exists (select 1 from roles r2 where r2.user_id = $1 and r2.role = roles.role and coalesce(r2.org_id, 0) = coalesce(roles.org_id, 0))`, [userId, m.holder_id]);
        await tx.query('delete from users where id = $1', [m.holder_id]);
      }
      const bound = await tx.query('update users set member_id = $2 where id = $1', [userId, m.id]);
      // A valid token of a user who is gone (deleted since it was signed): like loadActor, 401.
      if (!bound.rowCount) throw userGone();
      await writeAudit({ db: tx, actorUserId: userId, action: 'member.bind', subjectType: 'member', subjectId: m.id });
      return m.id;
    });
    return { member: (await getMember({ db, memberId }))! };
  } catch (err) {
    // Two phones binding the same member at once: the unique index on users.member_id decides.
    if (pgErrorCode(err) === '23505') throw new AppError('ALREADY_BOUND');
    throw err;
  }
}
