import { createHash, randomBytes } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import type { Value } from '../../db/sync/protocol';
import type { ServerDatabase } from '../database/database';
import { CalendarAccess } from '../sync/calendar-access';
import { permissionsOf } from '../sync/permissions';
import { tableRows } from '../sync/rows';
import { calendarFeed } from './ics';

const digest = (secret: string) => createHash('sha256').update(secret).digest('hex');

export interface FeedInfo {
  id: string;
  calendarId: string;
  createdAt: number;
}

/**
 * Calendar feeds: a secret address per (user, calendar) that serves the calendar as
 * iCalendar, so a phone's calendar app can subscribe without signing in. The address works
 * only while its owner may still read the calendar and their account is enabled; its owner
 * revokes it at will. Only the secret's hash is stored.
 */
export class CalendarFeeds {
  constructor(
    private readonly db: ServerDatabase,
    private readonly now: () => number,
  ) {}

  /** A new feed of a calendar the user may read; null when they may not. */
  async create(userId: string, calendarId: string): Promise<{ id: string; secret: string } | null> {
    const access = await CalendarAccess.load(this.db, userId, await permissionsOf(this.db, userId));
    if (!access.allows(calendarId, 'read')) return null;
    const id = uuidv7();
    const secret = randomBytes(24).toString('base64url');
    await this.db.run('INSERT INTO calendar_feeds (id, secret_hash, user_id, calendar_id, created_at) VALUES (?, ?, ?, ?, ?)', [
      id,
      digest(secret),
      userId,
      calendarId,
      this.now(),
    ]);
    return { id, secret };
  }

  async list(userId: string): Promise<FeedInfo[]> {
    const rows = await this.db.all<{ id: string; calendar_id: string; created_at: number }>(
      'SELECT id, calendar_id, created_at FROM calendar_feeds WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at',
      [userId],
    );
    return rows.map((r) => ({ id: r.id, calendarId: r.calendar_id, createdAt: Number(r.created_at) }));
  }

  /** Ends a feed of this user's; false when there is none such. */
  async revoke(userId: string, id: string): Promise<boolean> {
    return (await this.db.run('UPDATE calendar_feeds SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL', [this.now(), id, userId])) > 0;
  }

  /** The feed's iCalendar text, or null (unknown, revoked, or its owner may no longer read it). */
  async render(secret: string): Promise<string | null> {
    if (!/^[\w-]{20,64}$/.test(secret)) return null;
    const feed = await this.db.get<{ user_id: string; calendar_id: string; disabled_at: number | null }>(
      `SELECT f.user_id, f.calendar_id, a.disabled_at FROM calendar_feeds f JOIN accounts a ON a.user_id = f.user_id
       WHERE f.secret_hash = ? AND f.revoked_at IS NULL`,
      [digest(secret)],
    );
    if (!feed || feed.disabled_at !== null) return null;
    const permissions = await permissionsOf(this.db, feed.user_id);
    if (!permissions.has('calendar.read')) return null;
    const access = await CalendarAccess.load(this.db, feed.user_id, permissions);
    if (!access.allows(feed.calendar_id, 'read')) return null;
    const calendar = (await tableRows(this.db, 'calendars')).find((c) => c.rowId === feed.calendar_id);
    if (!calendar) return null;
    const appointments = (await tableRows(this.db, 'appointments'))
      .filter((a) => a.fields.calendar_id === feed.calendar_id)
      .map((a) => ({ ...a.fields, id: a.rowId, updated_at: a.updatedAt }));
    const ids = new Set(appointments.map((a) => a.id));
    const exceptions = new Map<string, Record<string, Value>[]>();
    for (const ex of await tableRows(this.db, 'appointment_exceptions')) {
      const owner = ex.fields.appointment_id;
      if (typeof owner !== 'string' || !ids.has(owner)) continue;
      exceptions.set(owner, [...(exceptions.get(owner) ?? []), ex.fields]);
    }
    const rooms = new Map((await tableRows(this.db, 'rooms')).map((r) => [r.rowId, String(r.fields.name ?? '')]));
    return calendarFeed({ name: String(calendar.fields.name ?? ''), appointments, exceptions, rooms }, this.now());
  }
}
