import type { Said } from '../db/sync/protocol';
import { toPersianDigits } from '../db/text';

/**
 * Every sentence the server says to a person, in Persian and English: the desk shows the
 * one in its interface language. `{name}` marks a parameter.
 */
const CATALOGUE = {
  'auth.required': { fa: 'برای همگام‌سازی باید وارد سرور شوید.', en: 'Sign in to the server to sync.' },
  'auth.expired': { fa: 'نشست شما روی سرور تمام شده است؛ دوباره وارد شوید.', en: 'Your session on the server has ended; sign in again.' },
  'auth.failed': { fa: 'نام کاربری یا گذرواژه درست نیست.', en: 'The username or password is not correct.' },
  'auth.tooManyAttempts': {
    fa: 'برای این نام کاربری چند بار پشت سر هم گذرواژهٔ نادرست وارد شد. {seconds} ثانیهٔ دیگر دوباره امتحان کنید.',
    en: 'A wrong password was given for this username several times in a row. Try again in {seconds} seconds.',
  },
  'auth.disabled': { fa: 'حساب کاربری شما روی سرور غیرفعال است.', en: 'Your account on the server is disabled.' },
  'client.otherUser': {
    fa: 'این میز کار به نام کاربر دیگری روی سرور ثبت شده است. با حساب همان کاربر وارد شوید یا دفتر را با دادهٔ تازه راه‌اندازی کنید.',
    en: 'This desk is registered to another user on the server. Sign in as that user, or start Daftar with a fresh data folder.',
  },
  'client.mismatch': {
    fa: 'این درخواست از میز کاری غیر از میز کارِ واردشده آمده است.',
    en: 'This request came from a desk other than the one that signed in.',
  },
  'protocol.mismatch': {
    fa: 'نسخهٔ دفتر با سرور سازگار نیست (پروتکل دفتر {desk}، پروتکل سرور {server}). نسخهٔ قدیمی‌تر را به‌روز کنید.',
    en: 'This Daftar does not match the server (desk protocol {desk}, server protocol {server}). Update the older one.',
  },
  'schema.mismatch': {
    fa: 'ساختار دادهٔ دفتر ({desk}) با سرور ({server}) یکی نیست. نسخهٔ قدیمی‌تر را به‌روز کنید؛ تا آن زمان چیزی همگام نمی‌شود و داده‌ای از دست نمی‌رود.',
    en: 'The desk’s data layout ({desk}) differs from the server’s ({server}). Update the older one; until then nothing syncs and nothing is lost.',
  },
  'request.invalid': { fa: 'درخواست همگام‌سازی درست نیست: {detail}', en: 'The sync request is not valid: {detail}' },
  'request.tooLarge': { fa: 'درخواست بیش از اندازه بزرگ است.', en: 'The request is too large.' },
  'request.notFound': { fa: 'چنین نشانی‌ای روی سرور نیست.', en: 'There is no such address on the server.' },
  'request.forbidden': { fa: 'شما اجازهٔ انجام این کار را ندارید.', en: 'You are not allowed to do this.' },
  'request.internal': {
    fa: 'خطای پیش‌بینی‌نشده‌ای روی سرور رخ داد؛ دوباره تلاش می‌شود.',
    en: 'Something unexpected went wrong on the server; it will be tried again.',
  },
  'change.tableUnknown': { fa: 'جدول «{table}» روی سرور همگام نمی‌شود.', en: 'The table “{table}” does not sync with the server.' },
  'change.columnUnknown': { fa: 'بخش «{column}» در «{table}» شناخته‌شده نیست.', en: 'The field “{column}” of “{table}” is not known.' },
  'change.rowUnknown': {
    fa: 'موردی که این تغییر به آن مربوط است روی سرور نیست.',
    en: 'The record this change is about does not exist on the server.',
  },
  'change.rowInvalid': { fa: 'این مورد را نمی‌توان ذخیره کرد: {detail}', en: 'This record cannot be stored: {detail}' },
  'change.forbidden': {
    fa: 'شما اجازهٔ این تغییر را در «{table}» ندارید.',
    en: 'You are not allowed to make this change in “{table}”.',
  },
  'change.clockAhead': {
    fa: 'ساعت این رایانه از ساعت سرور جلوتر است؛ ساعت را درست کنید تا تغییرها فرستاده شوند.',
    en: 'This computer’s clock is ahead of the server’s; correct it so changes can be sent.',
  },
  'change.empty': { fa: 'این تغییر چیزی را تغییر نمی‌دهد.', en: 'This change changes nothing.' },
  'feed.notAllowed': { fa: 'شما اجازهٔ خواندن این تقویم را ندارید.', en: 'You may not read this calendar.' },
  'feed.notFound': { fa: 'این پیوند تقویم وجود ندارد یا باطل شده است.', en: 'This calendar link does not exist or was revoked.' },
  'conflict.editOfDeleted': {
    fa: 'این مورد پیش از این ویرایش روی میز کار دیگری حذف شده بود؛ ویرایش نگه داشته شد و باید بررسی شود.',
    en: 'This record had been deleted on another desk before this edit; the edit was kept and needs a decision.',
  },
} satisfies Record<string, Said>;

export type ServerMessageKey = keyof typeof CATALOGUE;

export function said(key: ServerMessageKey, params: Record<string, string | number> = {}): Said {
  // Numbers read in Persian digits inside a Persian sentence, as the desk's own messages do.
  const fill = (s: string, fa: boolean) =>
    s.replace(/\{(\w+)\}/g, (m, k: string) => {
      if (!(k in params)) return m;
      const v = params[k]!;
      return fa && typeof v === 'number' ? toPersianDigits(String(v)) : String(v);
    });
  const entry = CATALOGUE[key];
  return { fa: fill(entry.fa, true), en: fill(entry.en, false) };
}
