/**
 * Every sentence the backend says to a person, in Persian and English. Handlers and schemas
 * name a message by key; the router renders it in the desk's language, so the same error
 * reads right in either interface language.
 */
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

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';

/** The sentence for `key` in `lang`, with {name} placeholders filled (numbers in Persian digits for fa). */
export function text(key: MessageKey, lang: Language, params: Params = {}): string {
  const sentence = catalogue.get(key)?.[lang];
  // An unregistered key is a programming error; showing the key beats crashing the answer.
  if (sentence === undefined) return key;
  return sentence.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return '';
    return lang === 'fa' && typeof v === 'number' ? String(v).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]!) : String(v);
  });
}
