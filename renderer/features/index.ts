/**
 * Every feature of the renderer (docs/architecture.md, "The renderer side"). Adding one is
 * a folder in renderer/features/ and one line here.
 */
import type { Feature } from '../app/feature';
import { dashboard } from './dashboard';
import { history } from './history';
import { identities } from './identities';
import { notes } from './notes';
import { phone } from './phone';
import { plannedAreas } from './placeholders';
import { settings } from './settings';
import { sync } from './sync';

export const FEATURES: readonly Feature[] = [dashboard, identities, history, notes, phone, settings, sync, ...plannedAreas];
