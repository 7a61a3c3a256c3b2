// Search the roster (name, member number or last 4 phone digits) within the person's subtree;
// the server decides the subtree. Used by 会员查询 and by 理赔查询's "by member".
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { usePagedList } from '../../../hooks/paged-list';
import type { TAdminMember, TOrg } from '../../../services/contract';
import { officeApi } from '../office-api';
import { BINDING_LABELS } from '../sections';
import OrgPicker from './OrgPicker';
import LoadMore from './LoadMore';

export default function MemberSearch({ orgs, onOpen }: { orgs: TOrg[]; onOpen: (m: TAdminMember) => void }) {
  const [text, setText] = useState('');
  const [query, setQuery] = useState<{ q?: string; orgId?: string } | null>(null);
  const [orgId, setOrgId] = useState<string | undefined>(undefined);
  const list = usePagedList<TAdminMember>((cursor) => (query ? officeApi.members({ ...query, cursor }) : Promise.resolve({ items: [], nextCursor: null })), [query]);

  const search = () => setQuery({ q: text.trim() || undefined, orgId });

  let body;
  if (!query) body = <View className="muted office-hint">输入姓名、会员编号或手机号后4位查找。</View>;
  else if (list.loading) body = <LoadingView />;
  else if (list.error && list.items.length === 0) body = <ErrorView error={list.error} onRetry={list.reload} />;
  else if (list.items.length === 0) body = <EmptyView title="没有找到会员" description="请换个关键词，或确认会员在您管理的工会中" />;
  else
    body = (
      <View className="card member-results">
        {list.items.map((m) => (
          <View key={m.id} className="list-row member-row" data-id={m.id} onClick={() => onOpen(m)}>
            <View className="list-row__main">
              <Text className="list-row__title">{m.name}</Text>
              <Text className="muted">{m.memberNo} · {m.orgName}</Text>
            </View>
            <View className="list-row__side">
              <Text className={`pill${m.binding === 'phone' ? ' pill--success' : m.binding === 'id_only' ? ' pill--warning' : ''}`}>{BINDING_LABELS[m.binding]}</Text>
            </View>
          </View>
        ))}
        <LoadMore list={list} />
      </View>
    );

  return (
    <View>
      <View className="card">
        <View className="office-search">
          <Input className="office-input member-search" value={text} placeholder="姓名 / 会员编号 / 手机尾号" confirmType="search" onInput={(e) => setText(e.detail.value)} onConfirm={search} />
          <Button className="member-search-go" type="primary" onClick={search}>
            查找
          </Button>
        </View>
        {orgs.length > 1 ? (
          <View className="office-field">
            <Text className="office-field__label">范围</Text>
            <OrgPicker className="member-org" orgs={orgs} value={orgId} onChange={setOrgId} allowNone="我管理的全部工会" />
          </View>
        ) : null}
      </View>
      {body}
    </View>
  );
}
