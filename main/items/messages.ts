export const ITEM_MESSAGES = {
  'item.kindUnknown': { fa: 'نوع «{kind}» شناخته‌شده نیست.', en: 'The item type “{kind}” is not known.' },
  'item.notFound': {
    fa: 'موردی که یادآوری یا پیگیری به آن وصل می‌شود پیدا نشد یا حذف شده است.',
    en: 'The item to attach this to was not found or has been deleted.',
  },
} as const;
