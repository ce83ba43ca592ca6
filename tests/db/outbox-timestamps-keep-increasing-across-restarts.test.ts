import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseHlc } from '../../db/hlc';
import { fixedClock } from '../../db/ids';
import { START, startBackend, tempDir } from '../api/backend-fixture';

const dir = tempDir('hlc-restart');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('outbox HLC across restarts', () => {
  it('a restart with the wall clock set back still makes later timestamps, with the same device id', async () => {
    const first = (await startBackend('hlc-restart', dir)).backend;
    const r1 = await first.call('identities.create', { kind: 'person', firstName: 'قبل' });
    expect(r1.ok).toBe(true);
    const hlcs1 = first.db.prepare('SELECT hlc FROM outbox ORDER BY seq').pluck().all() as string[];
    const device = first.db.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck().get();
    await first.close();

    // The machine's clock was wrong before, or was set back: an hour earlier now.
    const second = (await startBackend('hlc-restart', dir, { clock: fixedClock(START - 3_600_000) })).backend;
    try {
      expect(second.db.prepare("SELECT value FROM settings WHERE key = 'device.id'").pluck().get()).toBe(device);
      const r2 = await second.call('identities.create', { kind: 'person', firstName: 'بعد' });
      expect(r2.ok).toBe(true);
      const hlcs = second.db.prepare('SELECT hlc FROM outbox ORDER BY seq').pluck().all() as string[];
      expect(hlcs.length).toBeGreaterThan(hlcs1.length);
      for (let i = 1; i < hlcs.length; i++) expect(hlcs[i]! > hlcs[i - 1]!, `${hlcs[i - 1]} then ${hlcs[i]}`).toBe(true);
      expect(parseHlc(hlcs.at(-1)!).node).toBe(device);
    } finally {
      await second.close();
    }
  });
});
