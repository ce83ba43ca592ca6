/**
 * The MUI date and time pickers on the Jalali calendar (AdapterDateFnsJalali), with
 * Persian digits in Persian and Latin ones in English. The pickers work on Date objects;
 * the calendar works on the office's wall clock ("2025-04-19", "10:30"), so a Date here is
 * only a container for those numbers, in whatever zone this computer is in.
 */
import type { ReactNode } from 'react';
import { LocalizationProvider } from '@mui/x-date-pickers/LocalizationProvider';
import { AdapterDateFnsJalali } from '@mui/x-date-pickers/AdapterDateFnsJalali';
import { DatePicker } from '@mui/x-date-pickers/DatePicker';
import { TimePicker } from '@mui/x-date-pickers/TimePicker';
import { enUS, faIR } from 'date-fns-jalali/locale';
import { useLanguage } from '../../app/AppState';
import { toPersianDigits } from '../../format/digits';

type AdapterOptions = ConstructorParameters<typeof AdapterDateFnsJalali>[0];

/**
 * date-fns-jalali prints Latin digits; the fields learn their digits from what the adapter
 * prints, so in Persian everything it prints goes through Persian digits (the fields then
 * show ۱۴۰۴/۰۱/۳۰ and still take either kind of digit when typed).
 */
class PersianDigitsJalaliAdapter extends AdapterDateFnsJalali {
  constructor(options?: AdapterOptions) {
    super(options);
    const print = this.formatByString;
    this.formatByString = (value, format) => toPersianDigits(print(value, format));
    // The fields tell whether a year is printed with leading zeros by checking that year 1
    // prints as "0001" — with a Latin "0". In Persian it prints "۰۰۰۱", so the fields would
    // take "yyyy" as a year without leading zeros and then demand its maximum length (and
    // throw without one, leaving an empty page). MUI's own Jalaali adapter gives "jYYYY"
    // maxLength 4 for the same reason.
    this.formatTokenMap = { ...this.formatTokenMap, yyyy: { sectionType: 'year', contentType: 'digit', maxLength: 4 } };
  }
}

/** In English the adapter keeps Latin digits everywhere. */
class LatinDigitsJalaliAdapter extends AdapterDateFnsJalali {
  override formatNumber = (n: string) => n;
}

export function JalaliPickersProvider({ children }: { children: ReactNode }) {
  const language = useLanguage();
  return (
    <LocalizationProvider dateAdapter={language === 'fa' ? PersianDigitsJalaliAdapter : LatinDigitsJalaliAdapter} adapterLocale={language === 'fa' ? faIR : enUS}>
      {children}
    </LocalizationProvider>
  );
}

function toDate(date: string | null): Date | null {
  if (!date) return null;
  return new Date(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)), 12);
}

function fromDate(d: Date | null): string | null {
  if (!d || Number.isNaN(d.getTime())) return null;
  return `${String(d.getFullYear()).padStart(4, '0')}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** A Jalali date field; the value is a Gregorian plain date ("2025-04-19") or null while incomplete. */
export function JalaliDateField(props: {
  label: string;
  value: string | null;
  onChange(date: string | null): void;
  error?: string | undefined;
  disabled?: boolean;
}) {
  return (
    <DatePicker
      label={props.label}
      value={toDate(props.value)}
      onChange={(d) => props.onChange(fromDate(d))}
      disabled={props.disabled ?? false}
      slotProps={{
        textField: { size: 'small', error: Boolean(props.error), helperText: props.error },
        field: { clearable: false },
      }}
      sx={{ minWidth: 170 }}
    />
  );
}

/** A time field (24 h); the value is "HH:mm" or null while incomplete. */
export function TimeField(props: { label: string; value: string | null; onChange(time: string | null): void; error?: string | undefined }) {
  const value = props.value ? new Date(2000, 0, 1, Number(props.value.slice(0, 2)), Number(props.value.slice(3, 5))) : null;
  return (
    <TimePicker
      label={props.label}
      value={value}
      ampm={false}
      minutesStep={5}
      onChange={(d) =>
        props.onChange(d && !Number.isNaN(d.getTime()) ? `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}` : null)
      }
      slotProps={{ textField: { size: 'small', error: Boolean(props.error), helperText: props.error } }}
      sx={{ width: 130 }}
    />
  );
}
