// 节假日设置 (issue #15): the working-day calendar every review deadline counts with. Admins
// enter the State Council's notice (a range of 休 days, single 班 days), correct or remove days;
// a cadre who opens it reads it. docs/join.md "Working days".
import { Input, Picker, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import PageShell from '../../../components/PageShell';
import { EmptyView, ErrorView, LoadingView } from '../../../components/StateViews';
import Button from '../../../components/ui/button';
import { toUiError, useResource } from '../../../hooks/resource';
import { usePageRefresh } from '../../../hooks/use-page-refresh';
import { alert, confirm, toast } from '../../../utils/feedback';
import { calendarWarning, shanghaiDate, yearToCheck, type CalendarEntry } from '../../../../../shared/domain/calendar.js';
import { isAdmin } from '../sections';
import { useOfficeAccess } from '../use-office';
import { calendarApi } from './calendar-api';
import { CalendarWarningNotice } from './CalendarWarning';
import { dayLabel, entryName, formDays, groupEntries, HOLIDAY_NAMES, monthGrid, ofYear, overwritten, pickDay, runLabel, switchKind, yearChoices, type EntryForm } from './calendar-model';
import '../office.scss';
import './calendar.scss';

const EMPTY_FORM: EntryForm = { kind: 'off', from: '', to: '', name: '' };
const WEEK_HEAD = ['一', '二', '三', '四', '五', '六', '日'];

export default function CalendarPage() {
  const { roles, ready } = useOfficeAccess(null);
  const admin = isAdmin(roles);
  const mayRead = admin || roles.some((r) => r.role === 'cadre');
  const today = shanghaiDate(Date.now());
  const thisYear = Number(today.slice(0, 4));
  const [year, setYear] = useState(() => yearToCheck(today) ?? thisYear);
  const [view, setView] = useState<'list' | 'month'>('list');
  // the month view opens on this month in this year, on January in another
  const firstMonth = (y: number) => (y === thisYear ? Number(today.slice(5, 7)) : 1);
  const [month, setMonth] = useState(() => firstMonth(yearToCheck(today) ?? thisYear));
  const [form, setForm] = useState<EntryForm>(EMPTY_FORM);
  const [busy, setBusy] = useState(false);
  const days = useResource(async () => (mayRead ? (await calendarApi.days()).items : []), [mayRead]);
  usePageRefresh(days);

  if (!ready) return <PageShell className="page-office-calendar"><LoadingView /></PageShell>;
  if (!mayRead) return <PageShell className="page-office-calendar"><EmptyView title="只有管理员可以设置节假日" /></PageShell>;

  const all = days.data ?? [];
  const items = ofYear(all, year);
  const warning = admin && days.data ? calendarWarning(today, all) : null;

  const chooseYear = (y: number) => {
    setYear(y);
    setMonth(firstMonth(y));
    setForm((f) => ({ ...f, from: '', to: '' }));
  };

  const save = async () => {
    const built = formDays(form);
    if ('error' in built) return alert('请检查', built.error);
    const changed = overwritten(all, built.days);
    if (changed.length > 0 && !(await confirm('覆盖已有设置', `${changed.map((d) => `${dayLabel(d.day)}（${d.name}）`).slice(0, 3).join('、')}${changed.length > 3 ? ` 等${changed.length}天` : ''}将改为“${built.days[0].name}”。`, '覆盖'))) return;
    setBusy(true);
    try {
      await calendarApi.save(built.days);
      toast(`已保存${built.days.length}天`, 'success');
      setForm((f) => ({ ...f, from: '', to: '' }));
      await days.reload();
    } catch (err) {
      await alert('未能保存', toUiError(err).message);
    } finally {
      setBusy(false);
    }
  };

  const remove = async (entries: CalendarEntry[], what: string) => {
    if (!(await confirm('删除', `${what}将恢复为平常的安排（周一至周五上班，周末休息）。`, '删除'))) return;
    try {
      await calendarApi.remove(entries.map((d) => d.day));
      toast('已删除', 'success');
      await days.reload();
    } catch (err) {
      await alert('未能删除', toUiError(err).message);
    }
  };

  const edit = (d: CalendarEntry) => {
    setForm({ kind: d.workday ? 'work' : 'off', from: d.day, to: d.day, name: d.name });
    // the list view has the form above it; the month view has it right under the month
    if (view === 'list') void Taro.pageScrollTo({ scrollTop: 0, duration: 200 }).catch(() => undefined);
  };
  /** 修改 and 删除 beside a day, in the list and in the month view (admins only). */
  const dayActions = (d: CalendarEntry) =>
    admin ? (
      <View className="list-row__side">
        <Text className="calendar-edit" onClick={() => edit(d)}>修改</Text>
        <Text className="calendar-remove" onClick={() => void remove([d], `${dayLabel(d.day)}（${d.name}）`)}>删除</Text>
      </View>
    ) : null;

  const formCard = admin ? (
    <View className="card calendar-form">
      <View className="office-field">
        <Text className="office-field__label">类型</Text>
        <View className="chip-row">
          <Text className={`chip calendar-kind${form.kind === 'off' ? ' chip--on' : ''}`} data-kind="off" onClick={() => setForm(switchKind(form, 'off'))}>
            休（放假）
          </Text>
          <Text className={`chip calendar-kind${form.kind === 'work' ? ' chip--on' : ''}`} data-kind="work" onClick={() => setForm(switchKind(form, 'work'))}>
            班（调休上班）
          </Text>
        </View>
      </View>
      <View className="office-field calendar-dates">
        <Text className="office-field__label">{form.kind === 'off' ? '日期（连续放假选起止日期）' : '日期（周六或周日）'}</Text>
        <View className="calendar-dates__row">
          <Picker className="calendar-picker-wrap" mode="date" value={form.from || `${year}-01-01`} start={`${year}-01-01`} end={`${year}-12-31`} onChange={(e) => setForm({ ...form, from: String(e.detail.value), to: form.kind === 'work' || !form.to || form.to < String(e.detail.value) ? String(e.detail.value) : form.to })}>
            <View className="office-input calendar-picker calendar-from">{form.from ? dayLabel(form.from) : <Text className="muted">选择日期</Text>}</View>
          </Picker>
          {form.kind === 'off' ? (
            <>
              <Text className="calendar-dates__to">至</Text>
              <Picker className="calendar-picker-wrap" mode="date" value={form.to || form.from || `${year}-01-01`} start={form.from || `${year}-01-01`} end={`${year}-12-31`} onChange={(e) => setForm({ ...form, to: String(e.detail.value) })}>
                <View className="office-input calendar-picker calendar-to">{form.to ? dayLabel(form.to) : <Text className="muted">同一天</Text>}</View>
              </Picker>
            </>
          ) : null}
        </View>
        {view === 'month' ? <View className="muted calendar-hint">也可以在上面的月历中点选日期{form.kind === 'off' ? '：先点开始日，再点结束日' : ''}</View> : null}
      </View>
      <View className="office-field">
        <Text className="office-field__label">名称</Text>
        <Input className="office-input calendar-name" value={form.name} placeholder={form.kind === 'off' ? '如：春节' : '如：春节调休上班'} maxlength={30} onInput={(e) => setForm({ ...form, name: e.detail.value })} />
        <View className="chip-row calendar-name-chips">
          {HOLIDAY_NAMES.map((h) => (
            <Text key={h} className="chip calendar-name-chip" data-name={h} onClick={() => setForm({ ...form, name: entryName(form.kind, h) })}>
              {h}
            </Text>
          ))}
        </View>
      </View>
      <View className="office-actions">
        <Button className="calendar-save" type="primary" loading={busy} onClick={() => void save()}>
          {form.kind === 'off' ? '保存放假日' : '保存调休上班日'}
        </Button>
      </View>
    </View>
  ) : null;

  const groups = groupEntries(items);
  const list =
    groups.length === 0 ? (
      <EmptyView title={`${year}年还没有录入节假日`} description={admin ? '请按国务院办公厅的放假通知录入' : undefined} />
    ) : (
      groups.map((g) => (
        <View key={g.key} className="card calendar-group" data-name={g.name} data-kind={g.workday ? 'work' : 'off'}>
          <View className="calendar-group__head">
            <Text className={`pill ${g.workday ? 'pill--warning' : 'pill--success'} calendar-mark`}>{g.workday ? '班' : '休'}</Text>
            <Text className="calendar-group__name">{g.name}</Text>
            {admin && g.days.length > 1 ? (
              <Text className="calendar-group__remove" onClick={() => void remove(g.days, `“${g.name}”的${g.days.length}天`)}>
                整组删除
              </Text>
            ) : null}
          </View>
          <View className="muted calendar-group__runs">{g.runs.map(runLabel).join('；')}</View>
          {g.days.map((d) => (
            <View key={d.day} className="list-row calendar-day" data-day={d.day}>
              <Text className="list-row__main">{dayLabel(d.day)}</Text>
              {dayActions(d)}
            </View>
          ))}
        </View>
      ))
    );

  const monthView = (
    <View className="card calendar-month">
      <View className="month-stepper">
        <Button className="calendar-month-prev" size="small" fill="outline" disabled={month <= 1} onClick={() => setMonth(month - 1)}>
          上月
        </Button>
        <Text className="month-stepper__label calendar-month__label">{year}年{month}月</Text>
        <Button className="calendar-month-next" size="small" fill="outline" disabled={month >= 12} onClick={() => setMonth(month + 1)}>
          下月
        </Button>
      </View>
      <View className="calendar-grid">
        <View className="calendar-grid__week calendar-grid__head">
          {WEEK_HEAD.map((w) => (
            <Text key={w} className="calendar-grid__cell">{w}</Text>
          ))}
        </View>
        {monthGrid(year, month, items).map((week, i) => (
          <View key={i} className="calendar-grid__week">
            {week.map((c, j) =>
              c ? (
                <View
                  key={c.day}
                  className={`calendar-grid__cell calendar-cell${c.working ? '' : ' calendar-cell--rest'}${c.entry ? (c.entry.workday ? ' calendar-cell--work' : ' calendar-cell--off') : ''}${form.from && c.day >= form.from && c.day <= (form.to || form.from) ? ' calendar-cell--picked' : ''}`}
                  data-day={c.day}
                  onClick={admin ? () => setForm(pickDay(form, c.day)) : undefined}
                >
                  <Text className="calendar-cell__date">{c.date}</Text>
                  <Text className="calendar-cell__mark">{c.entry ? (c.entry.workday ? '班' : '休') : ' '}</Text>
                </View>
              ) : (
                <View key={`e${j}`} className="calendar-grid__cell" />
              ),
            )}
          </View>
        ))}
      </View>
    </View>
  );
  const monthDays = items.filter((d) => Number(d.day.slice(5, 7)) === month);
  const monthList =
    monthDays.length === 0 ? null : (
    <View className="card calendar-month-days">
      {monthDays.map((d) => (
        <View key={d.day} className="list-row calendar-day" data-day={d.day}>
          <View className="list-row__main">
            <Text>
              {dayLabel(d.day)} <Text className={`pill ${d.workday ? 'pill--warning' : 'pill--success'}`}>{d.workday ? '班' : '休'}</Text> {d.name}
            </Text>
          </View>
          {dayActions(d)}
        </View>
      ))}
    </View>
  );

  return (
    <PageShell className="page-office-calendar">
      {warning ? (
        <View onClick={() => chooseYear(warning.year)}>
          <CalendarWarningNotice message={warning.message} link={false} />
        </View>
      ) : null}
      <View className="notice notice--info calendar-rule">
        审核期限按工作日计算：周一至周五上班、周末休息；这里录入与此不同的日子（法定节假日“休”，调休上班的周末“班”）。改动只影响此后计算的期限。
      </View>
      <View className="chip-row calendar-years">
        {yearChoices(thisYear).map((y) => (
          <Text key={y} className={`chip calendar-year${y === year ? ' chip--on' : ''}`} data-year={y} onClick={() => chooseYear(y)}>
            {y}年
          </Text>
        ))}
      </View>
      <View className="chip-row calendar-views">
        <Text className={`chip calendar-view${view === 'list' ? ' chip--on' : ''}`} data-view="list" onClick={() => setView('list')}>
          列表
        </Text>
        <Text className={`chip calendar-view${view === 'month' ? ' chip--on' : ''}`} data-view="month" onClick={() => setView('month')}>
          月历
        </Text>
      </View>
      {days.loading && !days.data ? (
        <LoadingView />
      ) : !days.data ? (
        <ErrorView error={days.error ?? { code: undefined, message: '加载失败' }} onRetry={days.reload} />
      ) : view === 'month' ? (
        <>
          {monthView}
          {formCard}
          {monthList}
        </>
      ) : (
        <>
          {formCard}
          {list}
        </>
      )}
    </PageShell>
  );
}
