// Choosing a union: a field that opens an indented list in place (with a filter once the list is
// long). Not a native Picker: a wheel of a hundred union names is hard to read for anyone, and
// the list grows with 大字模式 like the rest of the page.
import { Input, Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { TOrg } from '../../../services/contract';
import { treeOrder } from '../sections';

export default function OrgPicker({
  orgs,
  value,
  onChange,
  placeholder = '请选择工会',
  allowNone,
  className = '',
}: {
  orgs: TOrg[];
  value: string | undefined;
  onChange: (id: string | undefined) => void;
  placeholder?: string;
  allowNone?: string;
  className?: string;
}) {
  const [open, setOpen] = useState(false);
  const [filter, setFilter] = useState('');
  const rows = useMemo(() => treeOrder(orgs).filter((r) => !filter || r.org.name.includes(filter.trim())), [orgs, filter]);
  const current = orgs.find((o) => o.id === value);
  const choose = (id: string | undefined) => {
    onChange(id);
    setOpen(false);
    setFilter('');
  };
  return (
    <View className={`org-picker ${className}`}>
      <View className="org-picker__field" onClick={() => setOpen(!open)}>
        <Text className={current ? 'org-picker__value' : 'org-picker__value form-field__placeholder'}>{current?.name ?? (allowNone && !value ? allowNone : placeholder)}</Text>
        <Text className="org-picker__arrow">{open ? '收起' : '选择'}</Text>
      </View>
      {open ? (
        <View className="org-picker__list">
          {orgs.length > 8 ? (
            <Input className="org-picker__filter" value={filter} placeholder="输入名称筛选" onInput={(e) => setFilter(e.detail.value)} />
          ) : null}
          {allowNone ? (
            <View className="org-option org-option--none" onClick={() => choose(undefined)}>
              {allowNone}
            </View>
          ) : null}
          {rows.map(({ org, depth }) => (
            <View
              key={org.id}
              className={`org-option${org.id === value ? ' org-option--on' : ''}`}
              data-id={org.id}
              style={{ paddingLeft: `${12 + Math.min(depth, 4) * 16}px` }}
              onClick={() => choose(org.id)}
            >
              {org.name}
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}
