// Endpoint tests speak HTTP to the real local server (the same routing as Vercel, the same
// endpoint modules) over a real database. Builders make the few rows a test needs.
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { setDb } from '../../functions/_lib/db/index.js';
import { createLocalServer } from '../../functions/_lib/local-server.js';
import { getConfig } from '../../functions/_lib/config.js';
import { hashIdNumber, hashPhone } from '../../functions/_lib/id-hash.js';
import { signSession } from '../../functions/_lib/auth/session.js';
import { idNumberCheckChar, maskIdNumber } from '../../shared/domain/id-number.js';
import { createTestDb, type TestDb } from './test-db.js';

export type Reply<T = any> = { status: number; body: T; headers: Headers; text: string };
export type RequestOptions = { token?: string; body?: unknown; rawBody?: string | Buffer; headers?: Record<string, string> };

let idCounter = 0;
/** A valid (checksummed) ID number nobody has, unique within the run. */
export function newIdNumber(): string {
  idCounter++;
  const seq = (process.pid % 1000) * 1000 + idCounter;
  const first17 = `410105${1970 + (seq % 40)}${String((seq % 12) + 1).padStart(2, '0')}${String((seq % 28) + 1).padStart(2, '0')}${String(seq % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

let phoneCounter = 0;
/** A mainland mobile number nobody else in the run has. */
export function newPhone(): string {
  phoneCounter++;
  return `139${String(((process.pid % 10000) * 10000 + phoneCounter) % 1e8).padStart(8, '0')}`;
}

const iso = (hoursFromNow: number) => new Date(Date.now() + hoursFromNow * 3600_000).toISOString();

export type TestApi = Awaited<ReturnType<typeof startTestApi>>;

export async function startTestApi(options: { kind?: string; poolMax?: number } = {}) {
  const db: TestDb = await createTestDb(options.kind, { poolMax: options.poolMax });
  setDb(db);
  const server: Server = createLocalServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = getConfig();
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${process.pid}x${++counter}`;

  async function request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<Reply<T>> {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: string | Buffer | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await fetch(base + path, { method, headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body) });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      /* CSV and other raw answers stay text */
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }

  const api = {
    db,
    base,
    request,
    get: <T = any>(path: string, opts?: RequestOptions) => request<T>('GET', path, opts),
    post: <T = any>(path: string, opts?: RequestOptions) => request<T>('POST', path, opts),
    patch: <T = any>(path: string, opts?: RequestOptions) => request<T>('PATCH', path, opts),
    put: <T = any>(path: string, opts?: RequestOptions) => request<T>('PUT', path, opts),

    async org(o: { name?: string; parentId?: string } = {}) {
      const parent = o.parentId ? (await db.query<{ path: string }>('select path from orgs where id = $1', [o.parentId])).rows[0].path : '/';
      const { rows } = await db.query<{ id: string }>(`insert into orgs (name, parent_id, path) values ($1, $2, '') returning id::text`, [o.name ?? unique('工会'), o.parentId ?? null]);
      await db.query('update orgs set path = $2 where id = $1', [rows[0].id, `${parent}${rows[0].id}/`]);
      return rows[0].id;
    },
    /** A roster member (not yet bound to any openid), with a roster phone (stored as the import stores it: phone_hash). */
    async member(o: { orgId?: string; name?: string; idNumber?: string; phone?: string | null } = {}) {
      const orgId = o.orgId ?? (await api.org());
      const idNumber = o.idNumber ?? newIdNumber();
      const name = o.name ?? '张三';
      const phone = o.phone === undefined ? newPhone() : o.phone;
      const { rows } = await db.query<{ id: string }>(
        `insert into members (org_id, member_no, name, id_hash, id_masked, phone_masked, phone_hash) values ($1, $2, $3, $4, $5, '138****0000', $6) returning id::text`,
        [orgId, unique('M'), name, hashIdNumber(idNumber, config.idHashKey), maskIdNumber(idNumber), phone === null ? null : hashPhone(phone, config.idHashKey)],
      );
      return { memberId: rows[0].id, orgId, idNumber, name, phone };
    },
    /**
     * A user with an openid and a valid session token. With memberId it is bound to that member,
     * by default as a phone-verified binding ('phone': the roles it holds act); verification
     * 'id_only' makes a binding by name and ID number alone, whose roles never act.
     * Roles given to a user with no member are marked bootstrap: a role holder provisioned
     * outside the roster, as BOOTSTRAP_ADMIN_OPENIDS provisions admins (they act unbound).
     */
    async user(o: { memberId?: string; roles?: { role: 'admin' | 'cadre' | 'claims_officer' | 'verifier'; orgId?: string }[]; verification?: 'phone' | 'id_only' } = {}) {
      const verification = o.memberId ? (o.verification ?? 'phone') : null;
      const { rows } = await db.query<{ id: string }>('insert into users (openid, member_id, verification) values ($1, $2, $3) returning id::text', [unique('openid'), o.memberId ?? null, verification]);
      const userId = rows[0].id;
      for (const r of o.roles ?? []) await db.query('insert into roles (user_id, role, org_id, bootstrap) values ($1, $2, $3, $4)', [userId, r.role, r.orgId ?? null, !o.memberId]);
      return { userId, token: signSession(userId, config.sessionSecret, 3600) };
    },
    /** A bound member (phone-verified unless said otherwise) with a token: the usual caller of member endpoints. */
    async memberUser(o: { orgId?: string; name?: string; verification?: 'phone' | 'id_only' } = {}) {
      const { verification, ...memberOptions } = o;
      const m = await api.member(memberOptions);
      const u = await api.user({ memberId: m.memberId, verification });
      return { ...m, ...u };
    },
    /** An admin with no member record: a bootstrap admin. */
    async admin() {
      return api.user({ roles: [{ role: 'admin' }] });
    },
    async cadre(orgId: string) {
      const m = await api.member({ orgId, name: '刘干部' });
      return { ...m, ...(await api.user({ memberId: m.memberId, roles: [{ role: 'cadre', orgId }] })) };
    },
    /** Activity input as api.md's ActivityInput, sign-up open now unless overridden. */
    activityInput(o: Record<string, unknown> & { orgId: string }) {
      return {
        title: '劳模宣讲会',
        category: 'lecture',
        description: '测试活动',
        location: { name: '郑州市职工之家' },
        signupOpensAt: iso(-1),
        signupClosesAt: iso(24),
        startsAt: iso(48),
        endsAt: iso(50),
        capacity: 10,
        waitlistEnabled: true,
        cancelDeadline: iso(47),
        audience: 'all',
        ...o,
      };
    },
    /** Inserts an activity directly (no permission checks): for tests of what happens after publishing. */
    async activity(o: Record<string, unknown> & { orgId: string }) {
      const a = api.activityInput(o) as Record<string, any>;
      const { rows } = await db.query<{ id: string }>(
        `insert into activities (org_id, title, category, description, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled, cancel_deadline, audience)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) returning id::text`,
        [a.orgId, a.title, a.category, a.description, JSON.stringify(a.location), a.startsAt, a.endsAt, a.signupOpensAt, a.signupClosesAt, a.capacity, a.waitlistEnabled, a.cancelDeadline ?? null, a.audience],
      );
      return rows[0].id;
    },
    async count(table: string, where = 'true', params: unknown[] = []) {
      const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`, params);
      return rows[0].n;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      setDb(null);
      await db.drop();
    },
    /**
     * A lottery (issue #16) inserted directly with its secret seed, as createActivity makes one.
     * closed: sign-up ended a second ago (it may be drawn). applicants: that many members apply.
     */
    async lottery(o: Record<string, unknown> & { orgId: string; closed?: boolean; applicants?: number }) {
      const { closed, applicants, ...rest } = o;
      const a = api.activityInput({ ...rest, ...(closed ? { signupOpensAt: iso(-2), signupClosesAt: iso(-1 / 3600) } : {}) }) as Record<string, any>;
      const seed = randomBytes(32).toString('hex');
      const { rows } = await db.query<{ id: string }>(
        `insert into activities (org_id, title, category, description, location, starts_at, ends_at, signup_opens_at, signup_closes_at, capacity, waitlist_enabled, cancel_deadline, audience,
                                 allocation, priority_groups, priority_share, draw_seed_hash)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'lottery', $14, $15, $16) returning id::text`,
        [a.orgId, a.title, a.category, a.description, JSON.stringify(a.location), a.startsAt, a.endsAt, a.signupOpensAt, a.signupClosesAt, a.capacity, a.waitlistEnabled, a.cancelDeadline ?? null, a.audience,
          a.priorityGroups ?? [], a.priorityShare ?? 0, createHash('sha256').update(seed).digest('hex')],
      );
      await db.query('insert into lottery_seeds (activity_id, seed) values ($1, $2)', [rows[0].id, seed]);
      for (let i = 0; i < (applicants ?? 0); i++) {
        const m = await api.member({ orgId: a.orgId });
        await db.query(`insert into registrations (activity_id, member_id, status, seq, created_at) values ($1, $2, 'applied', nextval('registration_lottery_seq'), now() - interval '3 hours')`, [rows[0].id, m.memberId]);
      }
      return rows[0].id;
    },
  };
  return api;
}

export { iso };
