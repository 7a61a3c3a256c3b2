import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ReactNode } from 'react';
import Button from './ui/button';
import { IS_WEAPP } from '../services/platform';
import './PhoneConsent.scss';

export const NEED_CONSENT = '请先阅读并勾选同意《隐私保护指引》';

export type GetPhoneNumberDetail = { code?: string; errMsg?: string };

/** WeChat's own privacy contract where the base library has it, else the page's summary. */
export function openPrivacy(summary: string) {
  const open = (Taro as unknown as { openPrivacyContract?: (o: { fail?: () => void }) => void }).openPrivacyContract;
  if (IS_WEAPP && open) open({ fail: () => void Taro.showModal({ title: '隐私保护指引', content: summary, showCancel: false }) });
  else void Taro.showModal({ title: '隐私保护指引', content: summary, showCancel: false });
}

/**
 * The end of a form that sends a WeChat phone number (实名绑定, 申请入会): the consent box with the
 * privacy guide, then the submit button, which asks WeChat for the phone number only once consent
 * is given (before that, and in H5, it is a plain button: `onSubmitTap`), and the plain link that
 * submits without a phone number. Class names carry the page's prefix (bind-…, join-…).
 */
export default function PhoneConsent(props: {
  prefix: 'bind' | 'join';
  agreed: boolean;
  onToggle: () => void;
  privacySummary: string;
  busy: boolean;
  /** The button's text in WeChat (验证手机号并…) and in H5. */
  label: { weapp: string; h5: string };
  onPhoneNumber: (detail: GetPhoneNumberDetail) => void;
  onSubmitTap: () => void;
  plain: { className: string; text: string; onTap: () => void };
  /** Between the consent box and the button: the server's answer, a way out. */
  between?: ReactNode;
  /** Under the plain link (取消). */
  after?: ReactNode;
}) {
  const { prefix, agreed } = props;
  return (
    <>
      <View className={`phone-consent ${prefix}-consent${agreed ? ` phone-consent--checked ${prefix}-consent--checked` : ''}`} role="checkbox" aria-checked={agreed} onClick={props.onToggle}>
        <View className={`phone-consent__box ${prefix}-consent__box`}>{agreed ? '✓' : ''}</View>
        <Text className={`phone-consent__text ${prefix}-consent__text`}>
          我已阅读并同意
          <Text
            className={`phone-consent__link ${prefix}-consent__link`}
            onClick={(e) => {
              e.stopPropagation();
              openPrivacy(props.privacySummary);
            }}
          >
            《隐私保护指引》
          </Text>
        </Text>
      </View>
      {props.between}
      <View className={`phone-submit ${prefix}-submit`}>
        {IS_WEAPP && agreed ? (
          // Only once consent is given does the button ask WeChat for the phone number.
          <Button
            className={`${prefix}-button`}
            type="primary"
            block
            size="large"
            loading={props.busy}
            openType="getPhoneNumber"
            onGetPhoneNumber={(e: { detail: GetPhoneNumberDetail }) => props.onPhoneNumber(e.detail)}
          >
            {props.label.weapp}
          </Button>
        ) : (
          <Button className={`${prefix}-button`} type="primary" block size="large" loading={props.busy} onClick={props.onSubmitTap}>
            {IS_WEAPP ? props.label.weapp : props.label.h5}
          </Button>
        )}
        <View className={`phone-plain muted ${props.plain.className}`} onClick={props.plain.onTap}>
          {props.plain.text}
        </View>
        {props.after}
      </View>
    </>
  );
}
