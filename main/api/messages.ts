/**
 * Every sentence the backend says to a person, in Persian and English. Handlers and schemas
 * name a message by key; the router renders it in the desk's language, so the same error
 * reads right in either interface language.
 */

import { toPersianDigits } from '../../db/text';

export type Language = 'fa' | 'en';
type Params = Record<string, string | number>;

const CORE = {
  'record.notFound': { fa: 'این مورد پیدا نشد یا حذف شده است.', en: 'This item was not found or has been deleted.' },
  'request.unknown': { fa: 'این درخواست شناخته‌شده نیست.', en: 'This request is not known.' },
  'request.forbidden': { fa: 'شما اجازهٔ انجام این کار را ندارید.', en: 'You are not allowed to do this.' },
  'request.invalid': { fa: 'اطلاعات واردشده کامل یا درست نیست.', en: 'Some of the information is missing or not valid.' },
  'request.internal': {
    fa: 'خطای پیش‌بینی‌نشده‌ای رخ داد. جزئیات در پرونده‌ی گزارش ثبت شد.',
    en: 'Something unexpected went wrong. The details were written to the log file.',
  },
  // Storage faults: what happened, that nothing was saved, and what to do (main/storage/faults.ts).
  // Core, not the storage capability's: a start that fails before any manifest is read says these.
  'storage.corrupt': {
    fa: 'پروندهٔ داده‌ها ({path}) آسیب دیده است. برای جلوگیری از آسیب بیشتر، دفتر فقط‌خواندنی شد: اطلاعات را می‌بینید ولی هیچ تغییری ذخیره نمی‌شود. مدیر سیستم از «تنظیمات ← ایمنی داده‌ها» آخرین پشتیبان سالم را بازگرداند.',
    en: 'The data file ({path}) is damaged. To prevent further damage Daftar is now read-only: you can look things up, but no change is saved. An administrator should restore the newest good backup from Settings → Data safety.',
  },
  'storage.full': {
    fa: 'دیسکی که پروندهٔ داده‌ها ({path}) روی آن است پر شده است و چیزی ذخیره نشد. روی آن دیسک جا باز کنید و دوباره امتحان کنید.',
    en: 'The disk that holds the data file ({path}) is full, so nothing was saved. Free some space on that disk and try again.',
  },
  'storage.readOnly': {
    fa: 'پروندهٔ داده‌ها ({path}) نوشتنی نیست (پروندهٔ فقط‌خواندنی یا دیسک فقط‌خواندنی) و چیزی ذخیره نشد. پرونده و پوشهٔ آن را برای کاربر خود نوشتنی کنید و دفتر را دوباره باز کنید.',
    en: 'The data file ({path}) cannot be written (a read-only file or disk), so nothing was saved. Make the file and its folder writable for your user, then restart Daftar.',
  },
  'storage.io': {
    fa: 'دیسک هنگام خواندن یا نوشتن پروندهٔ داده‌ها ({path}) خطا داد و چیزی ذخیره نشد. دیسک (یا کابل و اشتراک شبکهٔ آن) را بررسی کنید؛ اگر تکرار شد، یک پشتیبان را روی دیسک سالمی بازگردانید.',
    en: 'The disk reported an error reading or writing the data file ({path}), so nothing was saved. Check the disk (or its cable or network share); if it happens again, restore a backup onto a healthy disk.',
  },
  'storage.locked': {
    fa: 'پروندهٔ داده‌ها ({path}) در دست برنامهٔ دیگری است و چیزی ذخیره نشد. برنامه‌هایی را که ممکن است آن را باز کرده باشند (پشتیبان‌گیر، همگام‌ساز) ببندید و دوباره امتحان کنید.',
    en: 'The data file ({path}) is busy in another program, so nothing was saved. Close programs that may have it open (backup or sync tools) and try again.',
  },
  'storage.cannotOpen': {
    fa: 'پروندهٔ داده‌ها ({path}) باز نمی‌شود. بررسی کنید که پوشه وجود دارد و کاربر شما به آن دسترسی دارد.',
    en: 'The data file ({path}) cannot be opened. Check that the folder exists and that your user can access it.',
  },
  'storage.folderInUse': {
    fa: 'پوشهٔ داده‌های {path} در دست دفترِ دیگری است (فرایند {pid} روی {host}، {program}). ابتدا آن را ببندید یا پوشهٔ دیگری به کار ببرید.',
    en: 'The data folder {path} is in use by another Daftar (process {pid} on {host}, {program}). Close that one first, or use another folder.',
  },
  'storage.folderInUseUnknown': {
    fa: 'پوشهٔ داده‌های {path} در دست برنامهٔ دیگری است. ابتدا آن را ببندید یا پوشهٔ دیگری به کار ببرید.',
    en: 'The data folder {path} is in use by another program. Close it first, or use another folder.',
  },
  'storage.startFailed': {
    fa: 'دفتر نتوانست پوشهٔ داده‌های {path} را باز کند: {detail}',
    en: 'Daftar could not open the data folder {path}: {detail}',
  },
  'storage.noGoodBackup': {
    fa: 'هیچ پشتیبان سالمی پیدا نشد. پروندهٔ آسیب‌دیده دست نخورد.',
    en: 'No backup passed its check. The damaged file was left as it was.',
  },
  'storage.backupNotFound': { fa: 'این پشتیبان پیدا نشد.', en: 'This backup was not found.' },
  'storage.backupFailed': {
    fa: 'پشتیبان‌گیری انجام نشد: {detail}',
    en: 'The backup could not be made: {detail}',
  },
  // Text hygiene at the boundary (text-hygiene.ts).
  'text.illFormed': {
    fa: 'این متن نویسهٔ نامعتبری دارد (احتمالاً از جای دیگری ناقص کپی شده است). آن را دوباره تایپ کنید.',
    en: 'This text has an invalid character (probably copied incompletely from elsewhere). Type it again.',
  },
  'name.invisible': {
    fa: 'نام باید دست‌کم یک حرف یا رقم دیدنی داشته باشد.',
    en: 'A name needs at least one visible letter or digit.',
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
  // Typed dates (main/api/jalali-input.ts) and references to items (main/api/items.ts).
  'date.invalidJalali': {
    fa: '«{value}» تاریخ شمسی درستی نیست. تاریخ را به شکل ۱۴۰۴/۰۲/۱۵ (و در صورت نیاز ساعت، مانند ۱۴۰۴/۰۲/۱۵ ۰۹:۳۰) بنویسید.',
    en: '“{value}” is not a valid Jalali date. Write it as 1404/02/15 (with a time if needed: 1404/02/15 09:30).',
  },
  'date.timeRequired': { fa: 'ساعت را هم وارد کنید، مانند ۱۴۰۴/۰۲/۱۵ ۰۹:۳۰.', en: 'Enter a time as well, like 1404/02/15 09:30.' },
  'item.kindUnknown': { fa: 'نوع «{kind}» شناخته‌شده نیست.', en: 'The item type “{kind}” is not known.' },
  'item.notFound': {
    fa: 'موردی که یادآوری یا پیگیری به آن وصل می‌شود پیدا نشد یا حذف شده است.',
    en: 'The item to attach this to was not found or has been deleted.',
  },
} satisfies Catalogue;

/** A key of the core catalogue or of a capability's (main/<capability>/capability.ts, `messages`). */
export type MessageKey = string;
export type Catalogue = Record<string, Record<Language, string>>;

const catalogue = new Map<string, Record<Language, string>>(Object.entries(CORE));

/**
 * Adds a capability's sentences. The backend registers every manifest's messages at start;
 * registering the same sentence again is harmless (several backends in one test process),
 * a different sentence under a taken key is a programming error.
 */
export function registerMessages(messages: Catalogue): void {
  for (const [key, value] of Object.entries(messages)) {
    const known = catalogue.get(key);
    if (known && (known.fa !== value.fa || known.en !== value.en)) throw new Error(`message ${key} is defined twice`);
    catalogue.set(key, value);
  }
}

export function isMessageKey(s: string): boolean {
  return catalogue.has(s);
}

/** The sentence for `key` in `lang`, with {name} placeholders filled (numbers in Persian digits for fa). */
export function text(key: MessageKey, lang: Language, params: Params = {}): string {
  const sentence = catalogue.get(key)?.[lang];
  // An unregistered key is a programming error; showing the key beats crashing the answer.
  if (sentence === undefined) return key;
  return sentence.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return '';
    return lang === 'fa' && typeof v === 'number' ? toPersianDigits(String(v)) : String(v);
  });
}
