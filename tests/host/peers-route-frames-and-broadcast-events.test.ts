import { describe, expect, it } from 'vitest';
import { method, NoInput } from '../../main/api/capability';
import { Router, type Caller } from '../../main/api/router';
import type { ServerFrame } from '../../main/api/rpc';
import { Peers } from '../../main/host/peers';

const admin: Caller = { userId: 'u1', permissions: new Set(['organisation.read', 'identities.read']) };
const EMPTY_ORGANISATION = { users: [], groups: [], positions: [], roles: [], rooms: [] };

function setup() {
  const router = new Router();
  let release: () => void = () => {};
  const gate = new Promise<void>((r) => (release = r));
  router.add('session', { 'session.get': method(NoInput, null, () => ({ state: 'signed-out' as const, user: null, permissions: [], lastUsername: null })) });
  router.add('app', {
    'app.info': method(NoInput, null, async () => {
      await gate;
      return { version: '1', dataDir: '', databaseFile: '', logFile: '', counts: { identities: 0, users: 0, notes: 0, pendingChanges: 0 } };
    }),
  });
  router.add('organisation', { 'organisation.get': method(NoInput, 'organisation.read', () => EMPTY_ORGANISATION) });
  let caller = admin;
  const peers = new Peers(router, () => caller);
  return { peers, release: () => release(), setCaller: (c: Caller) => (caller = c) };
}

describe('Peers', () => {
  it('answers a call frame with a result frame of the same id', async () => {
    const { peers } = setup();
    const sent: ServerFrame[] = [];
    const peer = peers.connect((f) => sent.push(f));
    await peer.receive({ t: 'call', id: 9, method: 'session.get', input: {} });
    expect(sent).toEqual([{ t: 'result', id: 9, result: { ok: true, value: { state: 'signed-out', user: null, permissions: [], lastUsername: null } } }]);
  });

  it('drops malformed frames silently', async () => {
    const { peers } = setup();
    const sent: ServerFrame[] = [];
    const peer = peers.connect((f) => sent.push(f));
    for (const junk of [null, 'x', 5, {}, { t: 'call', id: 'a', method: 'session.get' }, { t: 'call', id: 1 }]) await peer.receive(junk);
    expect(sent).toEqual([]);
  });

  it('uses the caller at the time of each call', async () => {
    const { peers, setCaller } = setup();
    const sent: ServerFrame[] = [];
    const peer = peers.connect((f) => sent.push(f));
    const router = new Router();
    router.add('organisation', { 'organisation.get': method(NoInput, 'organisation.read', () => EMPTY_ORGANISATION) });
    const p2 = new Peers(router, () => ({ userId: null, permissions: new Set() }));
    const sent2: ServerFrame[] = [];
    await p2.connect((f) => sent2.push(f)).receive({ t: 'call', id: 1, method: 'organisation.get', input: {} });
    expect(sent2[0]).toMatchObject({ result: { ok: false, error: { code: 'forbidden' } } });
    await peer.receive({ t: 'call', id: 1, method: 'organisation.get', input: {} });
    expect(sent[0]).toEqual({ t: 'result', id: 1, result: { ok: true, value: EMPTY_ORGANISATION } });
    setCaller({ userId: null, permissions: new Set() });
    await peer.receive({ t: 'call', id: 2, method: 'session.get', input: {} });
    expect(sent[1]).toMatchObject({ id: 2, result: { ok: true } });
    await peer.receive({ t: 'call', id: 3, method: 'organisation.get', input: {} });
    expect(sent[2]).toMatchObject({ id: 3, result: { ok: false, error: { code: 'forbidden' } } });
  });

  it('a peer closed while its call runs gets no answer and no more events', async () => {
    const { peers, release } = setup();
    const sent: ServerFrame[] = [];
    const peer = peers.connect((f) => sent.push(f));
    expect(peers.size).toBe(1);
    const pending = peer.receive({ t: 'call', id: 1, method: 'app.info', input: {} });
    peer.close();
    expect(peers.size).toBe(0);
    release();
    await pending;
    peers.broadcast('data.changed', { tables: [], root: null });
    expect(sent).toEqual([]);
    await peer.receive({ t: 'call', id: 2, method: 'session.get', input: {} });
    expect(sent).toEqual([]);
  });

  it('broadcasts to every open peer, even when one transport throws', () => {
    const { peers } = setup();
    const a: ServerFrame[] = [];
    const c: ServerFrame[] = [];
    peers.connect((f) => a.push(f));
    peers.connect(() => {
      throw new Error('socket gone');
    });
    peers.connect((f) => c.push(f));
    expect(() => peers.broadcast('session.changed', { state: 'signed-in', userId: 'u2' })).not.toThrow();
    const frame = { t: 'event', event: 'session.changed', payload: { state: 'signed-in', userId: 'u2' } };
    expect(a).toEqual([frame]);
    expect(c).toEqual([frame]);
  });
});
