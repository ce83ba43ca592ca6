/**
 * The calendar's settings: weekend days, working hours and the office's zone (cached until
 * a write to calendar_settings), and the working time between two dates that free slots
 * are looked for in.
 */
import { invalid } from '../api/errors';
import type * as S from './schema';
import type { WorkingTime } from './free-slots';
import { CalendarPart, type CalendarCaller, type CalendarContext } from './context';

const DEFAULT_SETTINGS: S.CalendarSettings = { weekendDays: [5], workStart: '08:00', workEnd: '16:00', zone: 'Asia/Tehran' };

export class CalendarSettingsBook extends CalendarPart {
  private cachedSettings: S.CalendarSettings | null = null;

  constructor(ctx: CalendarContext) {
    super(ctx);
    this.store.onCommit((info) => {
      if (info.tables.includes('calendar_settings')) this.cachedSettings = null;
    });
  }

  settings(): S.CalendarSettings {
    if (this.cachedSettings) return this.cachedSettings;
    const read = <T>(key: keyof S.CalendarSettings, fallback: T): T => {
      const v = this.rows.setting(key);
      return v === undefined ? fallback : (JSON.parse(v) as T);
    };
    this.cachedSettings = {
      weekendDays: read('weekendDays', DEFAULT_SETTINGS.weekendDays),
      workStart: read('workStart', DEFAULT_SETTINGS.workStart),
      workEnd: read('workEnd', DEFAULT_SETTINGS.workEnd),
      zone: read('zone', DEFAULT_SETTINGS.zone),
    };
    return this.cachedSettings;
  }

  updateSettings(patch: Partial<S.CalendarSettings>, caller: CalendarCaller): S.CalendarSettings {
    const next = { ...this.settings(), ...patch };
    if (next.workEnd <= next.workStart) throw invalid('calendar.settings.hours', [{ path: ['workEnd'], key: 'calendar.settings.hours' }]);
    next.weekendDays = [...new Set(next.weekendDays)].sort();
    this.store.write(caller.userId, (w) => {
      for (const key of Object.keys(patch) as (keyof S.CalendarSettings)[]) {
        const value = JSON.stringify(next[key]);
        if (this.rows.hasSetting(key)) w.update('calendar_settings', key, { value });
        else w.insert('calendar_settings', { value }, key);
      }
    });
    this.cachedSettings = null;
    return this.settings();
  }

  /** Working hours, weekend days and days off between two dates. */
  working(fromDate: string, toDate: string): WorkingTime {
    const s = this.settings();
    const minutes = (hm: string) => Number(hm.slice(0, 2)) * 60 + Number(hm.slice(3, 5));
    return {
      zone: s.zone,
      weekendDays: s.weekendDays,
      startMinute: minutes(s.workStart),
      endMinute: minutes(s.workEnd),
      daysOff: new Set(this.rows.daysOffBetween(fromDate, toDate)),
    };
  }
}
