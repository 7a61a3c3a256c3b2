// A local stand-in for api.weixin.qq.com speaking WeChat's documented JSON:
// GET /sns/jscode2session, GET /cgi-bin/token, POST /cgi-bin/message/subscribe/send,
// POST /wxa/business/getuserphonenumber, POST /wxa/getwxacodeunlimit (image bytes, or JSON errcode).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeWeChat = {
  base: string;
  /** code → openid; codes not listed answer errcode 40029 (invalid code) */
  codes: Map<string, string>;
  /** codes that answer 45011 (rate limited) */
  rateLimitedCodes: Set<string>;
  /** openids whose subscription sends answer 43101 (user refused / no subscription left) */
  refusing: Set<string>;
  /** getPhoneNumber button code → the phone WeChat verified (11 digits, country code 86); one use each */
  phoneCodes: Map<string, string>;
  /** milliseconds each subscription send takes (a slow WeChat, for races); 0 by default */
  sendDelayMs: number;
  /** how many subscription sends WeChat accepted per touser (a message sent twice counts twice) */
  sendCounts: Map<string, number>;
  sent: { touser: string; template_id: string; page?: string; data: Record<string, { value: string }> }[];
  /** getwxacodeunlimit requests as WeChat received them; pages that answer 41030 (not published) */
  qrRequests: { scene: string; page: string; check_path?: boolean; env_version?: string }[];
  unpublishedPages: Set<string>;
  requests: string[];
  close(): Promise<void>;
};

export async function startFakeWeChat(options: { appid: string; secret: string }): Promise<FakeWeChat> {
  const codes = new Map<string, string>();
  const rateLimitedCodes = new Set<string>();
  const refusing = new Set<string>();
  const sent: FakeWeChat['sent'] = [];
  const requests: string[] = [];
  const used = new Set<string>();
  const phoneCodes = new Map<string, string>();
  const usedPhoneCodes = new Set<string>();
  const sendCounts = new Map<string, number>();
  const qrRequests: FakeWeChat['qrRequests'] = [];
  const unpublishedPages = new Set<string>();
  const readJson = (req: import('node:http').IncomingMessage, then: (body: any) => void, res: import('node:http').ServerResponse) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        return json(res, { errcode: 47001, errmsg: 'data format error' });
      }
      then(body);
    });
  };
  const json = (res: import('node:http').ServerResponse, body: unknown) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://wx');
    requests.push(url.pathname);
    if (url.pathname === '/sns/jscode2session') {
      const p = url.searchParams;
      if (p.get('appid') !== options.appid || p.get('secret') !== options.secret) return json(res, { errcode: 40125, errmsg: 'invalid appsecret' });
      if (p.get('grant_type') !== 'authorization_code') return json(res, { errcode: 40002, errmsg: 'invalid grant_type' });
      const code = p.get('js_code') ?? '';
      if (rateLimitedCodes.has(code)) return json(res, { errcode: 45011, errmsg: 'api minute-quota reach limit' });
      const openid = codes.get(code);
      // A code is good for one exchange, as WeChat's are.
      if (!openid || used.has(code)) return json(res, { errcode: 40029, errmsg: 'invalid code' });
      used.add(code);
      return json(res, { openid, session_key: 'c2Vzc2lvbmtleQ==' });
    }
    if (url.pathname === '/cgi-bin/token') {
      if (url.searchParams.get('appid') !== options.appid || url.searchParams.get('secret') !== options.secret) return json(res, { errcode: 40013, errmsg: 'invalid appid' });
      return json(res, { access_token: 'fake-access-token', expires_in: 7200 });
    }
    if (url.pathname === '/wxa/business/getuserphonenumber' && req.method === 'POST') {
      if (url.searchParams.get('access_token') !== 'fake-access-token') return json(res, { errcode: 40001, errmsg: 'invalid credential' });
      return readJson(req, (body) => {
        const code = typeof body?.code === 'string' ? body.code : '';
        const phone = phoneCodes.get(code);
        // Each code is good for one exchange, as WeChat's are.
        if (!phone || usedPhoneCodes.has(code)) return json(res, { errcode: 40029, errmsg: 'invalid code' });
        usedPhoneCodes.add(code);
        json(res, { errcode: 0, errmsg: 'ok', phone_info: { phoneNumber: phone, purePhoneNumber: phone, countryCode: '86', watermark: { timestamp: Math.floor(Date.now() / 1000), appid: options.appid } } });
      }, res);
    }
    if (url.pathname === '/wxa/getwxacodeunlimit' && req.method === 'POST') {
      if (url.searchParams.get('access_token') !== 'fake-access-token') return json(res, { errcode: 40001, errmsg: 'invalid credential' });
      return readJson(req, (body) => {
        const scene = typeof body?.scene === 'string' ? body.scene : '';
        // WeChat: scene at most 32 visible characters of [0-9A-Za-z!#$&'()*+,/:;=?@\-._~]
        if (!scene || scene.length > 32 || !/^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/.test(scene)) return json(res, { errcode: 40169, errmsg: 'invalid length for scene, or the data is not json string' });
        const page = typeof body?.page === 'string' ? body.page : '';
        if (page.startsWith('/') || unpublishedPages.has(page)) return json(res, { errcode: 41030, errmsg: 'invalid page hint' });
        qrRequests.push(body);
        // a PNG signature and the request, so a test can tell which code it got
        res.setHeader('content-type', 'image/png');
        res.end(Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`${page}?${scene}`)]));
      }, res);
    }
    if (url.pathname === '/cgi-bin/message/subscribe/send' && req.method === 'POST') {
      if (url.searchParams.get('access_token') !== 'fake-access-token') return json(res, { errcode: 40001, errmsg: 'invalid credential' });
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        const msg = JSON.parse(raw);
        if (!msg.touser || !msg.template_id || !msg.data) return json(res, { errcode: 47003, errmsg: 'argument invalid!' });
        if (refusing.has(msg.touser)) return json(res, { errcode: 43101, errmsg: 'user refuse to accept the msg' });
        sent.push(msg);
        sendCounts.set(msg.touser, (sendCounts.get(msg.touser) ?? 0) + 1);
        if (fake.sendDelayMs > 0) setTimeout(() => json(res, { errcode: 0, errmsg: 'ok' }), fake.sendDelayMs);
        else json(res, { errcode: 0, errmsg: 'ok' });
      });
      return;
    }
    res.statusCode = 404;
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const fake: FakeWeChat = {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    codes,
    rateLimitedCodes,
    phoneCodes,
    sendCounts,
    refusing,
    sent,
    requests,
    qrRequests,
    unpublishedPages,
    sendDelayMs: 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  return fake;
}
