import { describe, expect, it } from 'vitest';
import { FEATURES } from '../../../renderer/features';
import { translationsOf } from '../../../renderer/i18n';

// The app's words and every feature's, merged as the app merges them (a key twice throws).
const fa = translationsOf(FEATURES, 'fa');
const en = translationsOf(FEATURES, 'en');

function keys(x: unknown, prefix = ''): string[] {
  if (Array.isArray(x)) return [prefix];
  if (typeof x !== 'object' || x === null) return [prefix];
  return Object.entries(x).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('Persian and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(fa).sort());
  });

  it('Persian text has no Latin digits where the app shows numbers itself', () => {
    for (const k of keys(fa)) {
      const v = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], fa);
      const text = Array.isArray(v) ? v.join(' ') : String(v);
      // Keyboard shortcuts and product names may be Latin; digits never.
      expect(text, k).not.toMatch(/[0-9]/);
    }
  });
});
