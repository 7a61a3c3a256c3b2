import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, useResource } from '../../../hooks/resource';
import { ZCreateApiKeyRequest, type TApiKey, type TApiKeyRole, type TApiKeyCreated } from '../../../services/contract';
import { fieldErrors, scrollToFirstError, type FieldErrors } from '../../../utils/form';
import { alert, confirm, toast } from '../../../utils/feedback';
import OrgPicker from '../components/OrgPicker';
import { officeApi } from '../office-api';
import { ROLE_LABELS } from '../sections';
import { useOfficeAccess, usePickableOrgs } from '../use-office';
import { formatDateTime } from '../../../../../shared/domain/time.js';
import '../office.scss';

const KEY_ROLES: TApiKeyRole[] = ['claims_officer', 'verifier', 'admin'];

function KeyRow({ k, onRevoke }: { k: TApiKey; onRevoke: (k: TApiKey) => void }) {
  return (
    <View className={`list-row api-key-row${k.revokedAt ? ' api-key-row--revoked' : ''}`} data-id={k.id}>
      <View className="list-row__main">
        <Text className="list-row__title">{k.name}</Text>
        <Text className="muted">
          {ROLE_LABELS[k.role] ?? k.role} · {k.orgName ?? '全市'}
        </Text>
        <Text className="muted">密钥开头 {k.keyPrefix}…</Text>
        <Text className="muted">创建于 {formatDateTime(k.createdAt)}</Text>
        <Text className="muted">{k.lastUsedAt ? `最近使用 ${formatDateTime(k.lastUsedAt)}` : '尚未使用'}</Text>
      </View>
      <View className="list-row__side">
        {k.revokedAt ? (
          <Text className="pill api-key-status">已停用</Text>
        ) : (
          <>
            <Text className="pill pill--success api-key-status">使用中</Text>
            <Button className="revoke-key" size="small" fill="outline" onClick={() => onRevoke(k)}>
              停用
            </Button>
          </>
        )}
      </View>
    </View>
  );
}

export default function KeysPage() {
  const { roles, allowed, ready } = useOfficeAccess('keys');
  const keys = useResource(() => officeApi.apiKeys(), []);
  const orgs = usePickableOrgs(roles, allowed);
  const [name, setName] = useState('');
  const [role, setRole] = useState<TApiKeyRole>('claims_officer');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<TApiKeyCreated | null>(null);

  if (!ready) return <PageShell className="page-office-keys"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-keys"><EmptyView title="只有管理员可以管理服务密钥" /></PageShell>;

  const create = async () => {
    // An admin key is never limited to a union (the contract refuses one with orgId).
    const parsed = ZCreateApiKeyRequest.safeParse({ name, role, orgId: role === 'admin' ? undefined : orgId });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      return scrollToFirstError();
    }
    setErrors({});
    setBusy(true);
    try {
      setCreated(await officeApi.createApiKey(parsed.data));
      setName('');
      await keys.reload();
    } catch (err) {
      await alert('未能创建', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (k: TApiKey) => {
    if (!(await confirm('停用密钥', `停用后，使用“${k.name}”的系统将无法再调用接口，且不能恢复。`, '停用'))) return;
    try {
      await officeApi.revokeApiKey(k.id);
      toast('已停用', 'success');
      await keys.reload();
    } catch (err) {
      await alert('未能停用', toUiError(err).message);
    }
  };

  const copy = () => {
    if (created) void Taro.setClipboardData({ data: created.key });
  };

  return (
    <PageShell className="page-office-keys">
      {created ? (
        <View className="card new-key">
          <View className="new-key__title">“{created.name}”的密钥</View>
          <Text className="new-key__value" selectable>{created.key}</Text>
          <View className="notice notice--warn">密钥只显示这一次，请立即复制并交给对方系统的管理员妥善保存。</View>
          <View className="office-actions">
            <Button className="copy-key" type="primary" onClick={copy}>
              复制密钥
            </Button>
            <Button className="hide-key" fill="outline" onClick={() => setCreated(null)}>
              已保存，关闭
            </Button>
          </View>
        </View>
      ) : null}

      <View className="card key-form">
        <View className="office-field">
          <Text className="office-field__label">名称（调用方系统）</Text>
          <Input className="office-input key-name" value={name} placeholder="如：互助保障系统" maxlength={60} onInput={(e) => setName(e.detail.value)} />
          {errors.name ? <View className="field-error">{errors.name}</View> : null}
        </View>
        <View className="office-field">
          <Text className="office-field__label">身份</Text>
          <View className="chip-row">
            {KEY_ROLES.map((r) => (
              <View key={r} className={`chip key-role${role === r ? ' chip--on' : ''}`} data-role={r} onClick={() => setRole(r)}>
                {ROLE_LABELS[r]}
              </View>
            ))}
          </View>
        </View>
        {role === 'admin' ? (
          <View className="muted key-admin-scope">管理员密钥可操作全市数据，请只交给可信的系统。</View>
        ) : (
          <View className="office-field">
            <Text className="office-field__label">范围</Text>
            <OrgPicker className="key-org" orgs={orgs.data ?? []} value={orgId} onChange={setOrgId} allowNone="全市（不限工会）" />
          </View>
        )}
        <View className="office-actions">
          <Button className="create-key" type="primary" loading={busy} onClick={() => void create()}>
            创建密钥
          </Button>
        </View>
      </View>

      <View className="section-title">已创建的密钥</View>
      {keys.loading ? (
        <LoadingView />
      ) : !keys.data ? (
        <ErrorView error={keys.error ?? { code: undefined, message: '加载失败' }} onRetry={keys.reload} />
      ) : keys.data.items.length === 0 ? (
        <EmptyView title="还没有服务密钥" />
      ) : (
        <View className="card api-key-list">
          {keys.data.items.map((k) => (
            <KeyRow key={k.id} k={k} onRevoke={(x) => void revoke(x)} />
          ))}
        </View>
      )}
    </PageShell>
  );
}
