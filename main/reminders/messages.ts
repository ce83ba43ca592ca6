export const REMINDER_MESSAGES = {
  'reminder.notFound': { fa: 'این یادآوری پیدا نشد.', en: 'This reminder was not found.' },
  'reminder.inPast': { fa: 'این زمان گذشته است؛ زمانی در آینده انتخاب کنید.', en: 'This time has passed; choose a time in the future.' },
  'reminder.handled': { fa: 'این یادآوری پیش‌تر بسته شده است.', en: 'This reminder has already been dismissed.' },
  'reminder.snoozeOne': {
    fa: 'یا چند دقیقه یا یک زمان مشخص برای یادآوری دوباره انتخاب کنید.',
    en: 'Choose either some minutes or a time to be reminded again.',
  },
  'reminder.notification.body': { fa: 'یادآوری دفتر', en: 'Daftar reminder' },
  'reminder.notification.late': { fa: '(با تأخیر)', en: '(late)' },
  'reminder.notification.many': { fa: '{n} یادآوری رسیده است.', en: '{n} reminders are due.' },
  'reminder.itemGone': { fa: 'موردی که حذف شده است', en: 'An item that has been deleted' },
} as const;
