// Every call to WeChat's servers goes through this interface. Production uses the HTTP client
// below; tests point it at a local fake that speaks WeChat's documented JSON (tests/support/fake-wechat.ts).
import { AppError } from '../errors.js';
import { log } from '../log.js';

export type SubscribeMessage = {
  touser: string;
  template_id: string;
  page?: string;
  data: Record<string, { value: string }>;
  miniprogram_state?: 'developer' | 'trial' | 'formal';
};

export interface WeChatApi {
  /** jscode2session: a wx.login code → the user's openid */
  code2Session(code: string): Promise<{ openid: string; unionid?: string }>;
  /**
   * getPhoneNumber (POST wxa/business/getuserphonenumber): the code of the mini-program's
   * getPhoneNumber button → the phone number WeChat has verified for this user. A code is good for
   * one exchange within 5 minutes; a bad or used one (40029) is VALIDATION_FAILED on phoneCode.
   */
  getPhoneNumber(code: string): Promise<{ phoneNumber: string; purePhoneNumber: string; countryCode: string }>;
  /** subscribeMessage.send; resolves { ok: false, errcode } for a refusal that retrying will not cure */
  sendSubscribeMessage(message: SubscribeMessage): Promise<{ ok: true } | { ok: false; errcode: number; errmsg: string }>;
  /**
   * getUnlimitedQRCode (POST wxa/getwxacodeunlimit): a mini-program code that opens `page` with
   * `scene` (≤ 32 characters) in its options. WeChat answers the image bytes, or JSON with an errcode
   * (41030: page not published, 45009: quota, 40169: scene too long): then { ok: false, errcode }.
   */
  getUnlimitedQrCode(request: { scene: string; page: string; checkPath: boolean; envVersion: 'release' | 'trial' | 'develop' }): Promise<{ ok: true; image: Buffer; contentType: string } | { ok: false; errcode: number; errmsg: string }>;
}

type WeChatReply = { errcode?: number; errmsg?: string };

export function createHttpWeChatApi(options: { appid: string; secret: string; apiBase: string; fetchImpl?: typeof fetch }): WeChatApi {
  const doFetch = options.fetchImpl ?? fetch;
  let accessToken: { value: string; expiresAt: number } | null = null;

  async function getJson<T>(url: string, init?: RequestInit): Promise<T & WeChatReply> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(5000) });
    } catch {
      throw new AppError('UNAVAILABLE', '微信服务暂时无法连接，请稍后再试', { headers: { 'Retry-After': '3' } });
    }
    if (!res.ok) throw new AppError('UNAVAILABLE', '微信服务暂时无法连接，请稍后再试', { headers: { 'Retry-After': '3' } });
    return (await res.json()) as T & WeChatReply;
  }

  async function token(force = false): Promise<string> {
    if (!force && accessToken && accessToken.expiresAt > Date.now() + 60_000) return accessToken.value;
    const q = new URLSearchParams({ grant_type: 'client_credential', appid: options.appid, secret: options.secret });
    const r = await getJson<{ access_token?: string; expires_in?: number }>(`${options.apiBase}/cgi-bin/token?${q}`);
    if (!r.access_token) throw new AppError('UNAVAILABLE', '微信服务暂时无法连接，请稍后再试');
    accessToken = { value: r.access_token, expiresAt: Date.now() + (r.expires_in ?? 7200) * 1000 };
    return accessToken.value;
  }

  async function postForImage(url: string, body: unknown): Promise<{ image: Buffer; contentType: string } | (WeChatReply & { errcode: number })> {
    let res: Response;
    try {
      res = await doFetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) });
    } catch {
      throw new AppError('UNAVAILABLE', '微信服务暂时无法连接，请稍后再试', { headers: { 'Retry-After': '3' } });
    }
    if (!res.ok) throw new AppError('UNAVAILABLE', '微信服务暂时无法连接，请稍后再试', { headers: { 'Retry-After': '3' } });
    const contentType = (res.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (contentType.startsWith('image/')) return { image: Buffer.from(await res.arrayBuffer()), contentType };
    const reply = (await res.json().catch(() => ({}))) as WeChatReply;
    return { ...reply, errcode: reply.errcode ?? -1 };
  }

  return {
    async getUnlimitedQrCode(request) {
      const body = { scene: request.scene, page: request.page, check_path: request.checkPath, env_version: request.envVersion };
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await postForImage(`${options.apiBase}/wxa/getwxacodeunlimit?access_token=${encodeURIComponent(await token(attempt > 0))}`, body);
        if ('image' in r) return { ok: true, image: r.image, contentType: r.contentType };
        // 40001/42001: the access token is stale; fetch a new one once
        if ((r.errcode === 40001 || r.errcode === 42001) && attempt === 0) continue;
        if (r.errcode === -1) throw new AppError('UNAVAILABLE', '微信服务繁忙，请稍后再试', { headers: { 'Retry-After': '3' } });
        return { ok: false, errcode: r.errcode, errmsg: r.errmsg ?? '' };
      }
      return { ok: false, errcode: 40001, errmsg: 'invalid credential' };
    },
    async code2Session(code) {
      const q = new URLSearchParams({ appid: options.appid, secret: options.secret, js_code: code, grant_type: 'authorization_code' });
      const r = await getJson<{ openid?: string; unionid?: string }>(`${options.apiBase}/sns/jscode2session?${q}`);
      if (r.errcode === 40029 || r.errcode === 40163) throw new AppError('UNAUTHENTICATED', '登录凭证无效或已使用，请重新进入小程序');
      if (r.errcode === 45011) throw new AppError('RATE_LIMITED', '登录过于频繁，请稍后再试', { headers: { 'Retry-After': '60' } });
      if (r.errcode === 40226) throw new AppError('FORBIDDEN', '该微信账号存在风险，暂时无法登录');
      if (r.errcode === -1) throw new AppError('UNAVAILABLE', '微信服务繁忙，请稍后再试', { headers: { 'Retry-After': '3' } });
      if (r.errcode || !r.openid) {
        log.warn('wechat_login_failed', { errcode: r.errcode });
        throw new AppError('UNAUTHENTICATED', '微信登录失败，请重试');
      }
      return { openid: r.openid, unionid: r.unionid };
    },
    async getPhoneNumber(code) {
      type PhoneReply = WeChatReply & { phone_info?: { phoneNumber?: string; purePhoneNumber?: string; countryCode?: string | number } };
      let r: PhoneReply = {};
      for (let attempt = 0; attempt < 2; attempt++) {
        r = await getJson<PhoneReply>(`${options.apiBase}/wxa/business/getuserphonenumber?access_token=${encodeURIComponent(await token(attempt > 0))}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ code }),
        });
        // 40001/42001: the access token is stale; fetch a new one once
        if ((r.errcode === 40001 || r.errcode === 42001) && attempt === 0) continue;
        break;
      }
      if (r.errcode === 40029) throw new AppError('VALIDATION_FAILED', '手机号授权已失效，请重新点击“获取手机号”', { details: [{ path: 'phoneCode', message: '手机号授权凭证无效或已使用' }] });
      if (r.errcode === 45011) throw new AppError('RATE_LIMITED', '获取手机号过于频繁，请稍后再试', { headers: { 'Retry-After': '60' } });
      if (r.errcode === -1) throw new AppError('UNAVAILABLE', '微信服务繁忙，请稍后再试', { headers: { 'Retry-After': '3' } });
      const info = r.phone_info;
      if (r.errcode || !info?.purePhoneNumber) {
        log.warn('wechat_phone_failed', { errcode: r.errcode });
        throw new AppError('UNAVAILABLE', '暂时无法获取微信手机号，请稍后再试', { headers: { 'Retry-After': '3' } });
      }
      return { phoneNumber: info.phoneNumber ?? info.purePhoneNumber, purePhoneNumber: info.purePhoneNumber, countryCode: String(info.countryCode ?? '') };
    },
    async sendSubscribeMessage(message) {
      for (let attempt = 0; attempt < 2; attempt++) {
        const r = await getJson<WeChatReply>(`${options.apiBase}/cgi-bin/message/subscribe/send?access_token=${encodeURIComponent(await token(attempt > 0))}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(message),
        });
        if (!r.errcode) return { ok: true };
        // 40001/42001: the access token is stale; fetch a new one once
        if ((r.errcode === 40001 || r.errcode === 42001) && attempt === 0) continue;
        if (r.errcode === -1) throw new AppError('UNAVAILABLE', '微信服务繁忙');
        return { ok: false, errcode: r.errcode, errmsg: r.errmsg ?? '' };
      }
      return { ok: false, errcode: 40001, errmsg: 'invalid credential' };
    },
  };
}

let override: WeChatApi | null = null;

/** Tests install a client pointed at the local fake. */
export function setWeChatApi(api: WeChatApi | null): void {
  override = api;
}

const clients = new WeakMap<object, WeChatApi>();

/** One client per configuration, so the access token it caches is reused across requests. */
export function getWeChatApi(wechat: { appid: string; secret: string; apiBase: string } | null): WeChatApi | null {
  if (override) return override;
  if (!wechat) return null;
  let client = clients.get(wechat);
  if (!client) {
    client = createHttpWeChatApi(wechat);
    clients.set(wechat, client);
  }
  return client;
}
