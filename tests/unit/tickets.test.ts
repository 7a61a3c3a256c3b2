// Tickets carry who they are for (T2) so an offline door can name a late registrant; T1 tickets
// already on members' phones keep working.
import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { parseTicket, signTicket, ticketHolder, ticketPublicKeyFromSecret, verifyTicket } from '../../shared/domain/tickets.js';
import { issueTicket, readTicket } from '../../functions/_lib/tickets.js';
import { maskMemberNo } from '../../shared/domain/mask.js';

const secret = new Uint8Array(randomBytes(32));
const publicKey = ticketPublicKeyFromSecret(secret);
const config = { ticketSecretKey: secret, ticketPublicKey: publicKey };
const MAX_IDS = { registrationId: '9223372036854775807', activityId: '9223372036854775807' };

describe('the holder a ticket carries', () => {
  it('masks the name, keeping the first and last character and at most three stars', () => {
    expect(ticketHolder('张伟', '****1234').name).toBe('张*');
    expect(ticketHolder('李秀英', '****1234').name).toBe('李*英');
    expect(ticketHolder('欧阳娜娜', '****1234').name).toBe('欧**娜');
    expect(ticketHolder('买买提·艾力·阿不都热合曼', '****1234').name).toBe('买***曼');
    expect(ticketHolder('王', '1234').name).toBe('王');
  });

  it('signs the holder: a T2 ticket verifies with the public key alone and names its holder', () => {
    const holder = ticketHolder('李秀英', maskMemberNo('410100007788'));
    const t = signTicket({ registrationId: '21', activityId: '8', holder }, secret);
    expect(t.startsWith('T2.')).toBe(true);
    expect(verifyTicket(t, publicKey)).toEqual({ registrationId: '21', activityId: '8', holder: { name: '李*英', memberNo: '******7788' } });
  });

  it('stays under 200 characters for the largest ids and the longest names, with astral characters too', () => {
    for (const name of ['买买提·艾力·阿不都热合曼', '𠮷𠮷𠮷𠮷𠮷𠮷', '王']) {
      const t = signTicket({ ...MAX_IDS, holder: ticketHolder(name, maskMemberNo('M12345678901234567890')) }, secret);
      expect(t.length).toBeLessThanOrEqual(200);
      expect(verifyTicket(t, publicKey)?.registrationId).toBe(MAX_IDS.registrationId);
    }
  });

  it('refuses a T2 ticket whose holder was changed, even to another valid holder', () => {
    const t = signTicket({ registrationId: '21', activityId: '8', holder: ticketHolder('李秀英', '******7788') }, secret);
    const other = signTicket({ registrationId: '21', activityId: '8', holder: ticketHolder('张伟', '******1111') }, secret);
    const parts = t.split('.');
    parts[3] = other.split('.')[3];
    expect(verifyTicket(parts.join('.'), publicKey)).toBeNull();
    expect(readTicket(config, parts.join('.'))).toBeNull();
  });

  it('refuses holders that are not canonical UTF-8 or not name~number', () => {
    const sig = signTicket({ registrationId: '21', activityId: '8' }, secret).split('.')[3];
    const b64 = (bytes: number[]) => Buffer.from(bytes).toString('base64url');
    const utf8 = (s: string) => [...Buffer.from(s, 'utf8')];
    for (const holder of [
      b64([0xc0, 0xaf, 0x7e, 0x31]), // overlong "/"
      b64([0xed, 0xa0, 0x80, 0x7e, 0x31]), // a surrogate
      b64(utf8('张*')), // no separator
      b64(utf8('张*~1~2')),
      b64(utf8('~1234')),
      b64(utf8('张*伟伟伟伟~1234')), // longer than a masked name can be
      'A'.repeat(80),
    ])
      expect(parseTicket(`T2.l.8.${holder}.${sig}`), holder).toBeNull();
  });

  it('keeps accepting T1 tickets, and a T1 layout cannot be read as T2 or the other way round', () => {
    const t1 = signTicket({ registrationId: '21', activityId: '8' }, secret);
    expect(t1.startsWith('T1.')).toBe(true);
    expect(verifyTicket(t1, publicKey)).toEqual({ registrationId: '21', activityId: '8' });
    expect(readTicket(config, t1)).toEqual({ registrationId: '21', activityId: '8' });
    expect(verifyTicket(t1.replace(/^T1/, 'T2'), publicKey)).toBeNull();
    const t2 = signTicket({ registrationId: '21', activityId: '8', holder: ticketHolder('张伟', '1234') }, secret);
    expect(verifyTicket(t2.replace(/^T2/, 'T1'), publicKey)).toBeNull();
  });

  it('gives the same text from the server’s native signer as from the shared one', () => {
    const claims = { registrationId: '123456', activityId: '789', holder: ticketHolder('李秀英', '******7788') };
    expect(issueTicket(config, claims)).toBe(signTicket(claims, secret));
    expect(readTicket(config, issueTicket(config, claims))).toEqual(claims);
  });
});
