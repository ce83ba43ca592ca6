/**
 * What the parts of the calendar service share (service.ts builds them): the store and its
 * calendar rows, the clock, the directory of people and rooms, and the desk's language.
 */
import type { Clock } from '../../db/ids';
import type { Store } from '../../db/writer';
import type { Language } from '../api/messages';
import type { CalendarDirectory } from './directory';
import type { CalendarStore } from './store';

export interface CalendarCaller {
  userId: string | null;
  permissions: ReadonlySet<string>;
}

export interface CalendarContext {
  readonly store: Store;
  readonly rows: CalendarStore;
  readonly clock: Clock;
  readonly directory: CalendarDirectory;
  /** The desk's language: invitations and backend text are written in it. */
  readonly language: () => Language;
}

/** A part of the calendar service: the shared context under the names its rules use. */
export abstract class CalendarPart {
  protected readonly store: Store;
  protected readonly rows: CalendarStore;
  protected readonly clock: Clock;
  protected readonly directory: CalendarDirectory;
  protected readonly language: () => Language;

  constructor(ctx: CalendarContext) {
    this.store = ctx.store;
    this.rows = ctx.rows;
    this.clock = ctx.clock;
    this.directory = ctx.directory;
    this.language = ctx.language;
  }
}
