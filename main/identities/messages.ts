import type { Catalogue } from '../api/messages';

/** What the identities capability says to a person, in Persian and English (keys used by its schema and service). */
export const messages = {
  'identity.notFound': { fa: 'این هویت پیدا نشد.', en: 'This identity was not found.' },
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
} satisfies Catalogue;
