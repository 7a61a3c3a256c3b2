import type { Db } from '../../db/index.js';
import type { WeChatApi } from '../../wechat/client.js';
import { AppError } from '../../errors.js';
import { log } from '../../log.js';
import { canManageOrgPath } from '../load-actor.js';
import { loadJoinOfficer } from './join-office.js';
import type { TJoinCode } from '../../../../shared/schemas.js';

/** The join page; a mini-program code carries the union as `scene` ("o=<id>", ≤ 32 characters). */
export const JOIN_PAGE = 'pages/join/index';

/**
 * What a union prints at its door (admins, cadres of the union's subtree). `path` opens the join
 * page with the union chosen. With WeChat configured, `qrPng` is WeChat's mini-program code for it
 * (getwxacodeunlimit); without (local, H5), or when WeChat refuses (a page not yet published:
 * 41030), there is none and the office page draws a QR code of the join address on the device.
 */
export async function getJoinCode(options: { db: Db; userId: string; orgId: string; wechat: WeChatApi | null }): Promise<TJoinCode> {
  const actor = await loadJoinOfficer(options);
  const { rows } = await options.db.query<{ name: string; path: string }>('select name, path from orgs where id = $1', [options.orgId]);
  const org = rows[0];
  if (!org) throw new AppError('NOT_FOUND', '工会不存在');
  if (!canManageOrgPath(actor, org.path)) throw new AppError('FORBIDDEN');
  const answer: TJoinCode = { orgId: options.orgId, orgName: org.name, path: `${JOIN_PAGE}?orgId=${options.orgId}` };
  if (!options.wechat) return answer;
  const code = await options.wechat.getUnlimitedQrCode({ scene: `o=${options.orgId}`, page: JOIN_PAGE, checkPath: true, envVersion: 'release' });
  if (!code.ok) {
    log.warn('wechat_join_code_failed', { errcode: code.errcode, orgId: options.orgId });
    return answer;
  }
  return { ...answer, qrPng: code.image.toString('base64') };
}
