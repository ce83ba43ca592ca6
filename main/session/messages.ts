import type { Catalogue } from '../api/messages';

/** What sign-in says to a person. One sentence for an unknown user and a wrong password. */
export const messages = {
  'session.wrongPassword': { fa: 'نام کاربری یا گذرواژه درست نیست.', en: 'The username or password is not right.' },
  'session.tryLater': {
    fa: 'چند بار پشت سر هم گذرواژهٔ نادرست وارد شد. {seconds} ثانیهٔ دیگر دوباره امتحان کنید.',
    en: 'A wrong password was given several times in a row. Try again in {seconds} seconds.',
  },
  'session.serverTryLater': {
    fa: 'برای این نام کاربری چند بار پشت سر هم گذرواژهٔ نادرست به سرور داده شد. {seconds} ثانیهٔ دیگر دوباره امتحان کنید.',
    en: 'Too many wrong passwords were given to the server for this username. Try again in {seconds} seconds.',
  },
  'session.noPassword': {
    fa: 'برای این کاربر هنوز گذرواژه‌ای تعیین نشده است. از مدیر سیستم بخواهید برایش گذرواژه بگذارد.',
    en: 'This user has no password yet. Ask an administrator to set one.',
  },
  'session.disabledOnServer': {
    fa: 'حساب کاربری شما روی سرور غیرفعال شده است و با آن نمی‌توان وارد شد. از مدیر سیستم کمک بخواهید.',
    en: 'Your account has been disabled on the server, so it cannot sign in. Ask an administrator.',
  },
  'session.passwordChangedOnServer': {
    fa: 'این گذرواژه دیگر معتبر نیست؛ روی سرور عوض شده است. با گذرواژهٔ جدید وارد شوید.',
    en: 'This password is no longer valid: it was changed on the server. Sign in with the new one.',
  },
  'session.alreadySetUp': { fa: 'گذرواژهٔ مدیر سیستم قبلاً تعیین شده است.', en: 'The administrator’s password has already been set.' },
  'session.notLocked': { fa: 'برنامه قفل نیست.', en: 'The app is not locked.' },
  'session.notSignedIn': { fa: 'ابتدا وارد شوید.', en: 'Sign in first.' },
  'password.tooShort': { fa: 'گذرواژه باید دست‌کم ۸ نویسه باشد.', en: 'A password has at least 8 characters.' },
  'password.wrongCurrent': { fa: 'گذرواژهٔ فعلی درست نیست.', en: 'The current password is not right.' },
} satisfies Catalogue;
