// The contract's error codes (api.md "Conventions"): HTTP status and the message a person sees.
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_JSON: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_A_MEMBER: 403,
  NOT_ELIGIBLE: 403,
  NOT_FOUND: 404,
  ALREADY_BOUND: 409,
  SIGNUP_NOT_OPEN: 409,
  SIGNUP_CLOSED: 409,
  ACTIVITY_FULL: 409,
  ACTIVITY_CANCELLED: 409,
  CANCEL_DEADLINE_PASSED: 409,
  ALREADY_CHECKED_IN: 409,
  WRONG_ACTIVITY: 409,
  NOT_CONFIRMED: 409,
  REGISTRATION_CANCELLED: 409,
  INVALID_TRANSITION: 409,
  CAPACITY_BELOW_CONFIRMED: 409,
  // ---------- v1.1 (api.md "v1.1 additions") ----------
  PHONE_MISMATCH: 409,
  ALREADY_MEMBER: 409,
  APPLICATION_PENDING: 409,
  DRAW_NOT_READY: 409,
  ALREADY_DRAWN: 409,
  WINDOW_CLOSED: 409,
  KEY_REVOKED: 401,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // ---------- end v1.1 ----------
  // extension (docs/api-extensions.md "Resumable uploads"): a chunk not at the session's offset
  UPLOAD_OFFSET_MISMATCH: 409,
  PAYLOAD_TOO_LARGE: 413,
  TICKET_INVALID: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  VALIDATION_FAILED: '填写的内容有误，请检查后重试',
  BAD_JSON: '请求格式错误，无法解析',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '您没有权限进行此操作',
  NOT_A_MEMBER: '请先完成实名绑定，成为工会会员后再操作',
  NOT_ELIGIBLE: '该活动仅面向指定工会的会员，您不在报名范围内',
  NOT_FOUND: '未找到相关内容',
  ALREADY_BOUND: '该会员信息已绑定其他微信账号，如有疑问请联系所在工会',
  SIGNUP_NOT_OPEN: '报名尚未开始，请在报名开始后再来',
  SIGNUP_CLOSED: '报名已截止',
  ACTIVITY_FULL: '名额已满',
  ACTIVITY_CANCELLED: '该活动已取消',
  CANCEL_DEADLINE_PASSED: '已过取消报名的截止时间，无法取消',
  ALREADY_CHECKED_IN: '已签到，无法取消报名',
  WRONG_ACTIVITY: '非本场活动的签到码',
  NOT_CONFIRMED: '候补未确认，不能签到',
  REGISTRATION_CANCELLED: '该报名已取消，不能签到',
  INVALID_TRANSITION: '状态变更不符合规则',
  CAPACITY_BELOW_CONFIRMED: '名额不能少于已确认报名的人数',
  // ---------- v1.1 ----------
  PHONE_MISMATCH: '微信手机号与工会会员名册登记的手机号不一致，请使用登记的手机号，或联系所在工会更新名册',
  ALREADY_MEMBER: '您已是工会会员，无需重复申请入会',
  APPLICATION_PENDING: '您已有一份正在办理的申请，请等待审核结果',
  DRAW_NOT_READY: '尚未到抽签时间或报名尚未截止，暂不能抽签',
  ALREADY_DRAWN: '该活动已完成抽签，不能重复抽签',
  WINDOW_CLOSED: '不在办理时间内，请在规定时间内提交',
  KEY_REVOKED: '该服务密钥已被吊销，请联系管理员重新申请',
  UNSUPPORTED_MEDIA_TYPE: '不支持的文件类型或内容类型',
  // ---------- end v1.1 ----------
  UPLOAD_OFFSET_MISMATCH: '上传进度不一致，请从服务器记录的位置继续上传',
  PAYLOAD_TOO_LARGE: '提交的内容过大',
  TICKET_INVALID: '票据无效',
  RATE_LIMITED: '操作过于频繁，请稍后再试',
  INTERNAL: '服务暂时出现问题，请稍后再试',
  UNAVAILABLE: '服务繁忙，请稍后再试',
};

export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}
