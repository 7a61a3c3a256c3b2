import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import PhoneConsent, { NEED_CONSENT, type GetPhoneNumberDetail } from '../../components/PhoneConsent';
import Button from '../../components/ui/button';
import { toUiError } from '../../hooks/resource';
import { api, ApiError } from '../../services/api';
import { ZBindRequest } from '../../services/contract';
import { IS_WEAPP } from '../../services/platform';
import { returnAfterBinding, saveUser } from '../../services/session';
import { fieldErrors, scrollToFirstError, type FieldErrors } from '../../utils/form';
import { toast } from '../../utils/feedback';
import './index.scss';

const PRIVACY_SUMMARY =
  '为核验您的工会会员身份，我们会收集您填写的姓名、身份证号，以及经您授权由微信提供的手机号，仅用于与工会会员名册比对；身份证号以加密摘要保存，页面只显示部分号码，不用于其他目的。';

export default function BindPage() {
  // Where the member came from (an activity they wanted to sign up for): back there afterwards.
  const from = useRouter().params.from;
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  // H5 / local demo only: the server's dev login takes `dev-phone:<11 digits>` for the number WeChat would give.
  const [devPhone, setDevPhone] = useState('');
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  // 入会 (issue #15): someone not on the roster may apply to join instead of hitting a dead end
  const [notOnRoster, setNotOnRoster] = useState(false);
  const [busy, setBusy] = useState(false);

  /** The form as the contract wants it, or null (errors shown) when something is missing. */
  const checkedForm = () => {
    setServerError(null);
    if (!agreed) {
      setServerError(NEED_CONSENT);
      return null;
    }
    const parsed = ZBindRequest.safeParse({ name, idNumber });
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

  const send = async (form: { name: string; idNumber: string }, phoneCode: string | undefined) => {
    if (busy) return;
    setBusy(true);
    try {
      const bound = await api.bind({ ...form, ...(phoneCode ? { phoneCode } : {}) });
      const me = await api.me().catch(() => null);
      if (me) saveUser(me.user);
      toast(bound.verification === 'phone' ? '绑定成功，手机号已验证' : '绑定成功', 'success');
      setTimeout(() => returnAfterBinding(from ? decodeURIComponent(from) : undefined), 800);
    } catch (err) {
      const e = toUiError(err);
      setNotOnRoster(e.code === 'NOT_FOUND');
      if (err instanceof ApiError && err.details) {
        setErrors(fieldErrors(err.details));
        scrollToFirstError();
      }
      setServerError(
        e.code === 'NOT_FOUND'
          ? '未在工会会员名册中找到与您的姓名和身份证号相符的记录，请核对后重试，或联系所在工会。'
          : e.code === 'PHONE_MISMATCH'
            ? '您微信绑定的手机号与工会会员名册登记的手机号不一致。请联系所在工会更新名册，或先不验证手机号完成绑定。'
            : e.message,
      );
    } finally {
      setBusy(false);
    }
  };

  /** The mini-program: WeChat shows its own phone authorisation, then hands us a one-time code. */
  const onGetPhoneNumber = (detail: GetPhoneNumberDetail) => {
    const form = checkedForm();
    if (!form) return;
    if (!detail.code) {
      setServerError('未获得手机号授权。可以重新点击并允许，或选择“暂不验证手机号”完成绑定。');
      return;
    }
    void send(form, detail.code);
  };

  const submitDev = () => {
    const form = checkedForm();
    if (form) void send(form, devPhone.trim() ? `dev-phone:${devPhone.trim()}` : undefined);
  };

  const submitIdOnly = () => {
    const form = checkedForm();
    if (form) void send(form, undefined);
  };


  return (
    <PageShell className="page-bind">
      <View className="bind-intro">
        <View className="bind-intro__title">绑定工会会员身份</View>
        <View className="muted">填写与工会会员名册一致的姓名和身份证号，并验证名册登记的手机号。身份证号仅用于核验身份，页面上只显示部分号码。</View>
      </View>
      <View className="card bind-form">
        <View className="form-field">
          <Text className="form-field__label">姓名</Text>
          <Input className="form-field__input bind-name" value={name} placeholder="请输入真实姓名" maxlength={30} onInput={(e) => setName(e.detail.value)} />
          {errors.name ? <View className="field-error">{errors.name}</View> : null}
        </View>
        <View className="form-field">
          <Text className="form-field__label">身份证号</Text>
          <Input
            className="form-field__input bind-id-number"
            type="idcard"
            value={idNumber}
            placeholder="请输入18位身份证号"
            maxlength={18}
            onInput={(e) => setIdNumber(e.detail.value)}
          />
          {errors.idNumber ? <View className="field-error">{errors.idNumber}</View> : null}
        </View>
        {IS_WEAPP ? null : (
          <View className="form-field">
            <Text className="form-field__label">手机号（演示）</Text>
            <Input
              className="form-field__input bind-phone"
              type="number"
              value={devPhone}
              placeholder="名册登记的手机号，代替微信授权"
              maxlength={11}
              onInput={(e) => setDevPhone(e.detail.value)}
            />
            {errors.phoneCode ? <View className="field-error">{errors.phoneCode}</View> : null}
          </View>
        )}
      </View>
      <PhoneConsent
        prefix="bind"
        agreed={agreed}
        onToggle={() => setAgreed(!agreed)}
        privacySummary={PRIVACY_SUMMARY}
        busy={busy}
        label={{ weapp: '验证手机号并绑定', h5: '提交绑定' }}
        onPhoneNumber={onGetPhoneNumber}
        onSubmitTap={() => (IS_WEAPP ? checkedForm() : submitDev())}
        plain={{ className: 'bind-id-only', text: '暂不验证手机号，仅用姓名和身份证号绑定（工会干部等身份须验证手机号后生效）', onTap: () => submitIdOnly() }}
        between={
          <>
            {serverError ? <View className="notice notice--warn bind-error">{serverError}</View> : null}
            {notOnRoster ? (
              <View className="card bind-join">
                <View className="muted">还不是工会会员？可以在线申请入会，工会审核通过后自动完成绑定。</View>
                <Button className="bind-to-join" block size="large" onClick={() => void Taro.navigateTo({ url: '/pages/join/index' })}>
                  申请入会
                </Button>
              </View>
            ) : null}
          </>
        }
      />
    </PageShell>
  );
}
