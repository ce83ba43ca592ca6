/**
 * What a renderer feature brings to the app, declared once in
 * renderer/features/<capability>/index.ts and listed in renderer/features/index.ts
 * (docs/architecture.md, "The renderer side"). The app (this folder) loops over the list
 * and knows no feature by name.
 */
import type { ComponentType } from 'react';
import type { SvgIconComponent } from '@mui/icons-material';
import type { TimelineItem } from '../../main/contract';

export interface NavEntry {
  path: string;
  /** Translation key of the label (also the window title). */
  labelKey: string;
  icon: SvgIconComponent;
  /** Position in the navigation list, smallest first. */
  order: number;
  /** Other paths that belong to this entry (the profile belongs to contacts). */
  alsoMatches?: string[];
}

/** How one kind of identity-history item is drawn (the backend's timeline source of that kind). */
export interface TimelineRenderer {
  icon: SvgIconComponent;
  /** Translation key of the item's title; may depend on the item (created / edited). */
  title(item: TimelineItem): string;
  Body?: ComponentType<{ item: TimelineItem }>;
  /** A word for what happened (created, edited, …), set as the entry's data-action. */
  action?(item: TimelineItem): string;
}

export interface Contribution<P = object> {
  key: string;
  order: number;
  Component: ComponentType<P>;
  /** The permission a user needs for it to be offered (useContributions leaves it out otherwise). */
  permission?: string;
}

/** Who a new-item form is for: the identity it opens prefilled with (a caller, for the screen pop). */
export interface NewItemFormProps {
  identity: { id: string; displayName: string };
  /** Called when the form is saved or dismissed (it asks first when something was typed). */
  onClose(): void;
}

/**
 * A form that makes a new item about an identity (a note, a task, an appointment), offered
 * wherever the app asks "open a new … for this person" — the screen pop setting and the
 * incoming-call popup list these and know none by name. `key` is the item kind the choice is
 * saved under, so it must not change once users have chosen it.
 */
export interface NewItemForm extends Contribution<NewItemFormProps> {
  /** Translation key of the choice's label ("New task"). */
  labelKey: string;
  /** The permission needed to make such an item; without it the form is not offered. */
  permission: string;
}

/** Nested translation objects, merged with every other feature's (a key defined twice is an error). */
export type Translations = { [key: string]: string | string[] | Translations };

export interface Feature {
  name: string;
  /** Paths under the shell, without the leading slash ('' is the start page). */
  routes?: { path: string; Page: ComponentType }[];
  nav?: NavEntry;
  translations?: { fa: Translations; en: Translations };
  /** Renderers of identity-history items, by item kind. */
  timeline?: Record<string, TimelineRenderer>;
  /** Widgets on the dashboard. */
  dashboard?: Contribution[];
  /** Sections of the Settings page. */
  settings?: Contribution[];
  /** Panels above an identity's history (the note box). */
  identityHistory?: Contribution<{ identityId: string }>[];
  /** Things in the app bar that are always visible (registration state, sync, bell). */
  toolbar?: Contribution[];
  /**
   * Buttons beside every phone number shown (click-to-call): the features that draw numbers
   * ask for these and know nothing of the phone.
   */
  phoneActions?: Contribution<{ number: string }>[];
  /**
   * Buttons beside an item in a list (a call in the call history): reminders and follow-ups
   * offer "remind me" and "follow up" for any item kind; the list knows nothing of them.
   * `label` names the item for a dialog's title (the caller's name).
   */
  itemActions?: Contribution<{ item: { kind: string; id: string }; label: string }>[];
  /** Forms for a new item about an identity (see NewItemForm). */
  newItemForms?: NewItemForm[];
  /** Always mounted over every page (incoming call, reminder popups). */
  overlays?: Contribution[];
  /** Messages under the app bar about the whole desk (a damaged store, a sync problem); each draws nothing when all is well. */
  banners?: Contribution[];
}
