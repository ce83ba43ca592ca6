import { useMemo } from 'react';
import { useAppState } from './AppState';
import type { Feature, NewItemForm } from './feature';
import { contributions, usableBy, useFeatures, type Slot } from './features';

/** Every feature's contributions to `slot` that this user may use (their `permission`), in order. */
export function useContributions<S extends Slot>(slot: S): NonNullable<Feature[S]> {
  const features = useFeatures();
  const { can } = useAppState();
  return useMemo(
    () => usableBy(contributions(features, slot) as { permission?: string }[], can) as NonNullable<Feature[S]>,
    [features, can, slot],
  );
}

/** Every feature's new-item forms this user may use, in order (see NewItemForm). */
export function useNewItemForms(): NewItemForm[] {
  return useContributions('newItemForms');
}
