import { Textarea, Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { useRef, useState } from 'react';
import PageShell from '../../../components/PageShell';
import Button from '../../../components/ui/button';
import { IS_WEAPP } from '../../../services/platform';
import { checkAtVenue, refreshVenueKey, type VenueVerdict } from './venue-check';
import './index.scss';

/**
 * 核验会员码: a venue (verifier, cadre, admin) scans or pastes a member's code and sees the verdict
 * in large text. Online the server decides; without network the phone checks the signatures with
 * the key it kept (marked 本机核验).
 */
export default function MemberCodePage() {
  const [code, setCode] = useState('');
  const [verdict, setVerdict] = useState<(VenueVerdict & { seq: number }) | null>(null);
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useDidShow(() => {
    void refreshVenueKey();
  });

  const check = async (text: string) => {
    if (busy) return;
    setBusy(true);
    try {
      const v = await checkAtVenue(text);
      setVerdict({ ...v, seq: ++seq.current });
      if (IS_WEAPP) void (v.tone === 'ok' ? Taro.vibrateShort({ type: 'medium' }) : Taro.vibrateLong());
    } finally {
      setBusy(false);
    }
  };

  const scan = () => {
    Taro.scanCode({
      onlyFromCamera: true,
      scanType: ['qrCode'],
      success: (r) => {
        setCode(r.result);
        void check(r.result);
      },
    });
  };

  return (
    <PageShell className="page-member-code">
      <View className={`mc-verdict mc-verdict--${verdict ? verdict.tone : 'idle'}`} key={verdict?.seq ?? 0}>
        <Text className="mc-verdict__title">{verdict ? verdict.title : '等待核验'}</Text>
        {verdict?.name ? (
          <Text className="mc-verdict__name">
            {verdict.name}
            {verdict.memberNo ? `  ${verdict.memberNo}` : ''}
          </Text>
        ) : null}
        {verdict?.orgName ? <Text className="mc-verdict__line">{verdict.orgName}</Text> : null}
        {verdict?.status ? <Text className="mc-verdict__line">会籍：{verdict.status}</Text> : null}
        {verdict?.detail ? <Text className="mc-verdict__detail">{verdict.detail}</Text> : !verdict ? <Text className="mc-verdict__detail">请会员打开“我的 → 电子会员卡”出示会员码</Text> : null}
        {verdict?.offline ? <Text className="mc-verdict__offline">本机核验</Text> : null}
      </View>
      {IS_WEAPP ? (
        <Button className="mc-scan" type="primary" block onClick={scan}>
          扫描会员码
        </Button>
      ) : null}
      <View className="card mc-manual">
        <Textarea className="mc-input" value={code} maxlength={1000} placeholder="或粘贴会员码文字" onInput={(e) => setCode(e.detail.value)} />
        <Button className="mc-check" block disabled={busy} onClick={() => void check(code)}>
          {busy ? '核验中…' : '核验'}
        </Button>
      </View>
    </PageShell>
  );
}
