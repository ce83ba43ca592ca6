/**
 * Interface text. Persian is the first language; English the second. Every word a user
 * reads comes from a translation file (the app's here, each feature's in its folder),
 * never from a component.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import fa from './fa.json';
import en from './en.json';
import { isLanguage, type Language } from '../format/language';
import type { Feature } from '../app/feature';
import { mergeTranslations } from '../app/features';

/** The app's own words plus every feature's (renderer/features/<name>/i18n). */
export function translationsOf(features: readonly Feature[], language: Language) {
  return mergeTranslations([language === 'fa' ? fa : en, ...features.flatMap((f) => (f.translations ? [f.translations[language]] : []))]);
}

const LAST_LANGUAGE = 'daftar.language';

/**
 * The language saved in settings arrives over the RPC a moment after start; the last one
 * used on this computer is the best guess until then, so the page does not flip.
 */
export function rememberedLanguage(): Language {
  try {
    const saved = localStorage.getItem(LAST_LANGUAGE);
    return isLanguage(saved) ? saved : 'fa';
  } catch {
    return 'fa';
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(LAST_LANGUAGE, language);
  } catch {
    // Storage may be unavailable (private mode); the setting itself is in the backend.
  }
}

export function initI18n(language: Language, features: readonly Feature[]) {
  void i18next.use(initReactI18next).init({
    resources: { fa: { translation: translationsOf(features, 'fa') }, en: { translation: translationsOf(features, 'en') } },
    lng: language,
    fallbackLng: 'fa',
    // React escapes text itself; names and notes are never HTML.
    interpolation: { escapeValue: false },
    returnNull: false,
    // i18next advertises a product of its makers in the console; the console is for our messages.
    showSupportNotice: false,
  });
  return i18next;
}
