import { Text, View } from '@tarojs/components';
import PageShell from '../../../components/PageShell';
import { EmptyView, LoadingView } from '../../../components/StateViews';
import { go } from '../../../utils/feedback';
import { usePageRefresh } from '../../../hooks/use-page-refresh';
import { CalendarWarningNotice, useNextYearCalendarWarning } from '../calendar/CalendarWarning';
import { isAdmin, officeSections, ROLE_LABELS, SECTION_ENTRIES } from '../sections';
import { useOfficeAccess } from '../use-office';
import '../office.scss';

export default function OfficeHome() {
  const { roles, ready } = useOfficeAccess(null);
  // December on: next year's 调休 days not entered yet (admins keep the calendar)
  const calendar = useNextYearCalendarWarning(isAdmin(roles));
  usePageRefresh({ reload: calendar.reload });
  if (!ready) return <PageShell className="page-office"><LoadingView /></PageShell>;
  const sections = officeSections(roles);
  const held = [...new Set(roles.map((r) => ROLE_LABELS[r.role] ?? r.role))].join('、');
  return (
    <PageShell className="page-office">
      {calendar.warning ? <CalendarWarningNotice message={calendar.warning.message} link /> : null}
      {held ? <View className="section-title office-roles">您的身份：{held}</View> : null}
      {sections.length === 0 ? (
        <EmptyView title="暂无可用的办公功能" description="您的身份不需要在这里办理业务" />
      ) : (
        sections.map((s) => {
          const e = SECTION_ENTRIES[s];
          return (
            <View key={s} className="card office-entry" data-section={s} onClick={() => go(e.url)}>
              <View className="list-row__main">
                <Text className="office-entry__title">{e.title}</Text>
                <Text className="muted">{e.description}</Text>
              </View>
              <Text className="office-entry__arrow">›</Text>
            </View>
          );
        })
      )}
    </PageShell>
  );
}
