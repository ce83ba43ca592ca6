import { openDatabase, type Db } from './connection';
import { formatHlc, Hlc } from './hlc';
import type { Clock } from './ids';
import { Store } from './writer';

/**
 * Opens the store file and makes its write path: this device's id (made once, kept in the
 * device-local settings table) names the HLC, and the clock starts past every change
 * already recorded, so a restart with the wall clock set back never makes a timestamp
 * older than one in the outbox.
 */
export function openStore(file: string, clock: Clock): { db: Db; store: Store } {
  const db = openDatabase(file);
  try {
    return { db, store: storeOn(db, clock) };
  } catch (err) {
    db.close();
    throw err;
  }
}

/** The write path on an open connection (db/storage.ts opens the file for the app). */
export function storeOn(db: Db, clock: Clock): Store {
  const get = db.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck();
  let deviceId = get.get() as string | undefined;
  if (!deviceId) {
    deviceId = clock.newId();
    db.prepare("INSERT INTO settings (key, value) VALUES ('device.id', ?)").run(deviceId);
  }
  const hlc = new Hlc(deviceId, clock.now);
  const last = db
    .prepare('SELECT wall, counter, (SELECT name FROM change_names WHERE code = node) AS node FROM change_log ORDER BY wall DESC, counter DESC LIMIT 1')
    .get() as { wall: number; counter: number; node: string } | undefined;
  if (last) hlc.receive(formatHlc(last.wall, last.counter, last.node));
  return new Store(db, clock, hlc);
}
