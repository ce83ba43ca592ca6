import type { Catalogue } from '../api/messages';

/** What the settings capability says to a person, in Persian and English (keys used by its schema and service). */
export const messages = {
  'areaCode.format': { fa: 'پیش‌شمارهٔ شهر باید دو یا سه رقم باشد، مانند ۲۱.', en: 'An area code has two or three digits, like 21.' },
} satisfies Catalogue;
