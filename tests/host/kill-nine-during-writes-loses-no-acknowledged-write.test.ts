/**
 * The crash test: a web host in its own process, mixed writes over its API, SIGKILL at a
 * random moment, start again on the same folder, 50 times. Every write the host answered
 * "ok" must be in the store afterwards, rows and outbox must agree, and SQLite's full
 * integrity_check must pass.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ensureOutboxView } from '../../db/change-log';
import { tempDir } from '../api/backend-fixture';
import { bundle, kill, removeBundles, run, type Child } from './host-process';
import type { Result } from '../../main/api/rpc';
import { connectRpc, type RpcClient } from './rpc-client';

const KILLS = 50;
const PASSWORD = 'crash-admin-password';
const dir = tempDir('kill9');
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  removeBundles();
});

interface Known {
  /** The last firstName the host acknowledged, and one it may have applied without answering. */
  acked: string;
  maybe: string | null;
  deleted: 'no' | 'maybe' | 'yes';
  notes: number;
  /** Notes asked for whose answer never came (the host died): each may or may not be stored. */
  maybeNotes: number;
}

/** True when the host is gone (the call failed because the connection closed); any other failure is a bug. */
function stopped(r: Result<unknown>): r is Extract<Result<unknown>, { ok: false }> {
  if (r.ok) return false;
  if (r.error.code !== 'unavailable') throw new Error(`unexpected answer: ${JSON.stringify(r.error)}`);
  return true;
}

/** Writes until the connection dies: creates, renames, notes and deletes, each awaited, so "acknowledged" is exact. */
async function writeUntilKilled(c: RpcClient, known: Map<string, Known>, round: number, counter: { ops: number }): Promise<void> {
  for (let i = 0; ; i++) {
    const live = [...known.entries()].filter(([, k]) => k.deleted === 'no');
    const pick = live[(i * 7 + round) % Math.max(1, live.length)];
    const op = i % 5;
    if (op === 0 || op === 3 || !pick) {
      const name = `ن${round}x${i}`;
      const r = await c.call('identities.create', { kind: 'person', firstName: name, lastName: 'آزمون', phones: [{ kind: 'mobile', number: `0912${String(round * 1000 + i).padStart(7, '0')}` }] });
      if (stopped(r)) return;
      known.set((r.value as { id: string }).id, { acked: name, maybe: null, deleted: 'no', notes: 0, maybeNotes: 0 });
    } else if (op === 1) {
      const [id, k] = pick;
      const name = `${k.acked}ب`;
      k.maybe = name;
      const r = await c.call('identities.update', { id, kind: 'person', firstName: name, lastName: 'آزمون' });
      if (stopped(r)) return;
      k.acked = name;
      k.maybe = null;
    } else if (op === 2) {
      const [id, k] = pick;
      k.maybeNotes += 1;
      const r = await c.call('notes.create', { identityId: id, body: `یادداشت ${round}/${i}` });
      if (stopped(r)) return;
      k.notes += 1;
      k.maybeNotes -= 1;
    } else {
      const [id, k] = pick;
      k.deleted = 'maybe';
      const r = await c.call('identities.delete', { id });
      if (stopped(r)) return;
      k.deleted = 'yes';
    }
    counter.ops += 1;
  }
}

describe('kill -9 during mixed writes', () => {
  it(`${KILLS} kills: no acknowledged write lost, rows and outbox agree, integrity_check ok`, async () => {
    const file = await bundle('tests/host/fixtures/test-host.ts');
    const known = new Map<string, Known>();
    const counter = { ops: 0 };
    let host: Child | null = null;
    try {
      for (let round = 0; round < KILLS; round++) {
        host = run(file, [dir]);
        const url = (await host.waitFor(/READY (\S+)/))[1]!;
        const c = await connectRpc(url);
        const signedIn = await c.call(round === 0 ? 'session.setUp' : 'session.signIn', round === 0 ? { password: PASSWORD } : { username: 'admin', password: PASSWORD });
        expect(signedIn.ok, JSON.stringify(signedIn)).toBe(true);
        const writing = writeUntilKilled(c, known, round, counter);
        await new Promise((r) => setTimeout(r, 30 + ((round * 37) % 170)));
        host.process.kill('SIGKILL');
        await host.exited;
        await writing;
        c.close();
      }
    } finally {
      if (host) await kill(host);
    }
    expect(counter.ops).toBeGreaterThan(KILLS);
    console.log(`kill -9 test: ${KILLS} kills, ${counter.ops} acknowledged writes, ${known.size} identities`);

    const db = new Database(join(dir, 'daftar.sqlite'));
    ensureOutboxView(db); // the change log as text (a TEMP view each connection makes)
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = db.prepare('SELECT first_name, deleted_at FROM identities WHERE id = ?');
      const notes = db.prepare('SELECT count(*) FROM notes WHERE identity_id = ?').pluck();
      for (const [id, k] of known) {
        const r = row.get(id) as { first_name: string; deleted_at: number | null } | undefined;
        expect(r, id).toBeDefined();
        expect([k.acked, k.maybe], id).toContain(r!.first_name);
        if (k.deleted === 'yes') expect(r!.deleted_at, id).not.toBeNull();
        if (k.deleted === 'no') expect(r!.deleted_at, id).toBeNull();
        const n = notes.get(id) as number;
        expect(n >= k.notes && n <= k.notes + k.maybeNotes, `${id}: ${n} notes, ${k.notes} acknowledged, ${k.maybeNotes} unanswered`).toBe(true);
      }
      // The change log holds every row's creation, and nothing for rows that are not there.
      for (const table of ['identities', 'notes', 'identity_phones']) {
        const rows = db.prepare(`SELECT id FROM ${table} ORDER BY id`).pluck().all();
        const inserts = db.prepare("SELECT row_id FROM outbox WHERE table_name = ? AND op = 'insert' ORDER BY row_id").pluck().all(table);
        expect(inserts, table).toEqual(rows);
      }
      const hlcs = db.prepare('SELECT hlc FROM outbox ORDER BY seq').pluck().all() as string[];
      for (let i = 1; i < hlcs.length; i++) expect(hlcs[i]! > hlcs[i - 1]!, `outbox ${i}`).toBe(true);
    } finally {
      db.close();
    }
  }, 600_000);
});
