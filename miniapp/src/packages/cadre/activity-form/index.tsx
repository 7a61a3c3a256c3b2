import { Input, Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useMemo, useState } from 'react';
import PageShell from '../../../components/PageShell';
import { ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import Switch from '../../../components/ui/switch';
import { toUiError, useResource } from '../../../hooks/resource';
import { diffPatch, emptyForm, formFromActivity, manageableOrgs, validateForm, type ActivityForm } from '../../../hooks/use-activity-form';
import { api, ApiError } from '../../../services/api';
import { getCachedUser } from '../../../services/session';
import { alert, confirm, toast } from '../../../utils/feedback';
import { fieldErrors, scrollToFirstError, type FieldErrors } from '../../../utils/form';
import { cadreApi } from '../cadre-api';
import { CATEGORIES, CATEGORY_LABELS } from '../../../../../shared/domain/activities.js';
import { MEMBER_GROUPS, MEMBER_GROUP_LABELS, prioritySeats } from '../../../../../shared/domain/lottery.js';
import './index.scss';

type DateKey = 'startsDate' | 'endsDate' | 'opensDate' | 'closesDate' | 'cancelDate';
type TimeKey = 'startsTime' | 'endsTime' | 'opensTime' | 'closesTime' | 'cancelTime';

const ERROR_KEY: Partial<Record<keyof ActivityForm, string>> = {
  locationName: 'location.name',
  locationAddress: 'location.address',
  startsDate: 'startsAt',
  startsTime: 'startsAt',
  endsDate: 'endsAt',
  endsTime: 'endsAt',
  opensDate: 'signupOpensAt',
  opensTime: 'signupOpensAt',
  closesDate: 'signupClosesAt',
  closesTime: 'signupClosesAt',
  cancelDate: 'cancelDeadline',
  cancelTime: 'cancelDeadline',
};

function Err({ e }: { e?: string }) {
  return e ? <View className="field-error">{e}</View> : null;
}

export default function ActivityFormPage() {
  const id = useRouter().params.id;
  const editing = !!id;
  const data = useResource(async () => {
    const [orgs, me, activity] = await Promise.all([api.orgs(), api.me(), id ? api.activity(id) : Promise.resolve(null)]);
    return { orgs: manageableOrgs(orgs.items, me.user.roles), activity };
  }, [id]);
  const [form, setForm] = useState<ActivityForm | null>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [cancelReason, setCancelReason] = useState('');

  useEffect(() => {
    if (editing) void Taro.setNavigationBarTitle({ title: '编辑活动' });
  }, [editing]);

  useEffect(() => {
    if (!data.data || form) return;
    const { orgs, activity } = data.data;
    // A cadre's own union comes first in the list (manageableOrgs): the usual choice.
    setForm(activity ? formFromActivity(activity) : emptyForm(new Date(), orgs[0]?.id ?? ''));
  }, [data.data, form]);

  const orgs = data.data?.orgs ?? [];
  const orgIndex = useMemo(() => orgs.findIndex((o) => o.id === form?.orgId), [orgs, form?.orgId]);

  if (data.loading || (!form && !data.error)) return <PageShell className="page-activity-form"><LoadingView /></PageShell>;
  if (!form || !data.data)
    return (
      <PageShell className="page-activity-form">
        <ErrorView error={data.error ?? { code: undefined, message: '加载失败' }} onRetry={data.reload} />
      </PageShell>
    );

  const original = data.data.activity;
  const set = <K extends keyof ActivityForm>(k: K, v: ActivityForm[K]) => {
    setForm((f) => (f ? { ...f, [k]: v } : f));
    // The message under a field goes away as soon as the person edits it.
    const key = ERROR_KEY[k] ?? k;
    if (errors[key]) setErrors(({ [key]: _, ...rest }) => rest);
  };

  const dateTime = (label: string, dk: DateKey, tk: TimeKey, errKey: string, optional = false) => (
    <View className="form-field">
      <Text className="form-field__label">{label}</Text>
      <View className="datetime">
        <Picker mode="date" value={form[dk] || form.startsDate} onChange={(e) => set(dk, String(e.detail.value))}>
          <View className={`form-field__picker datetime__date field-${dk}`}>
            {form[dk] || <Text className="form-field__placeholder">选择日期</Text>}
          </View>
        </Picker>
        <Picker mode="time" value={form[tk] || '09:00'} onChange={(e) => set(tk, String(e.detail.value))}>
          <View className={`form-field__picker datetime__time field-${tk}`}>
            {form[tk] || <Text className="form-field__placeholder">时间</Text>}
          </View>
        </Picker>
        {optional && (form[dk] || form[tk]) ? (
          <Text
            className="link datetime__clear"
            onClick={() => {
              set(dk, '');
              set(tk, '');
            }}
          >
            清除
          </Text>
        ) : null}
      </View>
      <Err e={errors[errKey]} />
    </View>
  );

  const submit = async () => {
    if (busy) return;
    const v = validateForm(form);
    if (!v.ok) {
      setErrors(v.errors);
      scrollToFirstError();
      toast('请检查标红的内容');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      if (original) {
        const patch = diffPatch(original, v.input);
        if (Object.keys(patch).length === 0) {
          toast('没有需要修改的内容');
          return;
        }
        await cadreApi.update(original.id, patch);
        toast('已保存', 'success');
      } else {
        await cadreApi.create(v.input);
        toast('已发布', 'success');
      }
      setTimeout(() => void Taro.navigateBack(), 800);
    } catch (err) {
      const e = toUiError(err);
      if (err instanceof ApiError && err.details) setErrors(fieldErrors(err.details));
      if (e.code === 'CAPACITY_BELOW_CONFIRMED') setErrors({ capacity: e.message });
      scrollToFirstError();
      await alert(original ? '保存失败' : '发布失败', e.message);
    } finally {
      setBusy(false);
    }
  };

  const cancelActivity = async () => {
    if (!original) return;
    if (!cancelReason.trim()) {
      setErrors({ ...errors, reason: '请填写取消原因' });
      return;
    }
    const ok = await confirm('取消活动', '取消后所有报名将一并取消，并通知已报名的会员。此操作不能撤销。', '取消活动', '不取消');
    if (!ok) return;
    setBusy(true);
    try {
      await cadreApi.cancel(original.id, cancelReason.trim());
      toast('活动已取消', 'success');
      setTimeout(() => void Taro.navigateBack(), 800);
    } catch (err) {
      await alert('取消失败', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="page-activity-form">
      <View className="card activity-form">
        <View className="form-field">
          <Text className="form-field__label">所属工会</Text>
          {editing ? (
            <View className="form-field__picker">{original?.orgName}</View>
          ) : (
            <Picker mode="selector" range={orgs.map((o) => o.name)} value={Math.max(0, orgIndex)} onChange={(e) => set('orgId', orgs[Number(e.detail.value)]?.id ?? '')}>
              <View className="form-field__picker field-orgId">{orgIndex >= 0 ? orgs[orgIndex].name : <Text className="form-field__placeholder">选择工会</Text>}</View>
            </Picker>
          )}
          <Err e={errors.orgId} />
        </View>

        <View className="form-field">
          <Text className="form-field__label">活动名称</Text>
          <Input className="form-field__input field-title" value={form.title} maxlength={60} placeholder="如：职工健康知识讲座" onInput={(e) => set('title', e.detail.value)} />
          <Err e={errors.title} />
        </View>

        <View className="form-field">
          <Text className="form-field__label">活动类型</Text>
          <Picker
            mode="selector"
            range={CATEGORIES.map((c) => CATEGORY_LABELS[c])}
            value={CATEGORIES.indexOf(form.category)}
            onChange={(e) => set('category', CATEGORIES[Number(e.detail.value)] ?? 'other')}
          >
            <View className="form-field__picker field-category">{CATEGORY_LABELS[form.category]}</View>
          </Picker>
          <Err e={errors.category} />
        </View>

        <View className="form-field">
          <Text className="form-field__label">活动地点</Text>
          <Input className="form-field__input field-location-name" value={form.locationName} maxlength={100} placeholder="场馆或单位名称" onInput={(e) => set('locationName', e.detail.value)} />
          <Err e={errors['location.name']} />
          <Input
            className="form-field__input field-location-address"
            value={form.locationAddress}
            maxlength={200}
            placeholder="详细地址（选填）"
            onInput={(e) => set('locationAddress', e.detail.value)}
          />
          <Err e={errors['location.address']} />
        </View>

        {dateTime('活动开始', 'startsDate', 'startsTime', 'startsAt')}
        {dateTime('活动结束', 'endsDate', 'endsTime', 'endsAt')}
        {dateTime('报名开始', 'opensDate', 'opensTime', 'signupOpensAt')}
        {dateTime('报名截止', 'closesDate', 'closesTime', 'signupClosesAt')}
        {dateTime('取消报名截止（选填，默认活动开始前均可取消）', 'cancelDate', 'cancelTime', 'cancelDeadline', true)}

        <View className="form-field">
          <Text className="form-field__label">名额</Text>
          <Input className="form-field__input field-capacity" type="number" value={form.capacity} maxlength={6} placeholder="人数" onInput={(e) => set('capacity', e.detail.value)} />
          <Err e={errors.capacity} />
        </View>

        <View className="form-field row row--between">
          <View>
            <Text>名额满后允许候补</Text>
            <View className="muted">有人取消时按报名顺序自动递补</View>
          </View>
          <Switch className="field-waitlist" checked={form.waitlistEnabled} onChange={(v) => set('waitlistEnabled', v)} />
        </View>

        <View className="form-field">
          <Text className="form-field__label">报名范围</Text>
          <View className="audience">
            <View className={`chip${form.audience === 'org' ? ' chip--on' : ''} audience-org`} onClick={() => set('audience', 'org')}>
              本工会及下属工会
            </View>
            <View className={`chip${form.audience === 'all' ? ' chip--on' : ''} audience-all`} onClick={() => set('audience', 'all')}>
              全市会员
            </View>
          </View>
        </View>

        <View className="form-field">
          <Text className="form-field__label">名额分配</Text>
          {editing ? (
            <View className="form-field__picker">{form.allocation === 'lottery' ? '抽签（发布后不能更改）' : '先到先得（发布后不能更改）'}</View>
          ) : (
            <View className="audience">
              <View className={`chip${form.allocation === 'first_come' ? ' chip--on' : ''} allocation-first-come`} onClick={() => set('allocation', 'first_come')}>
                先到先得
              </View>
              <View className={`chip${form.allocation === 'lottery' ? ' chip--on' : ''} allocation-lottery`} onClick={() => set('allocation', 'lottery')}>
                抽签
              </View>
            </View>
          )}
          <View className="muted">
            {form.allocation === 'lottery' ? '报名截止后系统自动抽签，报名先后不影响结果，抽签结果公开可核验' : '按报名先后确认名额'}
          </View>
        </View>
        {form.allocation === 'lottery' ? (
          <View className="form-field lottery-rules">
            <Text className="form-field__label">优先类别（选填）</Text>
            <View className="audience">
              {MEMBER_GROUPS.map((g) => {
                const on = form.priorityGroups.includes(g);
                return (
                  <View
                    key={g}
                    className={`chip${on ? ' chip--on' : ''} priority-${g}`}
                    onClick={() => {
                      if (editing) return;
                      set('priorityGroups', on ? form.priorityGroups.filter((x) => x !== g) : [...form.priorityGroups, g]);
                    }}
                  >
                    {MEMBER_GROUP_LABELS[g]}
                  </View>
                );
              })}
            </View>
            <Err e={errors.priorityGroups} />
            {form.priorityGroups.length > 0 ? (
              <View>
                <Text className="form-field__label">优先比例（%）</Text>
                <Input
                  className="form-field__input field-priority-share"
                  type="number"
                  value={form.priorityShare}
                  maxlength={3}
                  disabled={editing}
                  placeholder="0至100"
                  onInput={(e) => set('priorityShare', e.detail.value)}
                />
                <Err e={errors.priorityShare} />
                <View className="muted">
                  {/^\d+$/.test(form.priorityShare) && /^\d+$/.test(form.capacity)
                    ? `先从优先类别中按抽签顺序抽出 ${prioritySeats(Number(form.capacity), Number(form.priorityShare))} 个名额，用不完的退回普通名额`
                    : '优先名额 = 名额 × 比例（向下取整），用不完的退回普通名额'}
                </View>
              </View>
            ) : null}
          </View>
        ) : null}
        <View className="form-field">
          <Text className="form-field__label">活动介绍</Text>
          <Textarea
            className="form-field__textarea field-description"
            value={form.description}
            maxlength={5000}
            placeholder="时间安排、参加要求、注意事项等"
            onInput={(e) => set('description', e.detail.value)}
          />
          <Err e={errors.description} />
        </View>
      </View>

      <View className="form-submit">
        <Button className="submit-activity" type="primary" block size="large" loading={busy} onClick={() => void submit()}>
          {editing ? '保存修改' : '发布活动'}
        </Button>
      </View>

      {original && original.status !== 'cancelled' ? (
        <View className="card cancel-activity">
          <View className="cancel-activity__title">取消活动</View>
          <Textarea
            className="form-field__textarea cancel-reason"
            value={cancelReason}
            maxlength={200}
            placeholder="请填写取消原因，将通知已报名的会员"
            onInput={(e) => setCancelReason(e.detail.value)}
          />
          <Err e={errors.reason} />
          <Button className="cancel-activity-button" type="danger" fill="outline" block disabled={busy} onClick={() => void cancelActivity()}>
            取消活动
          </Button>
        </View>
      ) : null}
    </PageShell>
  );
}
