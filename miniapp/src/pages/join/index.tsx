// 申请入会 (issue #15): choose the channel, fill in who you are, agree to the privacy notice, send;
// then see where it went, by when it will be decided, and what was decided.
import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import PhoneConsent, { NEED_CONSENT, type GetPhoneNumberDetail } from '../../components/PhoneConsent';
import { ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { toUiError, useResource } from '../../hooks/resource';
import { usePageRefresh } from '../../hooks/use-page-refresh';
import { useMe } from '../../hooks/use-me';
import { ApiError } from '../../services/api';
import { ZJoinApplicationRequest, type TJoinApplication, type TJoinApplicationRequest, type TJoinChannel } from '../../services/contract';
import { DISTRICTS, PLATFORMS, TRANSFER_STATUS_TEXT, joinApi, orgFromParams } from '../../services/join-api';
import { api } from '../../services/api';
import { IS_WEAPP } from '../../services/platform';
import { askForNotices, JOIN_NOTICES, TRANSFER_NOTICES } from '../../services/subscriptions';
import { fieldErrors, scrollToFirstError, type FieldErrors } from '../../utils/form';
import { confirm, go, toast } from '../../utils/feedback';
import { formatDate, formatDateTime } from '../../../../shared/domain/time.js';
import './index.scss';

const PRIVACY_SUMMARY =
  '为办理入会，我们会收集您填写的姓名、身份证号、工作单位或所在平台与区县，以及经您授权由微信提供的手机号，仅用于工会审核入会申请和建立会员档案；身份证号以加密摘要保存，页面只显示部分号码，不用于其他目的。';

const STATUS_TEXT: Record<TJoinApplication['status'], string> = { pending: '审核中', approved: '已通过', rejected: '未通过', withdrawn: '已撤回' };
const CHANNELS: { key: TJoinChannel; title: string; hint: string }[] = [
  { key: 'employer', title: '单位工会', hint: '在单位工作，通过单位工会入会' },
  { key: 'gig', title: '新就业形态', hint: '外卖骑手、网约车司机、快递员等' },
];

function Chips({ items, value, onChange, className }: { items: string[]; value: string; onChange: (v: string) => void; className: string }) {
  return (
    <View className={`join-chips ${className}`}>
      {items.map((item) => (
        <View key={item} className={`join-chip${item === value ? ' join-chip--on' : ''}`} onClick={() => onChange(item === value ? '' : item)}>
          {item}
        </View>
      ))}
    </View>
  );
}

/** 会籍转移: a member moving to another union's membership (the receiving union accepts; the old one may object). */
function TransferCard({ memberOrgId }: { memberOrgId: string }) {
  const transfers = useResource(() => joinApi.transfers(), []);
  const [choosing, setChoosing] = useState(false);
  const [filter, setFilter] = useState('');
  const orgs = useResource(async () => (choosing ? (await api.orgs()).items : []), [choosing]);
  const open = transfers.data?.items.find((t) => t.status === 'requested' || t.status === 'accepted');
  const last = transfers.data?.items[0];
  const request = async (orgId: string, name: string) => {
    if (!(await confirm('申请会籍转移', `将您的会籍转入${name}，需新工会接收。`, '申请'))) return;
    try {
      await joinApi.requestTransfer(orgId);
      toast('已提交', 'success');
      setChoosing(false);
      void transfers.reload();
    } catch (err) {
      toast(toUiError(err).message);
    }
  };
  const matches = (orgs.data ?? []).filter((o) => o.id !== memberOrgId && filter.trim() && o.name.includes(filter.trim())).slice(0, 20);
  return (
    <View className="card join-status join-transfer-card">
      <View className="join-transfer__title">会籍转移</View>
      {last ? (
        <View className="join-status__row join-transfer-status">
          转入{last.toOrgName}：{TRANSFER_STATUS_TEXT[last.status]}
          {last.objectionDueAt && last.status === 'accepted' ? `（${formatDate(last.objectionDueAt.slice(0, 10))}后完成）` : ''}
        </View>
      ) : (
        <View className="join-status__row muted">换了工作单位？可把会籍转入新单位的工会，不必重新入会。</View>
      )}
      {last?.decisionReason ? (
        <View className="notice notice--warn join-status__reason join-transfer-reason">
          {last.status === 'objected' ? '异议原因' : '未接收原因'}：{last.decisionReason}
        </View>
      ) : null}
      {open ? (
        open.status === 'requested' ? (
          <Button className="join-transfer-cancel" block size="large" onClick={() => void joinApi.cancelTransfer(open.id).then(() => transfers.reload(), (err) => toast(toUiError(err).message))}>
            撤回转移申请
          </Button>
        ) : null
      ) : choosing ? (
        <View className="join-transfer-choose">
          <Input className="form-field__input join-transfer-filter" value={filter} placeholder="输入新单位工会名称查找" onInput={(e) => setFilter(e.detail.value)} />
          {matches.map((o) => (
            <View key={o.id} className="list-row join-transfer-org" onClick={() => void request(o.id, o.name)}>
              {o.name}
            </View>
          ))}
        </View>
      ) : (
        <Button
          className="join-transfer-start"
          block
          size="large"
          onClick={() => {
            // Synchronously inside the tap: WeChat opens the subscription dialog nowhere else.
            void askForNotices(TRANSFER_NOTICES);
            setChoosing(true);
          }}
        >
          申请会籍转移
        </Button>
      )}
    </View>
  );
}

function StatusCard({ app, onWithdraw, onAgain }: { app: TJoinApplication; onWithdraw: () => void; onAgain: () => void }) {
  return (
    <View className={`card join-status join-status--${app.status}`}>
      <View className="join-status__title">入会申请{STATUS_TEXT[app.status]}</View>
      <View className="join-status__row">办理工会：{app.orgName}</View>
      <View className="join-status__row">提交时间：{formatDateTime(app.submittedAt)}</View>
      {app.status === 'pending' ? <View className="join-status__row join-due">审核期限：{formatDate(app.reviewDueAt.slice(0, 10))}前</View> : null}
      {app.decidedAt ? <View className="join-status__row">办结时间：{formatDateTime(app.decidedAt)}</View> : null}
      {app.status === 'rejected' ? <View className="notice notice--warn join-status__reason join-reject-reason">未通过原因：{app.rejectReason}</View> : null}
      {app.status === 'approved' ? <View className="notice join-status__reason">您已成为工会会员，可以报名参加工会活动。</View> : null}
      <View className="join-status__actions">
        {app.status === 'pending' ? (
          <Button className="join-withdraw" block size="large" onClick={onWithdraw}>
            撤回申请
          </Button>
        ) : null}
        {app.status === 'rejected' || app.status === 'withdrawn' ? (
          <Button className="join-again" type="primary" block size="large" onClick={onAgain}>
            重新申请
          </Button>
        ) : null}
        {app.status === 'approved' ? (
          <Button className="join-to-activities" type="primary" block size="large" onClick={() => void Taro.switchTab({ url: '/pages/activities/index' })}>
            去看活动
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function JoinPage() {
  const chosenOrg = orgFromParams(useRouter().params as Record<string, string | undefined>);
  const mine = useResource(() => joinApi.mine(), []);
  usePageRefresh(mine);
  const [editing, setEditing] = useState(false);
  const [channel, setChannel] = useState<TJoinChannel>('employer');
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [employer, setEmployer] = useState('');
  const [platform, setPlatform] = useState('');
  const [district, setDistrict] = useState('');
  // H5 / local demo only: the server's dev login takes `dev-phone:<11 digits>` for the number WeChat would give.
  const [devPhone, setDevPhone] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<{ text: string; code?: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const me = useMe();
  const latest = mine.data?.items[0];
  // A member (bound to the roster) has nothing to apply for; the approved application says so itself.
  const alreadyMember = !!me.data?.member && latest?.status !== 'approved';
  const showForm = !alreadyMember && (editing || !latest || latest.status === 'withdrawn');

  const checkedForm = (): TJoinApplicationRequest | null => {
    setServerError(null);
    if (!agreed) {
      setServerError({ text: NEED_CONSENT });
      return null;
    }
    const parsed = ZJoinApplicationRequest.safeParse({
      name,
      idNumber,
      channel,
      ...(chosenOrg ? { orgId: chosenOrg } : {}),
      ...(employer.trim() ? { employer } : {}),
      ...(channel === 'gig' && platform ? { platform } : {}),
      ...(district ? { district } : {}),
    });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      scrollToFirstError();
      return null;
    }
    if (!IS_WEAPP && devPhone.trim() && !/^1[3-9]\d{9}$/.test(devPhone.trim())) {
      setErrors({ phoneCode: '请输入11位手机号码' });
      scrollToFirstError();
      return null;
    }
    setErrors({});
    return parsed.data;
  };

  const send = async (form: TJoinApplicationRequest, phoneCode: string | undefined) => {
    if (busy) return;
    setBusy(true);
    try {
      const app = await joinApi.apply({ ...form, ...(phoneCode ? { phoneCode } : {}) });
      toast('申请已提交', 'success');
      setEditing(false);
      mine.setData({ items: [app, ...(mine.data?.items ?? [])], nextCursor: mine.data?.nextCursor ?? null });
      void mine.reload();
    } catch (err) {
      const e = toUiError(err);
      if (err instanceof ApiError && err.details) {
        setErrors(fieldErrors(err.details));
        scrollToFirstError();
      }
      setServerError({
        code: e.code,
        text:
          e.code === 'ALREADY_MEMBER'
            ? '您的身份证号已在工会会员名册中，无需申请入会。请直接实名绑定会员身份。'
            : e.code === 'APPLICATION_PENDING'
              ? '您已有一份正在审核的入会申请，请等待审核结果。'
              : e.message,
      });
    } finally {
      setBusy(false);
    }
  };

  const onGetPhoneNumber = (detail: GetPhoneNumberDetail) => {
    const form = checkedForm();
    if (!form) return;
    if (!detail.code) {
      setServerError({ text: '未获得手机号授权。可以重新点击并允许，或选择“暂不验证手机号”提交。' });
      return;
    }
    // In the button's own event, before the first await (askForNotices never throws).
    void askForNotices(JOIN_NOTICES);
    void send(form, detail.code);
  };
  const submitDev = () => {
    const form = checkedForm();
    if (!form) return;
    void askForNotices(JOIN_NOTICES);
    void send(form, devPhone.trim() ? `dev-phone:${devPhone.trim()}` : undefined);
  };
  const submitWithoutPhone = () => {
    const form = checkedForm();
    if (!form) return;
    // Synchronously inside the tap: WeChat opens the subscription dialog nowhere else.
    void askForNotices(JOIN_NOTICES);
    void send(form, undefined);
  };
  const withdraw = async (app: TJoinApplication) => {
    if (!(await confirm('撤回入会申请', '撤回后工会将不再审核这份申请，之后可以重新申请。', '撤回'))) return;
    try {
      await joinApi.withdraw(app.id);
      toast('已撤回', 'success');
      void mine.reload();
    } catch (err) {
      toast(toUiError(err).message);
      void mine.reload();
    }
  };

  if (mine.loading) return <PageShell className="page-join"><LoadingView /></PageShell>;
  if (mine.error && !mine.data) return <PageShell className="page-join"><ErrorView error={mine.error} onRetry={() => void mine.reload()} /></PageShell>;

  return (
    <PageShell className="page-join">
      {alreadyMember ? (
        <View className="card join-status join-member">
          <View className="join-status__title">您已是工会会员</View>
          <View className="join-status__row">所在工会：{me.data?.member?.orgName}</View>
          <View className="join-status__row muted">无需重复申请入会。</View>
        </View>
      ) : null}
      {me.data?.member ? <TransferCard memberOrgId={me.data.member.orgId} /> : null}
      {!alreadyMember && latest && !editing && latest.status !== 'withdrawn' ? <StatusCard app={latest} onWithdraw={() => void withdraw(latest)} onAgain={() => setEditing(true)} /> : null}
      {showForm ? (
        <View className="join-form-wrap">
          <View className="join-intro">
            <View className="join-intro__title">申请加入工会</View>
            <View className="muted">{chosenOrg ? '您扫描了工会的入会二维码，申请将直接交给该工会审核。' : '填写以下信息，工会将在5个工作日内审核。'}</View>
          </View>
          <View className="card join-form">
            <View className="form-field">
              <Text className="form-field__label">入会渠道</Text>
              <View className="join-chips join-channels">
                {CHANNELS.map((c) => (
                  <View key={c.key} className={`join-chip join-channel-${c.key}${c.key === channel ? ' join-chip--on' : ''}`} onClick={() => setChannel(c.key)}>
                    {c.title}
                  </View>
                ))}
              </View>
              <View className="muted">{CHANNELS.find((c) => c.key === channel)?.hint}</View>
            </View>
            <View className="form-field">
              <Text className="form-field__label">姓名</Text>
              <Input className="form-field__input join-name" value={name} placeholder="请输入真实姓名" maxlength={30} onInput={(e) => setName(e.detail.value)} />
              {errors.name ? <View className="field-error">{errors.name}</View> : null}
            </View>
            <View className="form-field">
              <Text className="form-field__label">身份证号</Text>
              <Input className="form-field__input join-id-number" type="idcard" value={idNumber} placeholder="请输入18位身份证号" maxlength={18} onInput={(e) => setIdNumber(e.detail.value)} />
              {errors.idNumber ? <View className="field-error">{errors.idNumber}</View> : null}
            </View>
            {channel === 'employer' ? (
              <View className="form-field">
                <Text className="form-field__label">工作单位</Text>
                <Input className="form-field__input join-employer" value={employer} placeholder="请输入单位全称" maxlength={60} onInput={(e) => setEmployer(e.detail.value)} />
                {errors.employer ? <View className="field-error">{errors.employer}</View> : null}
              </View>
            ) : (
              <View className="form-field">
                <Text className="form-field__label">所在平台</Text>
                <Chips className="join-platforms" items={PLATFORMS} value={platform} onChange={setPlatform} />
                {errors.platform ? <View className="field-error">{errors.platform}</View> : null}
              </View>
            )}
            {chosenOrg ? null : (
              <View className="form-field">
                <Text className="form-field__label">工作所在区县</Text>
                <Chips className="join-districts" items={DISTRICTS} value={district} onChange={setDistrict} />
                {errors.district ? <View className="field-error">{errors.district}</View> : null}
              </View>
            )}
            {IS_WEAPP ? null : (
              <View className="form-field">
                <Text className="form-field__label">手机号（演示）</Text>
                <Input className="form-field__input join-phone" type="number" value={devPhone} placeholder="代替微信手机号授权" maxlength={11} onInput={(e) => setDevPhone(e.detail.value)} />
                {errors.phoneCode ? <View className="field-error">{errors.phoneCode}</View> : null}
              </View>
            )}
          </View>
          <PhoneConsent
            prefix="join"
            agreed={agreed}
            onToggle={() => setAgreed(!agreed)}
            privacySummary={PRIVACY_SUMMARY}
            busy={busy}
            label={{ weapp: '验证手机号并提交', h5: '提交申请' }}
            onPhoneNumber={onGetPhoneNumber}
            onSubmitTap={() => (IS_WEAPP ? checkedForm() : submitDev())}
            plain={{ className: 'join-plain', text: '暂不验证手机号，直接提交', onTap: () => submitWithoutPhone() }}
            between={
              <>
                {serverError ? (
                  <View className="notice notice--warn join-error">
                    {serverError.text}
                    {serverError.code === 'ALREADY_MEMBER' ? (
                      <Button className="join-to-bind" type="primary" block size="large" onClick={() => go('/pages/bind/index')}>
                        去绑定
                      </Button>
                    ) : null}
                  </View>
                ) : null}
              </>
            }
            after={
              editing ? (
                <View className="phone-plain muted join-plain" onClick={() => setEditing(false)}>
                  取消
                </View>
              ) : null
            }
          />
        </View>
      ) : null}
    </PageShell>
  );
}
