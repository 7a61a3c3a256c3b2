import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useState } from 'react';
import PageShell from '../../components/PageShell';
import { ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { api } from '../../services/api';
import type { TDemoUser } from '../../services/contract';
import { IS_WEAPP } from '../../services/platform';
import { leaveLogin, saveSession } from '../../services/session';
import { clearTickets } from '../../services/ticket-cache';
import { toUiError, useResource, type UiError } from '../../hooks/resource';
import './index.scss';

const ROLE_LABELS: Record<string, string> = {
  member: '会员',
  cadre: '工会干部',
  claims_officer: '经办人',
  admin: '管理员',
  unbound: '未绑定',
};

async function logInWith(code: string, redirect?: string) {
  const { token, user } = await api.login(code);
  // Another person's tickets must not stay on a shared demo phone.
  clearTickets();
  saveSession(token, user);
  leaveLogin(redirect);
}

/** In the WeChat mini-program: wx.login gives a one-time code; the server trades it for a session. */
function WeappLogin({ redirect }: { redirect?: string }) {
  const [error, setError] = useState<UiError | null>(null);
  const attempt = useCallback(async () => {
    setError(null);
    try {
      const { code } = await Taro.login();
      await logInWith(code, redirect);
    } catch (err) {
      setError(toUiError(err));
    }
  }, [redirect]);
  useEffect(() => {
    void attempt();
  }, [attempt]);
  if (error) return <ErrorView error={error} onRetry={attempt} />;
  return <LoadingView text="正在登录…" />;
}

/** In the browser (local demo): pick one of the seeded people; the server's dev login accepts "dev:<openid>". */
function DemoLogin({ redirect }: { redirect?: string }) {
  const users = useResource(() => api.demoUsers(), []);
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const pick = async (u: TDemoUser) => {
    if (pending) return;
    setPending(u.openid);
    setError(null);
    try {
      await logInWith(`dev:${u.openid}`, redirect);
    } catch (err) {
      setError(toUiError(err));
    } finally {
      setPending(null);
    }
  };

  if (users.loading) return <LoadingView />;
  if (users.error || !users.data)
    return <ErrorView error={users.error ?? { code: undefined, message: '无法获取演示账号' }} onRetry={users.reload} />;

  return (
    <View className="demo-login">
      <View className="section-title">选择一位演示用户登录</View>
      {error ? <View className="notice notice--warn login-error">{error.message}</View> : null}
      {users.data.items.map((u) => (
        <View key={u.openid} className="card demo-user" data-openid={u.openid} onClick={() => void pick(u)}>
          <View className="demo-user__main">
            <Text className="demo-user__label">{u.label}</Text>
            <Text className="pill pill--primary demo-user__role">{ROLE_LABELS[u.role] ?? u.role}</Text>
          </View>
          <Button className="demo-user__go" size="small" type="primary" loading={pending === u.openid} disabled={!!pending && pending !== u.openid}>
            登录
          </Button>
        </View>
      ))}
      <View className="muted login-footnote">演示环境：数据为虚构，仅用于体验。</View>
    </View>
  );
}

export default function LoginPage() {
  const redirect = useRouter().params.redirect;
  const target = redirect ? decodeURIComponent(redirect) : undefined;
  return (
    <PageShell className="page-login">
      <View className="login-hero">
        <Text className="login-hero__title">工会服务</Text>
        <Text className="login-hero__sub">郑州市总工会 · 会员服务</Text>
      </View>
      {IS_WEAPP ? <WeappLogin redirect={target} /> : <DemoLogin redirect={target} />}
    </PageShell>
  );
}
