// 入会 (issue #15): the applicant's endpoints, on the one request client.
import { request } from './api';
import { ZJoinApplication, ZJoinApplicationList, ZMembershipTransfer, ZMembershipTransferList, type TJoinApplicationRequest } from './contract';

const enc = encodeURIComponent;

export const joinApi = {
  apply: (body: TJoinApplicationRequest) => request({ method: 'POST', path: '/join-applications', body, schema: ZJoinApplication }),
  mine: () => request({ path: '/me/join-applications', query: { limit: 20 }, schema: ZJoinApplicationList }),
  withdraw: (id: string) => request({ method: 'POST', path: `/join-applications/${enc(id)}/withdraw`, schema: ZJoinApplication }),
  // 会籍转移 (extension)
  transfers: () => request({ path: '/me/membership-transfers', schema: ZMembershipTransferList }),
  requestTransfer: (toOrgId: string) => request({ method: 'POST', path: '/me/membership-transfers', body: { toOrgId }, schema: ZMembershipTransfer }),
  cancelTransfer: (id: string) => request({ method: 'POST', path: `/me/membership-transfers/${enc(id)}/cancel`, schema: ZMembershipTransfer }),
};

export const TRANSFER_STATUS_TEXT: Record<string, string> = {
  requested: '等待新工会接收',
  accepted: '新工会已接收，原工会异议期内',
  completed: '已完成',
  rejected: '新工会未接收',
  objected: '原工会有异议，未能转入',
  cancelled: '已撤回',
};

/** Gig platforms offered on the form; one with an industry union gets the application. */
export const PLATFORMS = ['饿了么', '美团', '滴滴出行', 'UU跑腿', '顺丰同城', '货拉拉', '其他平台'];
/** Zhengzhou's districts and county-level cities: an application without a platform union goes to the district's. */
export const DISTRICTS = ['中原区', '二七区', '管城回族区', '金水区', '上街区', '惠济区', '郑东新区', '高新区', '经开区', '航空港区', '巩义市', '荥阳市', '新密市', '新郑市', '登封市', '中牟县'];

/** The union a join code chose: `orgId` in the path, or `scene` "o=<id>" from WeChat's mini-program code. */
export function orgFromParams(params: Record<string, string | undefined>): string | undefined {
  if (params.orgId && /^[1-9]\d{0,17}$/.test(params.orgId)) return params.orgId;
  const scene = params.scene ? decodeURIComponent(params.scene) : '';
  const m = /^o=([1-9]\d{0,17})$/.exec(scene);
  return m ? m[1] : undefined;
}
