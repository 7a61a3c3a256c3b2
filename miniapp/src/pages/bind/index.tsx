import { Input, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../components/PageShell';
import Button from '../../components/ui/button';
import { toUiError } from '../../hooks/resource';
import { api, ApiError } from '../../services/api';
import { ZBindRequest } from '../../services/contract';
import { returnAfterBinding, saveUser } from '../../services/session';
import { fieldErrors, scrollToFirstError, type FieldErrors } from '../../utils/form';
import { toast } from '../../utils/feedback';
import './index.scss';

export default function BindPage() {
  // Where the member came from (an activity they wanted to sign up for): back there afterwards.
  const from = useRouter().params.from;
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (busy) return;
    setServerError(null);
    const parsed = ZBindRequest.safeParse({ name, idNumber });
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues));
      scrollToFirstError();
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.bind(parsed.data);
      const me = await api.me().catch(() => null);
      if (me) saveUser(me.user);
      toast('绑定成功', 'success');
      setTimeout(() => returnAfterBinding(from ? decodeURIComponent(from) : undefined), 800);
    } catch (err) {
      const e = toUiError(err);
      if (err instanceof ApiError && err.details) {
        setErrors(fieldErrors(err.details));
        scrollToFirstError();
      }
      setServerError(e.code === 'NOT_FOUND' ? '未在工会会员名册中找到与您的姓名和身份证号相符的记录，请核对后重试，或联系所在工会。' : e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <PageShell className="page-bind">
      <View className="bind-intro">
        <View className="bind-intro__title">绑定工会会员身份</View>
        <View className="muted">填写与工会会员名册一致的姓名和身份证号。身份证号仅用于核验身份，页面上只显示部分号码。</View>
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
      </View>
      {serverError ? <View className="notice notice--warn bind-error">{serverError}</View> : null}
      <View className="bind-submit">
        <Button className="bind-button" type="primary" block size="large" loading={busy} onClick={() => void submit()}>
          提交绑定
        </Button>
      </View>
    </PageShell>
  );
}
