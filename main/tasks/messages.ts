export const TASK_MESSAGES = {
  'task.notFound': { fa: 'این کار پیدا نشد یا به شما مربوط نیست.', en: 'This task was not found, or it is not yours to see.' },
  'task.cancelled': { fa: 'این کار لغو شده است.', en: 'This task has been cancelled.' },
  'task.cannotRefer': {
    fa: 'فقط دارندهٔ اصل کار (نه رونوشت) تا وقتی کار باز است می‌تواند آن را ارجاع دهد.',
    en: 'Only the holder of the original (not a copy) can refer this task, while it is open.',
  },
  'task.copyIsForInformation': {
    fa: 'رونوشت برای اطلاع است؛ فقط می‌توان آن را دیده‌شده علامت زد.',
    en: 'A copy is for information; it can only be marked as seen.',
  },
  'task.notCreator': { fa: 'فقط ایجادکنندهٔ کار می‌تواند آن را لغو کند.', en: 'Only the person who created this task can cancel it.' },
  'task.noAssignees': { fa: 'دست‌کم یک نفر را برای انجام کار انتخاب کنید.', en: 'Choose at least one person to do this task.' },
  'task.userOrGroup': { fa: 'برای هر گیرنده یا یک کاربر یا یک گروه انتخاب کنید.', en: 'Each recipient is either a user or a group.' },
  'referral.cycle': {
    fa: 'ارجاع به «{name}» کار را دور می‌زند: این کار از او به شما رسیده است.',
    en: 'Referring to “{name}” would send the task round in a circle: it came to you through them.',
  },
  'referral.noRecipients': {
    fa: 'گیرنده‌ای برای ارجاع نماند؛ همهٔ اعضای گروه این کار را پیش‌تر داشته‌اند.',
    en: 'Nobody is left to refer to: everyone in the group has had this task already.',
  },
  'announcement.noAudience': { fa: 'دست‌کم یک گیرنده برای ابلاغ انتخاب کنید.', en: 'Choose at least one recipient for the announcement.' },
  'announcement.notFound': { fa: 'این ابلاغ پیدا نشد.', en: 'This announcement was not found.' },
} as const;
