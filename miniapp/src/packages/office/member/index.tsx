import { Input, Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import KeyValue from '../../../components/KeyValue';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, useResource } from '../../../hooks/resource';
import { ZHouseholdNo, ZMemberGroup, type TAdminMember, type TMemberGroup, type TOfficeRoleName } from '../../../services/contract';
import { alert, confirm, toast } from '../../../utils/feedback';
import OrgPicker from '../components/OrgPicker';
import { officeApi } from '../office-api';
import { BINDING_LABELS, canUse, GROUP_LABELS, isAdmin, ROLE_LABELS } from '../sections';
import { useOfficeAccess, usePickableOrgs } from '../use-office';
import '../office.scss';

const GRANTABLE: TOfficeRoleName[] = ['cadre', 'claims_officer', 'verifier', 'admin'];

/** Saves one field of the member: 已保存 and the new member, or 保存失败 with the reason. */
function useMemberSave(onSaved: (m: TAdminMember) => void) {
  const [busy, setBusy] = useState(false);
  const run = async (write: () => Promise<TAdminMember>) => {
    setBusy(true);
    try {
      onSaved(await write());
      toast('已保存', 'success');
    } catch (err) {
      await alert('保存失败', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };
  return { busy, run };
}

function Groups({ member, onSaved }: { member: TAdminMember; onSaved: (m: TAdminMember) => void }) {
  const [groups, setGroups] = useState<TMemberGroup[]>(member.groups);
  const { busy, run } = useMemberSave(onSaved);
  useEffect(() => setGroups(member.groups), [member]);
  const changed = [...groups].sort().join() !== [...member.groups].sort().join();
  const toggle = (g: TMemberGroup) => setGroups(groups.includes(g) ? groups.filter((x) => x !== g) : [...groups, g]);
  const save = () => run(() => officeApi.setGroups(member.id, groups));
  return (
    <View className="card member-groups">
      <View className="section-title">会员类别</View>
      <View className="chip-row">
        {ZMemberGroup.options.map((g) => (
          <View key={g} className={`chip group-chip${groups.includes(g) ? ' chip--on' : ''}`} data-group={g} onClick={() => toggle(g)}>
            {GROUP_LABELS[g]}
          </View>
        ))}
      </View>
      {changed ? (
        <Button className="save-groups" type="primary" size="small" loading={busy} onClick={() => void save()}>
          保存会员类别
        </Button>
      ) : null}
    </View>
  );
}

/** 户号 (household number): members with the same one are one family and never review each other's aid applications. */
function Household({ member, onSaved }: { member: TAdminMember; onSaved: (m: TAdminMember) => void }) {
  const [text, setText] = useState(member.householdNo ?? '');
  const { busy, run } = useMemberSave(onSaved);
  useEffect(() => setText(member.householdNo ?? ''), [member]);
  const value = text.trim() === '' ? null : text.trim();
  const changed = value !== member.householdNo;
  const save = async () => {
    if (value !== null) {
      const checked = ZHouseholdNo.safeParse(value);
      if (!checked.success) return void (await alert('户号有误', checked.error.issues[0]?.message ?? '户号有误'));
    }
    if (value === null && !(await confirm('清除户号', `确定清除${member.name}的户号吗？`, '清除'))) return;
    await run(() => officeApi.setHouseholdNo(member.id, value));
  };
  return (
    <View className="card member-household">
      <View className="section-title">户号</View>
      <View className="muted">户口簿上的户号。同一户号的会员视为一家人，不能审核家人的帮扶申请。</View>
      <Input className="office-input household-input" value={text} maxlength={40} placeholder="未登记，可填写户号" onInput={(e) => setText(e.detail.value)} />
      {changed ? (
        <Button className="save-household" type="primary" size="small" loading={busy} onClick={() => void save()}>
          {value === null ? '清除户号' : '保存户号'}
        </Button>
      ) : null}
    </View>
  );
}

function Roles({ member, canGrant, onChanged }: { member: TAdminMember; canGrant: boolean; onChanged: () => Promise<void> }) {
  const { roles } = useOfficeAccess(null);
  const orgs = usePickableOrgs(roles, canGrant);
  const [role, setRole] = useState<TOfficeRoleName>('cadre');
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const revoke = async (r: TAdminMember['roles'][number]) => {
    const where = r.orgName ? `（${r.orgName}）` : '';
    if (!(await confirm('移除身份', `确定移除${member.name}的“${ROLE_LABELS[r.role] ?? r.role}${where}”身份吗？`, '移除'))) return;
    try {
      await officeApi.revokeRole({ memberId: member.id, role: r.role, orgId: r.orgId ?? undefined });
      toast('已移除', 'success');
      await onChanged();
    } catch (err) {
      await alert('未能移除', toUiError(err).message);
    }
  };

  const grant = async () => {
    if (role === 'cadre' && !orgId) {
      await alert('请选择工会', '工会干部必须指定所在工会。');
      return;
    }
    setBusy(true);
    try {
      await officeApi.grantRole({ memberId: member.id, role, orgId });
      toast('已授予', 'success');
      await onChanged();
    } catch (err) {
      await alert('未能授予', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="card member-roles">
      <View className="section-title">身份</View>
      {member.roles.length === 0 ? <View className="muted no-roles">普通会员，没有其他身份</View> : null}
      {member.roles.map((r) => (
        <View key={`${r.role}-${r.orgId}`} className="list-row role-row" data-role={r.role}>
          <View className="list-row__main">
            <Text className="list-row__title">{ROLE_LABELS[r.role] ?? r.role}</Text>
            <Text className="muted">{r.orgName ?? '全市'}</Text>
          </View>
          {canGrant ? (
            <Button className="revoke-role" size="small" fill="outline" onClick={() => void revoke(r)}>
              移除
            </Button>
          ) : null}
        </View>
      ))}
      {canGrant ? (
        <View className="role-form">
          <View className="office-field__label">授予身份</View>
          <View className="chip-row">
            {GRANTABLE.map((r) => (
              <View key={r} className={`chip role-choice${role === r ? ' chip--on' : ''}`} data-role={r} onClick={() => setRole(r)}>
                {ROLE_LABELS[r]}
              </View>
            ))}
          </View>
          <OrgPicker className="role-org" orgs={orgs.data ?? []} value={orgId} onChange={setOrgId} allowNone={role === 'cadre' ? undefined : '全市（不限工会）'} />
          {member.binding !== 'phone' ? <View className="muted role-wait">该会员尚未用手机号完成绑定，身份将在其手机号绑定后生效。</View> : null}
          <View className="office-actions">
            <Button className="grant-role" type="primary" loading={busy} onClick={() => void grant()}>
              授予
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function MemberPage() {
  const id = useRouter().params.id ?? '';
  const { roles, allowed, ready } = useOfficeAccess('members');
  const member = useResource(() => officeApi.member(id), [id]);

  if (!ready || member.loading) return <PageShell className="page-office-member"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-member"><EmptyView title="您没有查看会员的权限" /></PageShell>;
  if (!member.data)
    return (
      <PageShell className="page-office-member">
        <ErrorView error={member.error ?? { code: 'NOT_FOUND', message: '未找到该会员' }} onRetry={member.reload} />
      </PageShell>
    );
  const m = member.data;
  return (
    <PageShell className="page-office-member">
      <View className="card member-detail">
        <View className="member-detail__name">{m.name}</View>
        <KeyValue label="会员编号">{m.memberNo}</KeyValue>
        <KeyValue label="所属工会">{m.orgName}</KeyValue>
        <KeyValue label="身份证号">{m.idNumberMasked}</KeyValue>
        <KeyValue label="手机号码">{m.phoneMasked ?? '未登记'}</KeyValue>
        <KeyValue label="绑定状态" valueClassName="member-binding">{BINDING_LABELS[m.binding]}</KeyValue>
        <KeyValue label="户号" valueClassName="member-household-no">{m.householdNo ?? '未登记'}</KeyValue>
      </View>
      {canUse(roles, 'members') ? <Groups member={m} onSaved={member.setData} /> : null}
      {canUse(roles, 'members') ? <Household member={m} onSaved={member.setData} /> : null}
      <Roles member={m} canGrant={isAdmin(roles)} onChanged={member.reload} />
    </PageShell>
  );
}
