import { Text, View } from '@tarojs/components';
import Taro, { useDidHide, useDidShow } from '@tarojs/taro';
import { useRef } from 'react';
import PageShell from '../../components/PageShell';
import QrCode from '../../components/QrCode';
import { EmptyView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import { useMemberCard, CODE_REFRESH_SECONDS } from '../../hooks/use-member-card';
import { IS_WEAPP } from '../../services/platform';
import { go } from '../../utils/feedback';
import { MEMBERSHIP_STATUS_LABELS } from '../../../../shared/domain/member-codes.js';
import { formatDate, formatDateTime } from '../../../../shared/domain/time.js';
import './index.scss';

/**
 * 电子会员卡: the card from the phone's copy first, refreshed from the server when it can be. The
 * member code is redrawn every 30 s on the phone with the device key the server certified, so it
 * keeps changing at a venue without signal (marked 离线); a screenshot is refused after 120 s.
 */
export default function CardPage() {
  const { cached, code, loading, offline, error, reload } = useMemberCard();
  const brightness = useRef<number | null>(null);

  // A venue's scanner reads a bright screen better; the member's own brightness comes back on leave.
  useDidShow(() => {
    void reload();
    if (!IS_WEAPP) return;
    void Taro.setKeepScreenOn({ keepScreenOn: true });
    Taro.getScreenBrightness({
      success: (r) => {
        brightness.current = r.value;
        Taro.setScreenBrightness({ value: 1 });
      },
    });
  });
  useDidHide(() => {
    if (!IS_WEAPP) return;
    void Taro.setKeepScreenOn({ keepScreenOn: false });
    if (brightness.current !== null) Taro.setScreenBrightness({ value: brightness.current });
  });

  if (!cached && loading) return <PageShell className="page-card"><LoadingView /></PageShell>;
  if (!cached) {
    const notMember = error?.code === 'NOT_A_MEMBER';
    return (
      <PageShell className="page-card">
        <EmptyView
          title={notMember ? '尚未成为工会会员' : '会员卡暂时无法显示'}
          description={notMember ? '完成实名绑定后，电子会员卡会显示在这里' : error?.message}
          action={
            notMember ? (
              <Button className="card-bind" type="primary" onClick={() => go('/pages/bind/index')}>
                实名绑定
              </Button>
            ) : (
              <Button className="card-retry" onClick={() => void reload()}>
                重试
              </Button>
            )
          }
        />
      </PageShell>
    );
  }

  const { card } = cached;
  return (
    <PageShell className="page-card">
      <View className={`member-card-full${offline ? ' member-card-full--offline' : ''}`}>
        <View className="member-card-full__top">
          <Text className="member-card-full__name">{card.name}</Text>
          {offline ? <Text className="card-offline">离线</Text> : null}
        </View>
        <View className="member-card-full__org">{card.orgName}</View>
        <View className="member-card-full__rows">
          <View className="member-card-full__row">
            <Text className="member-card-full__k">会员编号</Text>
            <Text className="member-card-full__v card-member-no">{card.memberNo}</Text>
          </View>
          <View className="member-card-full__row">
            <Text className="member-card-full__k">入会日期</Text>
            <Text className="member-card-full__v card-joined">{formatDate(card.joinedOn)}</Text>
          </View>
          <View className="member-card-full__row">
            <Text className="member-card-full__k">会籍状态</Text>
            <Text className={`member-card-full__v card-status card-status--${card.status}`}>{MEMBERSHIP_STATUS_LABELS[card.status]}</Text>
          </View>
        </View>
        <View className="member-code">
          {code?.code ? (
            <>
              <QrCode className="member-code-qr" text={code.code} size={280} />
              <View className="member-code__tip">会员码每{CODE_REFRESH_SECONDS}秒自动更新，截图无效</View>
              <Text className="card-code-text" selectable>
                {code.code}
              </Text>
            </>
          ) : code ? (
            <View className="member-code__expired">会员码已过期，请联网后重新打开会员卡</View>
          ) : null}
        </View>
        {offline ? (
          <View className="member-card-full__offline-tip">当前离线：显示的是手机上保存的会员卡，会员码离线可用至 {formatDateTime(card.certificateExpiresAt)}</View>
        ) : null}
      </View>
    </PageShell>
  );
}
