import type { Catalogue } from '../api/messages';

/** What the organisation capability says to a person, in Persian and English (keys used by its schema and service). */
export const messages = {
  'user.notFound': { fa: 'این کاربر پیدا نشد.', en: 'This user was not found.' },
  'group.notFound': { fa: 'این گروه پیدا نشد.', en: 'This group was not found.' },
  'parentGroup.notFound': { fa: 'گروه بالادست پیدا نشد.', en: 'The parent group was not found.' },
  'position.notFound': { fa: 'این سمت پیدا نشد.', en: 'This position was not found.' },
  'role.notFound': { fa: 'این نقش پیدا نشد.', en: 'This role was not found.' },
  'username.taken': { fa: 'این نام کاربری قبلاً ثبت شده است.', en: 'This username is already taken.' },
  'username.format': {
    fa: 'نام کاربری فقط حروف لاتین، رقم، نقطه، خط تیره و زیرخط است و ۲ تا ۴۰ نویسه دارد.',
    en: 'A username has 2 to 40 Latin letters, digits, dots, dashes or underscores.',
  },
  'extension.format': { fa: 'شمارهٔ داخلی فقط رقم، * و # است.', en: 'An extension has only digits, * and #.' },
  'permission.unknown': { fa: 'این مجوز شناخته‌شده نیست.', en: 'This permission is not known.' },
  'room.notFound': { fa: 'این اتاق پیدا نشد.', en: 'This room was not found.' },
} satisfies Catalogue;
