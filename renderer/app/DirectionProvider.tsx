/**
 * Emotion caches: right-to-left styles go through stylis-plugin-rtl (left↔right,
 * margin-left↔margin-right…), left-to-right ones are left alone. Each has its own key so
 * switching language does not reuse a cache built for the other direction.
 */
import type { ReactNode } from 'react';
import createCache from '@emotion/cache';
import { CacheProvider } from '@emotion/react';
import { prefixer } from 'stylis';
import rtlPlugin from 'stylis-plugin-rtl';

const rtlCache = createCache({ key: 'daftar-rtl', stylisPlugins: [prefixer, rtlPlugin] });
const ltrCache = createCache({ key: 'daftar-ltr', stylisPlugins: [prefixer] });

export function DirectionProvider({ direction, children }: { direction: 'rtl' | 'ltr'; children: ReactNode }) {
  return <CacheProvider value={direction === 'rtl' ? rtlCache : ltrCache}>{children}</CacheProvider>;
}
