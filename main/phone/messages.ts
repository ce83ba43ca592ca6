import type { Catalogue } from '../api/messages';

/** What the phone capability says to a person, in Persian and English. */
export const messages = {
  'calls.account.serverFormat': {
    fa: 'نشانی سرور باید با ws:// یا wss:// شروع شود، مانند wss://pbx.example.ir:8089/ws',
    en: 'The server address must start with ws:// or wss://, like wss://pbx.example.com:8089/ws',
  },
  'calls.account.userFormat': {
    fa: 'شمارهٔ داخلی و نام کاربری فقط حروف لاتین، رقم و . _ - + * # است (حداکثر ۶۴ نویسه).',
    en: 'An extension or user name has only Latin letters, digits and . _ - + * # (at most 64).',
  },
  'calls.account.domainFormat': {
    fa: 'دامنهٔ SIP نام یا نشانی سرور است، مانند pbx.example.ir',
    en: 'The SIP domain is the server’s name or address, like pbx.example.com',
  },
  'calls.account.caFormat': {
    fa: 'گواهی مرجع باید متن PEM باشد که با -----BEGIN CERTIFICATE----- شروع شود.',
    en: 'The CA certificate must be PEM text starting with -----BEGIN CERTIFICATE-----.',
  },
  'calls.numberInvalid': {
    fa: 'این شماره قابل گرفتن نیست. فقط رقم (فارسی یا لاتین)، + در ابتدا، * و # مجاز است.',
    en: 'This number cannot be dialled. Use digits (Persian or Latin), a leading +, * and #.',
  },
  'calls.screenPopItem': {
    fa: 'نوع مورد تازه برای صفحهٔ تماس شناخته نیست.',
    en: 'That kind of new item is not known to the screen pop.',
  },
  'calls.dtmfFormat': { fa: 'فقط رقم، * و # را می‌توان فرستاد.', en: 'Only digits, * and # can be sent.' },
  'calls.notConfigured': {
    fa: 'هنوز حساب تلفن تنظیم نشده است. در تنظیمات ← تماس‌ها، نشانی سرور و شمارهٔ داخلی را وارد کنید.',
    en: 'No phone account is set up yet. Enter the server and extension in Settings → Calls.',
  },
  'calls.notRegistered': {
    fa: 'تلفن به مرکز تلفن وصل نیست؛ چند لحظهٔ دیگر دوباره امتحان کنید.',
    en: 'The phone is not connected to the PBX; try again in a moment.',
  },
  'calls.noCall': { fa: 'این تماس دیگر برقرار نیست.', en: 'This call is no longer there.' },
  'calls.badState': {
    fa: 'این کار در وضعیت فعلی تماس ممکن نیست.',
    en: 'This cannot be done in the call’s current state.',
  },
  'calls.linesBusy': {
    fa: 'همهٔ خطوط مشغول است؛ ابتدا یکی از تماس‌ها را تمام کنید.',
    en: 'All lines are in use; end one of the calls first.',
  },
  'calls.noMedia': {
    fa: 'صدای تماس آماده نشد (میکروفون یا پنجرهٔ برنامه در دسترس نیست).',
    en: 'The call’s audio could not be set up (no microphone, or no app window).',
  },
  'calls.notify.title': { fa: 'تماس ورودی: {name}', en: 'Incoming call: {name}' },
  'calls.recordNotFound': { fa: 'این تماس در سوابق پیدا نشد.', en: 'This call was not found in the records.' },
  'calls.identityNotFound': { fa: 'هویت انتخاب‌شده پیدا نشد.', en: 'The chosen identity was not found.' },
  // What a reminder or follow-up on a call not yet logged calls it.
  'calls.item.incoming': { fa: 'تماس ورودی از {name}', en: 'Incoming call from {name}' },
  'calls.item.outgoing': { fa: 'تماس خروجی با {name}', en: 'Outgoing call to {name}' },
} satisfies Catalogue;
