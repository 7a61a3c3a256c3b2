import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { usePagedList } from '../../../hooks/paged-list';
import { claimTone } from '../../../hooks/use-claims';
import type { TAdminMember, TOfficerClaimSummary } from '../../../services/contract';
import { go } from '../../../utils/feedback';
import MemberSearch from '../components/MemberSearch';
import { officeApi } from '../office-api';
import { useOfficeAccess } from '../use-office';
import { CLAIM_STATUS_LABELS, PLAN_NAMES } from '../../../../../shared/domain/claims.js';
import { formatYuan } from '../../../../../shared/domain/money.js';
import { formatDate } from '../../../../../shared/domain/time.js';
import LoadMore from '../components/LoadMore';
import '../office.scss';

type Query = { claimNo: string } | { member: TAdminMember };

function ClaimResults({ query }: { query: Query }) {
  const list = usePagedList<TOfficerClaimSummary>(
    (cursor) => officeApi.claims('claimNo' in query ? { claimNo: query.claimNo, cursor } : { memberId: query.member.id, cursor }),
    [query],
  );
  if (list.loading) return <LoadingView />;
  if (list.error && list.items.length === 0) return <ErrorView error={list.error} onRetry={list.reload} />;
  if (list.items.length === 0) return <EmptyView title="没有找到理赔申请" description={'claimNo' in query ? '请核对申请编号' : `${query.member.name}名下没有理赔申请`} />;
  return (
    <View className="card claim-results">
      {'member' in query ? <View className="section-title">{query.member.name}的理赔申请</View> : null}
      {list.items.map((c) => (
        <View key={c.id} className="list-row officer-claim-row" data-id={c.id} onClick={() => go(`/packages/office/claim/index?id=${c.id}`)}>
          <View className="list-row__main">
            <Text className="list-row__title">{PLAN_NAMES[c.plan]}</Text>
            <Text className="muted">{c.claimNo}</Text>
            <Text className="muted">
              {c.memberName} · 出险 {formatDate(c.incidentDate)}
            </Text>
          </View>
          <View className="list-row__side">
            <Text className={`claim-status claim-status--${claimTone(c.status)}`}>{CLAIM_STATUS_LABELS[c.status]}</Text>
            <Text className="muted">¥{formatYuan(c.amountClaimedFen)}</Text>
          </View>
        </View>
      ))}
      <LoadMore list={list} />
    </View>
  );
}

export default function ClaimsPage() {
  const { allowed, ready } = useOfficeAccess('claims');
  const [mode, setMode] = useState<'claimNo' | 'member'>('claimNo');
  const [claimNo, setClaimNo] = useState('');
  const [query, setQuery] = useState<Query | null>(null);

  if (!ready) return <PageShell className="page-office-claims"><LoadingView /></PageShell>;
  if (!allowed) return <PageShell className="page-office-claims"><EmptyView title="您没有查询理赔的权限" /></PageShell>;

  const switchTo = (m: 'claimNo' | 'member') => {
    setMode(m);
    setQuery(null);
  };

  return (
    <PageShell className="page-office-claims">
      <View className="chip-row claims-modes">
        <View className={`chip claims-mode${mode === 'claimNo' ? ' chip--on' : ''}`} data-mode="claimNo" onClick={() => switchTo('claimNo')}>
          按申请编号
        </View>
        <View className={`chip claims-mode${mode === 'member' ? ' chip--on' : ''}`} data-mode="member" onClick={() => switchTo('member')}>
          按会员
        </View>
      </View>
      {mode === 'claimNo' ? (
        <View className="card">
          <View className="office-search">
            <Input
              className="office-input claim-no-search"
              value={claimNo}
              placeholder="申请编号"
              confirmType="search"
              onInput={(e) => setClaimNo(e.detail.value)}
              onConfirm={() => claimNo.trim() && setQuery({ claimNo: claimNo.trim() })}
            />
            <Button className="claim-search-go" type="primary" onClick={() => claimNo.trim() && setQuery({ claimNo: claimNo.trim() })}>
              查找
            </Button>
          </View>
        </View>
      ) : query && 'member' in query ? (
        <View className="card">
          <View className="row row--between">
            <Text>{query.member.name} · {query.member.memberNo}</Text>
            <Text className="link change-member" onClick={() => setQuery(null)}>
              换一位
            </Text>
          </View>
        </View>
      ) : (
        <MemberSearch orgs={[]} onOpen={(m) => setQuery({ member: m })} />
      )}
      {query ? <ClaimResults query={query} /> : null}
    </PageShell>
  );
}
