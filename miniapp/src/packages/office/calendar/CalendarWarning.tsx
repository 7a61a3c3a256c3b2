// The reminder that next year's calendar is not entered (shared/domain/calendar.ts decides):
// on the office home and on 节假日设置, for admins, from December on.
import { Text, View } from '@tarojs/components';
import { calendarWarning, shanghaiDate, yearToCheck } from '../../../../../shared/domain/calendar.js';
import { useResource } from '../../../hooks/resource';
import { go } from '../../../utils/feedback';
import { calendarApi, CALENDAR_PAGE } from './calendar-api';

/** The home's own check: asks for next year's days only in December, and only for an admin. */
export function useNextYearCalendarWarning(enabled: boolean, refreshKey: unknown = null) {
  const year = enabled ? yearToCheck(shanghaiDate(Date.now())) : null;
  const res = useResource(async () => (year === null ? null : calendarWarning(shanghaiDate(Date.now()), (await calendarApi.days(year)).items)), [year, refreshKey]);
  return { warning: res.data ?? null, reload: res.reload };
}

export function CalendarWarningNotice({ message, link }: { message: string; link: boolean }) {
  return (
    <View className="notice notice--warn calendar-warning" onClick={link ? () => go(CALENDAR_PAGE) : undefined}>
      <Text>{message}，请按国务院办公厅的放假通知录入，以免审核期限算错。</Text>
      {link ? <Text className="calendar-warning__link">去录入 ›</Text> : null}
    </View>
  );
}
