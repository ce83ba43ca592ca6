export const FOLLOWUP_MESSAGES = {
  'followup.notFound': { fa: 'این پیگیری پیدا نشد یا از آنِ شما نیست.', en: 'This follow-up was not found, or it is not yours.' },
} as const;
