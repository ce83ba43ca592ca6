import { useMemo } from 'react';
import { useAppState } from './AppState';
import type { NewItemForm } from './feature';
import { contributions, useFeatures } from './features';

/** Every feature's new-item forms this user may use, in order (see NewItemForm). */
export function useNewItemForms(): NewItemForm[] {
  const features = useFeatures();
  const { can } = useAppState();
  return useMemo(() => contributions(features, 'newItemForms').filter((f) => can(f.permission)), [features, can]);
}
