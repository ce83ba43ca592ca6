import type { Catalogue } from '../api/messages';

export const messages = {
  'sync.serverFormat': {
    fa: 'نشانی سرور با http:// یا https:// شروع می‌شود، مانند https://sync.example.ir',
    en: 'A server address starts with http:// or https://, like https://sync.example.ir',
  },
  'sync.offline': {
    fa: 'سرور در دسترس نیست. نشانی سرور و اتصال شبکه را بررسی کنید.',
    en: 'The server cannot be reached. Check its address and the network.',
  },
  // The server's own sentence (it sends both languages; the desk shows its own).
  'sync.server': { fa: '{reason}', en: '{reason}' },
  'sync.notSignedIn': { fa: 'این میز کار به سرور وارد نشده است.', en: 'This desk is not signed in to a server.' },
  'sync.conflictNotFound': { fa: 'این ناسازگاری پیدا نشد.', en: 'This conflict was not found.' },
} satisfies Catalogue;
