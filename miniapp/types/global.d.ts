/// <reference types="@tarojs/taro" />

declare module '*.png';
declare module '*.css';
declare module '*.scss';

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production';
    TARO_ENV: 'weapp' | 'swan' | 'alipay' | 'h5' | 'rn' | 'tt' | 'qq' | 'jd' | 'harmony' | 'jdrn';
    TARO_APP_ID: string;
  }
}

/** Base URL of the HTTP API: "/api" in H5 (same origin), the ICP-filed domain in the weapp. */
declare const API_BASE: string;
/** Subscription-message template ids by notice kind (build-time env WECHAT_TEMPLATE_*); '' when not configured. */
declare const WECHAT_TEMPLATES: Record<
  'waitlist_promoted' | 'activity_cancelled' | 'claim_status_changed' | 'lottery_result' | 'aid_status_changed' | 'join_application' | 'membership_transfer',
  string
>;
