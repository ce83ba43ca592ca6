/**
 * The feature list, made available to every component (the dashboard shows other
 * features' widgets, the history tab their item renderers), plus what the app derives
 * from it: routes, navigation, merged translations.
 */
import { createContext, useContext, type ReactNode } from 'react';
import type { Contribution, Feature, NavEntry, Translations } from './feature';

const FeaturesContext = createContext<readonly Feature[]>([]);

export function FeaturesProvider({ features, children }: { features: readonly Feature[]; children: ReactNode }) {
  return <FeaturesContext.Provider value={features}>{children}</FeaturesContext.Provider>;
}

export function useFeatures(): readonly Feature[] {
  return useContext(FeaturesContext);
}

export type Slot = 'dashboard' | 'settings' | 'identityHistory' | 'toolbar' | 'overlays' | 'banners' | 'phoneActions' | 'itemActions' | 'newItemForms';

/** The contributions a user with these permissions may use: those with no `permission`, and those whose permission they have. */
export function usableBy<T extends { permission?: string }>(items: readonly T[], can: (permission: string) => boolean): T[] {
  return items.filter((c) => !c.permission || can(c.permission));
}

/** Every feature's contributions to one slot, in order. */
export function contributions<S extends Slot>(features: readonly Feature[], slot: S): NonNullable<Feature[S]> {
  return features.flatMap((f) => (f[slot] ?? []) as Contribution<never>[]).sort((a, b) => a.order - b.order) as NonNullable<Feature[S]>;
}

export function navEntries(features: readonly Feature[]): (NavEntry & { feature: string })[] {
  return features
    .filter((f) => f.nav)
    .map((f) => ({ ...f.nav!, feature: f.name }))
    .sort((a, b) => a.order - b.order);
}

/** The navigation entry a path belongs to (the start page when none matches). */
export function navEntryOf(features: readonly Feature[], pathname: string): (NavEntry & { feature: string }) | undefined {
  const entries = navEntries(features);
  for (const e of entries) {
    if (e.path === '/') continue;
    for (const p of [e.path, ...(e.alsoMatches ?? [])]) {
      if (pathname === p || pathname.startsWith(`${p}/`)) return e;
    }
  }
  return entries.find((e) => e.path === '/');
}

/** Deep-merges translation trees; the same leaf in two trees is a mistake worth failing on. */
export function mergeTranslations(trees: readonly Translations[], where = ''): Translations {
  const out: Translations = {};
  for (const tree of trees) {
    for (const [key, value] of Object.entries(tree)) {
      const existing = out[key];
      if (existing === undefined) out[key] = value;
      else if (isTree(existing) && isTree(value)) out[key] = mergeTranslations([existing, value], `${where}${key}.`);
      else throw new Error(`translation ${where}${key} is defined twice`);
    }
  }
  return out;
}

function isTree(v: unknown): v is Translations {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
