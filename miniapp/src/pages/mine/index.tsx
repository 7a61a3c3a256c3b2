import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import PageShell from '../../components/PageShell';
import { ErrorView, LoadingView } from '../../components/StateViews';
import Button from '../../components/ui/button';
import Cell from '../../components/ui/cell';
import CellGroup from '../../components/ui/cell-group';
import Switch from '../../components/ui/switch';
import { useLargeText } from '../../hooks/use-large-text';
import { useMe } from '../../hooks/use-me';
import type { TMember } from '../../services/contract';
import { setLargeText } from '../../services/large-text';
import { canVerifyMemberCodes, clearSession, getCachedUser, hasOfficeRole, isCadre } from '../../services/session';
import { clearCard } from '../../services/card-cache';
import { clearTickets } from '../../services/ticket-cache';
import { confirm, go } from '../../utils/feedback';
import { usePageRefresh } from '../../hooks/use-page-refresh';
import { useResource } from '../../hooks/resource';
import { IS_WEAPP } from '../../services/platform';
import { askForNotices, nextNoticesToAsk, NOTICE_LABELS, noticeState, subscriptionApi, type NoticeKind, type NoticeState } from '../../services/subscriptions';
import './index.scss';

function MemberCard({ member }: { member: TMember }) {
  return (
    <View className="member-card">
      <View className="member-card__top">
        <Text className="member-card__name">{member.name}</Text>
        <Text className="member-card__badge">工会会员</Text>
      </View>
      <View className="member-card__org">{member.orgName}</View>
      <View className="member-card__rows">
        <View className="member-card__row">
          <Text className="member-card__k">会员编号</Text>
          <Text className="member-card__v member-no">{member.memberNo}</Text>
        </View>
        <View className="member-card__row">
          <Text className="member-card__k">身份证号</Text>
          <Text className="member-card__v">{member.idNumberMasked}</Text>
        </View>
        {member.phoneMasked ? (
          <View className="member-card__row">
            <Text className="member-card__k">手机号码</Text>
            <Text className="member-card__v">{member.phoneMasked}</Text>
          </View>
        ) : null}
      </View>
    </View>
  );
}

const NOTICE_KINDS = Object.keys(NOTICE_LABELS) as NoticeKind[];
const STATE_TEXT: Record<NoticeState, string> = { on: '已开启', refused: '已拒绝', off: '未开启' };

/**
 * Which notices will reach the member. WeChat's subscriptions are one-time: each "允许" lets one
 * message through, so "已开启" says how many are left, and the button asks again (in the tap).
 */
function Notices() {
  const subs = useResource(() => subscriptionApi.list(), []);
  usePageRefresh(subs);
  const items = (subs.data?.items ?? [])
    .filter((i): i is typeof i & { template: NoticeKind } => NOTICE_KINDS.includes(i.template as NoticeKind))
    .sort((a, b) => NOTICE_KINDS.indexOf(a.template) - NOTICE_KINDS.indexOf(b.template));
  // WeChat's dialog takes 3 notices at most: each tap asks for the next 3 that are not on yet.
  const next = nextNoticesToAsk(items);

  const turnOn = () => {
    // Synchronously inside the tap: WeChat opens the dialog nowhere else.
    void askForNotices(next).then((answer) => {
      if (answer.asked) void subs.reload();
    });
  };

  return (
    <View className="card notices">
      <View className="row row--between">
        <Text className="notices__title">消息通知</Text>
        {IS_WEAPP && next.length ? (
          <Button className="notices-on" size="small" fill="outline" onClick={turnOn}>
            开启通知
          </Button>
        ) : null}
      </View>
      {subs.error && !subs.data ? <View className="muted">{subs.error.message}</View> : null}
      {items.map((i) => {
        const state = noticeState(i);
        return (
          <View key={i.template} className={`row row--between notice-row notice-row--${state}`} data-template={i.template}>
            <Text>{NOTICE_LABELS[i.template]}</Text>
            <Text className={`notice-state notice-state--${state}`}>
              {STATE_TEXT[state]}
              {state === 'on' ? `（可接收 ${i.remaining} 条）` : ''}
            </Text>
          </View>
        );
      })}
      <View className="muted notices__tip">
        {IS_WEAPP ? '微信订阅消息每次“允许”可收到一条通知，每次最多询问3项；报名、申请入会、互助金和帮扶时也会询问。' : '请在微信小程序中开启通知。'}
      </View>
    </View>
  );
}

export default function MinePage() {
  const me = useMe();
  const large = useLargeText();
  const user = me.data?.user ?? getCachedUser();

  // Back from binding: show the member card at once.
  usePageRefresh(me);

  const logout = async () => {
    if (!(await confirm('退出登录', '退出后需要重新登录。手机上保存的电子票和会员卡也会清除。', '退出'))) return;
    clearSession();
    clearTickets();
    clearCard();
    void Taro.reLaunch({ url: '/pages/login/index' });
  };

  let head;
  if (me.loading) head = <LoadingView />;
  else if (!me.data) head = <ErrorView error={me.error ?? { code: undefined, message: '加载失败' }} onRetry={me.reload} />;
  else if (me.data.member) head = <MemberCard member={me.data.member} />;
  else
    head = (
      <View className="card unbound-card">
        <View className="unbound-card__title">尚未实名绑定</View>
        {me.data.bindingReleased ? (
          // Someone proved the roster phone of the member this user had bound by name and ID number alone.
          <View className="notice notice--warn binding-released">您此前仅凭姓名和身份证号完成的绑定，已由该会员本人通过手机号验证后解除。如有疑问，请联系所在工会。</View>
        ) : null}
        <View className="muted">绑定工会会员身份后，可报名活动、查看互助保障。</View>
        <Button className="bind-entry" type="primary" block onClick={() => go('/pages/bind/index')}>
          实名绑定
        </Button>
      </View>
    );

  return (
    <PageShell className="page-mine">
      {head}
      {me.data?.user ? <Notices /> : null}
      <View className="mine-entries">
        <CellGroup>
          {me.data?.member ? (
            <Cell className="entry-card" title="电子会员卡" description="出示会员码，断网也能用" extra="›" clickable onClick={() => go('/pages/card/index')} />
          ) : null}
          {me.data?.member ? (
            <Cell className="entry-transfer" title="会籍转移" description="换了工作单位，把会籍转入新单位的工会" extra="›" clickable onClick={() => go('/pages/join/index')} />
          ) : null}
          <Cell className="entry-my-registrations" title="我的报名" extra="›" clickable onClick={() => go('/pages/my-registrations/index')} />
          <Cell
            className="entry-large-text"
            title="大字模式"
            description="放大文字，方便阅读"
            extra={<Switch className="large-text-switch" checked={large} onChange={(v) => setLargeText(v)} />}
          />
          {isCadre(user) ? (
            <Cell className="entry-cadre" title="工会干部入口" description="发布活动、扫码签到、查看名单" extra="›" clickable onClick={() => go('/packages/cadre/manage/index')} />
          ) : null}
          {canVerifyMemberCodes(user) ? (
            <Cell className="entry-verify-card" title="核验会员码" description="场馆、活动现场核验会员身份" extra="›" clickable onClick={() => go('/packages/cadre/member-code/index')} />
          ) : null}
          {hasOfficeRole(user) ? (
            <Cell className="entry-office" title="工会办公" description="导入表格、查询会员与理赔、统计" extra="›" clickable onClick={() => go('/packages/office/index/index')} />
          ) : null}
        </CellGroup>
      </View>
      <View className="logout">
        <Button className="logout-button" fill="none" onClick={() => void logout()}>
          退出登录
        </Button>
      </View>
    </PageShell>
  );
}
