/** The interface languages; Persian first. Mirrors the `language` setting. */
export type Language = 'fa' | 'en';

export const LANGUAGES: readonly Language[] = ['fa', 'en'];

export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'fa' ? 'rtl' : 'ltr';
}

export function isLanguage(x: unknown): x is Language {
  return x === 'fa' || x === 'en';
}

// Hebrew, Arabic, Syriac, Thaana, N'Ko… and the Arabic presentation forms.
const RTL_CHAR = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/;
const STRONG_CHAR = /[\p{L}]/u;

/**
 * The direction of typed text, from its first letter (as dir="auto" does), or null when
 * it has no letter yet, so the field can keep the interface's direction while empty.
 */
export function directionOfText(text: string): 'rtl' | 'ltr' | null {
  for (const ch of text) {
    if (RTL_CHAR.test(ch)) return 'rtl';
    if (STRONG_CHAR.test(ch)) return 'ltr';
  }
  return null;
}
