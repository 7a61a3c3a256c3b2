// A phone logged in as an openid of its own (the dev login), for a person no other test file
// touches: test files run at the same time against one server, and the demo 新用户 gets bound
// by the sign-up test.
import type { Phone } from './phone.js';

export async function tokenFor(base: string, openid: string): Promise<{ token: string; user: unknown }> {
  const res = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code: `dev:${openid}` }) });
  if (!res.ok) throw new Error(`dev login as ${openid}: ${res.status}`);
  return (await res.json()) as { token: string; user: unknown };
}

/** Puts the session where the app keeps it (Taro's H5 storage wraps each value as { data }). */
export async function logInFresh(phone: Phone, base: string, openid: string): Promise<void> {
  const { token, user } = await tokenFor(base, openid);
  await phone.open('/pages/login/index');
  await phone.page.evaluate(
    ([t, u]) => {
      localStorage.setItem('union.token', JSON.stringify({ data: t }));
      localStorage.setItem('union.user', JSON.stringify({ data: JSON.stringify(u) }));
    },
    [token, user] as const,
  );
}
