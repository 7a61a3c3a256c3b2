import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView, NoticeBar } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, useResource } from '../../../hooks/resource';
import { usePageRefresh } from '../../../hooks/use-page-refresh';
import { ZRenameOrgRequest, type TAdminOrg } from '../../../services/contract';
import { alert, toast } from '../../../utils/feedback';
import { officeApi } from '../office-api';
import { treeOrder } from '../sections';
import { useOfficeAccess } from '../use-office';
import '../office.scss';

/** What is being typed: a new union under `parentId` (null: a top-level one) or a new name for `orgId`. */
type Editing = { mode: 'add'; parentId: string | null } | { mode: 'rename'; orgId: string };

function NameForm({ initial, onSubmit, onCancel, label }: { initial: string; label: string; onSubmit: (name: string) => Promise<void>; onCancel: () => void }) {
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const parsed = ZRenameOrgRequest.safeParse({ name });
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请填写工会名称');
    setBusy(true);
    try {
      await onSubmit(parsed.data.name);
    } catch (err) {
      setError(toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View className="org-form">
      <Input className="office-input org-name-input" value={name} placeholder={label} maxlength={60} focus onInput={(e) => setName(e.detail.value)} />
      {error ? <View className="field-error">{error}</View> : null}
      <View className="office-actions">
        <Button className="save-org" type="primary" size="small" loading={busy} onClick={() => void submit()}>
          保存
        </Button>
        <Button className="cancel-org" size="small" fill="outline" onClick={onCancel}>
          取消
        </Button>
      </View>
    </View>
  );
}

export default function OrgsPage() {
  const { allowed, ready } = useOfficeAccess('orgs');
  const orgs = useResource(() => officeApi.adminOrgs(), []);
  const [editing, setEditing] = useState<Editing | null>(null);
  usePageRefresh(orgs);

  if (!ready) return <PageShell className="page-office-orgs"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-orgs"><EmptyView title="只有管理员可以管理组织" /></PageShell>;
  if (orgs.loading) return <PageShell className="page-office-orgs"><LoadingView /></PageShell>;
  if (!orgs.data) return <PageShell className="page-office-orgs"><ErrorView error={orgs.error ?? { code: undefined, message: '加载失败' }} onRetry={orgs.reload} /></PageShell>;

  const add = async (name: string, parentId: string | null) => {
    await officeApi.createOrg(name, parentId ?? undefined);
    setEditing(null);
    toast('已添加', 'success');
    await orgs.reload();
  };
  const rename = async (org: TAdminOrg, name: string) => {
    await officeApi.renameOrg(org.id, name);
    setEditing(null);
    toast('已改名', 'success');
    await orgs.reload();
  };
  const rows = treeOrder(orgs.data.items);

  return (
    <PageShell className="page-office-orgs">
      {orgs.error ? <NoticeBar tone="warn" text={`刷新失败：${orgs.error.message}`} /> : null}
      <View className="card">
        {editing?.mode === 'add' && editing.parentId === null ? (
          <NameForm initial="" label="新的一级工会名称" onSubmit={(n) => add(n, null)} onCancel={() => setEditing(null)} />
        ) : (
          <Button className="add-root-org" fill="outline" onClick={() => setEditing({ mode: 'add', parentId: null })}>
            添加一级工会
          </Button>
        )}
      </View>
      <View className="card org-tree">
        {rows.map(({ org, depth }) => (
          <View key={org.id} className="org-row" data-id={org.id} style={{ paddingLeft: `${Math.min(depth, 4) * 16}px` }}>
            <View className="list-row">
              <View className="list-row__main">
                <Text className="list-row__title org-row__name">{org.name}</Text>
                <Text className="muted org-row__counts">
                  本级 {org.memberCount} 人 · 含下级 {org.subtreeMemberCount} 人
                </Text>
              </View>
            </View>
            {editing?.mode === 'rename' && editing.orgId === org.id ? (
              <NameForm initial={org.name} label="工会名称" onSubmit={(n) => rename(org, n)} onCancel={() => setEditing(null)} />
            ) : editing?.mode === 'add' && editing.parentId === org.id ? (
              <NameForm initial="" label={`${org.name}下的新工会名称`} onSubmit={(n) => add(n, org.id)} onCancel={() => setEditing(null)} />
            ) : (
              <View className="office-actions org-row__actions">
                <Button className="rename-org" size="small" fill="outline" onClick={() => setEditing({ mode: 'rename', orgId: org.id })}>
                  改名
                </Button>
                <Button className="add-child-org" size="small" fill="outline" onClick={() => setEditing({ mode: 'add', parentId: org.id })}>
                  添加下级
                </Button>
              </View>
            )}
          </View>
        ))}
      </View>
    </PageShell>
  );
}
