import type { Catalogue } from '../api/messages';

/** What the calendar capability says to a person, in Persian and English (keys used by its schema and service). */
export const messages = {
  'calendar.notFound': { fa: 'این تقویم پیدا نشد.', en: 'This calendar was not found.' },
  'calendar.appointmentNotFound': { fa: 'این قرار ملاقات پیدا نشد یا لغو شده است.', en: 'This appointment was not found or has been cancelled.' },
  'calendar.occurrenceNotFound': { fa: 'این نوبت از قرار تکرارشونده وجود ندارد.', en: 'This occurrence of the repeating appointment does not exist.' },
  'calendar.noAccess': { fa: 'شما به این تقویم دسترسی ندارید.', en: 'You have no access to this calendar.' },
  'calendar.readOnly': {
    fa: 'دسترسی شما به این تقویم فقط خواندنی است؛ برای ثبت یا تغییر قرار، دسترسی خواندن و نوشتن لازم است.',
    en: 'You may only read this calendar; booking or changing appointments needs read-write access.',
  },
  'calendar.occasionsReadOnly': {
    fa: 'در تقویم مناسبت‌ها قرار ثبت نمی‌شود؛ مناسبت‌ها و تعطیلی‌ها را در تنظیمات اضافه کنید.',
    en: 'Appointments are not booked in the occasions calendar; add occasions and closures in Settings.',
  },
  'calendar.roomNotFound': { fa: 'اتاق انتخاب‌شده پیدا نشد.', en: 'The chosen room was not found.' },
  'calendar.userNotFound': { fa: 'کاربر انتخاب‌شده پیدا نشد.', en: 'The chosen user was not found.' },
  'calendar.groupNotFound': { fa: 'گروه انتخاب‌شده پیدا نشد.', en: 'The chosen group was not found.' },
  'calendar.identityNotFound': { fa: 'هویت انتخاب‌شده پیدا نشد.', en: 'The chosen identity was not found.' },
  'calendar.time.format': {
    fa: 'تاریخ و ساعت را کامل وارد کنید (مانند ۱۴۰۴/۰۱/۰۲ ساعت ۱۰:۰۰).',
    en: 'Enter a complete date and time (like 1404/01/02 10:00).',
  },
  'calendar.date.format': { fa: 'تاریخ درست نیست.', en: 'This date is not valid.' },
  'calendar.time.missing': { fa: 'زمان شروع و پایان را وارد کنید.', en: 'Enter the start and the end.' },
  'calendar.time.endBeforeStart': { fa: 'پایان باید بعد از شروع باشد.', en: 'The end must be after the start.' },
  'calendar.time.tooLong': { fa: 'یک قرار حداکثر {days} روز طول می‌کشد.', en: 'An appointment lasts at most {days} days.' },
  'calendar.time.hoursFormat': { fa: 'ساعت را به شکل ۰۸:۰۰ وارد کنید.', en: 'Enter the time like 08:00.' },
  'calendar.zone.unknown': { fa: 'این منطقهٔ زمانی شناخته‌شده نیست.', en: 'This time zone is not known.' },
  'calendar.colour.format': { fa: 'رنگ را به شکل ‎#1e88e5‎ انتخاب کنید.', en: 'Choose a colour like #1e88e5.' },
  'calendar.recurrence.tooMany': {
    fa: 'یک قرار تکرارشونده حداکثر {limit} نوبت دارد؛ این تکرار بیشتر می‌شود. تعداد یا تاریخ پایان را کمتر کنید.',
    en: 'A repeating appointment may have at most {limit} occurrences; this one has more. Choose fewer times or an earlier end date.',
  },
  'calendar.recurrence.unbounded': {
    fa: 'پایان تکرار را انتخاب کنید: یک تاریخ یا تعداد دفعات.',
    en: 'Choose when the repetition ends: a date or a number of times.',
  },
  'calendar.recurrence.bothEnds': {
    fa: 'برای پایان تکرار یا تاریخ را انتخاب کنید یا تعداد دفعات را، نه هر دو.',
    en: 'End the repetition either on a date or after a number of times, not both.',
  },
  'calendar.recurrence.invalid': { fa: 'قاعدهٔ تکرار درست نیست.', en: 'This repetition rule is not valid.' },
  'calendar.recurrence.empty': { fa: 'این تکرار هیچ نوبتی نمی‌سازد.', en: 'This repetition makes no occurrence.' },
  'calendar.conflict': {
    fa: '«{name}» در این زمان آزاد نیست. یکی از زمان‌های پیشنهادی را انتخاب کنید یا با تأیید صریح ذخیره کنید.',
    en: '“{name}” is not free at this time. Choose a proposed time, or save anyway with an explicit override.',
  },
  'calendar.range.order': { fa: 'تاریخ پایان بازه باید بعد از شروع آن باشد.', en: 'The end of the range must not be before its start.' },
  'calendar.range.tooLong': { fa: 'حداکثر {days} روز را می‌توان یک‌جا دید.', en: 'At most {days} days can be shown at once.' },
  'calendar.scope.occurrence': { fa: 'نوبتی را که تغییر می‌کند انتخاب کنید.', en: 'Choose the occurrence to change.' },
  'calendar.attendee.notInvited': { fa: 'شما به این قرار دعوت نشده‌اید.', en: 'You are not invited to this appointment.' },
  'calendar.attendee.notFound': { fa: 'این مدعو در این قرار نیست.', en: 'This attendee is not in this appointment.' },
  'calendar.attendee.duplicate': { fa: 'این مدعو دو بار آمده است.', en: 'This attendee is listed twice.' },
  'calendar.attendee.contactNeeded': { fa: 'برای مدعوِ بیرونی نام لازم است.', en: 'An ad-hoc attendee needs a name.' },
  'calendar.ics.malformed': {
    fa: 'این پرونده یک تقویم iCalendar (.ics) درست نیست: {detail}. چیزی وارد نشد.',
    en: 'This file is not a valid iCalendar (.ics) file: {detail}. Nothing was imported.',
  },
  'calendar.ics.event': {
    fa: 'رویداد {n} در پرونده درست نیست: {detail}. چیزی وارد نشد.',
    en: 'Event {n} in the file is not valid: {detail}. Nothing was imported.',
  },
  'calendar.ics.empty': { fa: 'در این پرونده هیچ قراری نیست.', en: 'This file has no appointments.' },
  'calendar.template.unknownParameter': {
    fa: 'این پارامترها شناخته‌شده نیستند: {names}. پارامترهای مجاز: {allowed}',
    en: 'These parameters are not known: {names}. Allowed: {allowed}',
  },
  'calendar.settings.hours': { fa: 'پایان ساعت کاری باید بعد از شروع آن باشد.', en: 'Working hours must end after they start.' },
  'calendar.settings.allWeekend': { fa: 'همهٔ روزهای هفته نمی‌توانند تعطیل باشند.', en: 'Not every day of the week can be a weekend day.' },
  'calendar.occasion.notFound': { fa: 'این مناسبت پیدا نشد.', en: 'This occasion was not found.' },
  'calendar.occasion.date': { fa: 'این روز در تقویم وجود ندارد.', en: 'This day does not exist in the calendar.' },
  'calendar.allDay': { fa: 'تمام روز', en: 'all day' },
  'calendar.noPlace': { fa: 'محل تعیین نشده', en: 'no place set' },
  'calendar.untitled': { fa: '(بدون عنوان)', en: '(untitled)' },
  'calendar.ics.noStart': { fa: 'زمان شروع (DTSTART) ندارد', en: 'it has no start (DTSTART)' },
} satisfies Catalogue;
