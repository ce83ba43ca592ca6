/**
 * Every sentence the backend says to a person, in Persian and English. Handlers and schemas
 * name a message by key; the router renders it in the desk's language, so the same error
 * reads right in either interface language.
 */
export type Language = 'fa' | 'en';
type Params = Record<string, string | number>;

// Capabilities' own sentences, until the capability manifests carry them (issue 5).
import { FOLLOWUP_MESSAGES } from '../followups/messages';
import { ITEM_MESSAGES } from '../items/messages';
import { REMINDER_MESSAGES } from '../reminders/messages';
import { TASK_MESSAGES } from '../tasks/messages';

const CATALOGUE = {
  'record.notFound': { fa: 'این مورد پیدا نشد یا حذف شده است.', en: 'This item was not found or has been deleted.' },
  'identity.notFound': { fa: 'این هویت پیدا نشد.', en: 'This identity was not found.' },
  'user.notFound': { fa: 'این کاربر پیدا نشد.', en: 'This user was not found.' },
  'group.notFound': { fa: 'این گروه پیدا نشد.', en: 'This group was not found.' },
  'parentGroup.notFound': { fa: 'گروه بالادست پیدا نشد.', en: 'The parent group was not found.' },
  'position.notFound': { fa: 'این سمت پیدا نشد.', en: 'This position was not found.' },
  'role.notFound': { fa: 'این نقش پیدا نشد.', en: 'This role was not found.' },
  'organisation.notFound': { fa: 'سازمان انتخاب‌شده پیدا نشد.', en: 'The chosen organisation was not found.' },
  'organisation.hasMembers': {
    fa: 'این سازمان عضو دارد و نمی‌توان آن را به شخص تبدیل کرد. ابتدا اعضا را از آن جدا کنید.',
    en: 'This organisation has members, so it cannot become a person. Move its members out first.',
  },
  'organisation.hasMembers.field': {
    fa: 'سازمانِ دارای عضو را نمی‌توان به شخص تبدیل کرد.',
    en: 'An organisation with members cannot become a person.',
  },
  'phone.invalid': { fa: 'شمارهٔ «{number}» شمارهٔ تلفن معتبری نیست.', en: '“{number}” is not a valid phone number.' },
  'phone.invalidSummary': { fa: 'شمارهٔ تلفن واردشده درست نیست.', en: 'A phone number is not valid.' },
  'name.requiredPerson': { fa: 'نام یا نام خانوادگی را وارد کنید.', en: 'Enter a first or last name.' },
  'name.requiredOrganisation': { fa: 'نام سازمان را وارد کنید.', en: 'Enter the organisation’s name.' },
  'username.taken': { fa: 'این نام کاربری قبلاً ثبت شده است.', en: 'This username is already taken.' },
  'username.format': {
    fa: 'نام کاربری فقط حروف لاتین، رقم، نقطه، خط تیره و زیرخط است و ۲ تا ۴۰ نویسه دارد.',
    en: 'A username has 2 to 40 Latin letters, digits, dots, dashes or underscores.',
  },
  'areaCode.format': { fa: 'پیش‌شمارهٔ شهر باید دو یا سه رقم باشد، مانند ۲۱.', en: 'An area code has two or three digits, like 21.' },
  'extension.format': { fa: 'شمارهٔ داخلی فقط رقم، * و # است.', en: 'An extension has only digits, * and #.' },
  'request.unknown': { fa: 'این درخواست شناخته‌شده نیست.', en: 'This request is not known.' },
  'request.forbidden': { fa: 'شما اجازهٔ انجام این کار را ندارید.', en: 'You are not allowed to do this.' },
  'request.invalid': { fa: 'اطلاعات واردشده کامل یا درست نیست.', en: 'Some of the information is missing or not valid.' },
  'request.internal': {
    fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در پرونده‌ی گزارش ثبت شد.',
    en: 'Something unexpected went wrong. The details were written to the log file.',
  },
  // Field messages for the checks every schema has (see zod-messages.ts).
  'field.required': { fa: 'این بخش لازم است.', en: 'This field is required.' },
  'field.empty': { fa: 'این بخش نباید خالی باشد.', en: 'This field must not be empty.' },
  'field.invalid': { fa: 'مقدار این بخش درست نیست.', en: 'This value is not valid.' },
  'field.tooShort': { fa: 'دست‌کم {n} نویسه لازم است.', en: 'At least {n} characters are needed.' },
  'field.tooLong': { fa: 'حداکثر {n} نویسه مجاز است.', en: 'At most {n} characters are allowed.' },
  'field.tooFew': { fa: 'دست‌کم {n} مورد لازم است.', en: 'At least {n} items are needed.' },
  'field.tooMany': { fa: 'حداکثر {n} مورد مجاز است.', en: 'At most {n} items are allowed.' },
  'field.numberTooSmall': { fa: 'عدد باید دست‌کم {n} باشد.', en: 'The number must be at least {n}.' },
  'field.numberTooBig': { fa: 'عدد باید حداکثر {n} باشد.', en: 'The number must be at most {n}.' },
  'field.email': { fa: 'نشانی ایمیل درست نیست.', en: 'This is not a valid email address.' },
  'field.id': { fa: 'شناسه درست نیست.', en: 'This identifier is not valid.' },
  'field.format': { fa: 'قالب این بخش درست نیست.', en: 'This value is not in the expected format.' },
  'field.choice': { fa: 'یکی از گزینه‌های مجاز را انتخاب کنید.', en: 'Choose one of the allowed options.' },
  'field.unknownKeys': { fa: 'این بخش‌ها شناخته‌شده نیستند: {keys}', en: 'These fields are not known: {keys}' },
  'date.invalidJalali': {
    fa: '«{value}» تاریخ شمسی درستی نیست. تاریخ را به شکل ۱۴۰۴/۰۲/۱۵ (و در صورت نیاز ساعت، مانند ۱۴۰۴/۰۲/۱۵ ۰۹:۳۰) بنویسید.',
    en: '“{value}” is not a valid Jalali date. Write it as 1404/02/15 (with a time if needed: 1404/02/15 09:30).',
  },
  'date.timeRequired': { fa: 'ساعت را هم وارد کنید، مانند ۱۴۰۴/۰۲/۱۵ ۰۹:۳۰.', en: 'Enter a time as well, like 1404/02/15 09:30.' },
  ...ITEM_MESSAGES,
  ...TASK_MESSAGES,
  ...REMINDER_MESSAGES,
  ...FOLLOWUP_MESSAGES,
} satisfies Record<string, Record<Language, string>>;

export type MessageKey = keyof typeof CATALOGUE;

export function isMessageKey(s: string): s is MessageKey {
  return Object.prototype.hasOwnProperty.call(CATALOGUE, s);
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** The sentence for `key` in `lang`, with {name} placeholders filled (numbers in Persian digits for fa). */
export function text(key: MessageKey, lang: Language, params: Params = {}): string {
  return CATALOGUE[key][lang].replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return '';
    return lang === 'fa' && typeof v === 'number' ? String(v).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!) : String(v);
  });
}
