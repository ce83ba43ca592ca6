import { describe, expect, it, vi } from 'vitest';
import { RpcClient } from '../../main/api/client';
import { parseCallFrame, parseServerFrame, type CallFrame } from '../../main/api/rpc';

describe('parseCallFrame', () => {
  it('accepts a well-formed call and keeps only its fields', () => {
    expect(parseCallFrame({ t: 'call', id: 1, method: 'session.get', input: { a: 1 }, extra: 'x' })).toEqual({
      t: 'call',
      id: 1,
      method: 'session.get',
      input: { a: 1 },
    });
  });

  it.each([
    null,
    undefined,
    42,
    'call',
    [],
    [{ t: 'call', id: 1, method: 'x' }],
    {},
    { t: 'result', id: 1, method: 'x' },
    { t: 'call', id: '1', method: 'x' },
    { t: 'call', id: 1.5, method: 'x' },
    { t: 'call', id: Number.MAX_SAFE_INTEGER + 10, method: 'x' },
    { t: 'call', id: Number.NaN, method: 'x' },
    { t: 'call', id: 1 },
    { t: 'call', id: 1, method: '' },
    { t: 'call', id: 1, method: 5 },
    { t: 'call', id: 1, method: 'x'.repeat(101) },
  ])('drops %j', (frame) => {
    expect(parseCallFrame(frame)).toBeNull();
  });
});

describe('parseServerFrame', () => {
  it('accepts results and events, drops anything else', () => {
    expect(parseServerFrame({ t: 'result', id: 3, result: { ok: true, value: 1 } })).not.toBeNull();
    expect(parseServerFrame({ t: 'event', event: 'data.changed', payload: {} })).not.toBeNull();
    for (const bad of [null, 'x', [], { t: 'result', id: '3', result: {} }, { t: 'result', id: 3 }, { t: 'event' }, { t: 'call', id: 1 }]) {
      expect(parseServerFrame(bad)).toBeNull();
    }
  });
});

describe('RpcClient', () => {
  it('pairs each result with its call, in any order', async () => {
    const sent: CallFrame[] = [];
    const client = new RpcClient({ send: (f) => sent.push(f) });
    const a = client.call('session.get', {});
    const b = client.call('identities.get', { id: 'x' });
    expect(sent.map((f) => [f.method, f.input])).toEqual([
      ['session.get', {}],
      ['identities.get', { id: 'x' }],
    ]);
    expect(sent[0]!.id).not.toBe(sent[1]!.id);
    client.receive({ t: 'result', id: sent[1]!.id, result: { ok: false, error: { code: 'not-found', message: 'نیست' } } });
    client.receive({ t: 'result', id: sent[0]!.id, result: { ok: true, value: 'A' } });
    expect(await a).toEqual({ ok: true, value: 'A' });
    expect(await b).toEqual({ ok: false, error: { code: 'not-found', message: 'نیست' } });
  });

  it('ignores garbage and results for unknown ids', async () => {
    const sent: CallFrame[] = [];
    const client = new RpcClient({ send: (f) => sent.push(f) });
    const p = client.call('session.get', {});
    for (const junk of ['x', 5, null, { t: 'result', id: 999, result: { ok: true, value: 0 } }, { t: 'result', id: sent[0]!.id }]) {
      expect(() => client.receive(junk)).not.toThrow();
    }
    client.receive({ t: 'result', id: sent[0]!.id, result: { ok: true, value: 1 } });
    expect(await p).toEqual({ ok: true, value: 1 });
  });

  it('fans events out to listeners until they unsubscribe', () => {
    const client = new RpcClient({ send: () => {} });
    const a = vi.fn();
    const b = vi.fn();
    const offA = client.on('data.changed', a);
    client.on('data.changed', b);
    client.on('session.changed', b);
    client.receive({ t: 'event', event: 'data.changed', payload: { tables: ['identities'], root: null } });
    offA();
    client.receive({ t: 'event', event: 'data.changed', payload: { tables: ['notes'], root: null } });
    expect(a).toHaveBeenCalledTimes(1);
    expect(a).toHaveBeenCalledWith({ tables: ['identities'], root: null });
    expect(b).toHaveBeenCalledTimes(2);
  });

  it('fails pending calls with unavailable when the transport goes away, and when sending throws', async () => {
    const client = new RpcClient({ send: () => {} });
    const pending = [client.call('session.get', {}), client.call('app.info', {})];
    client.disconnected();
    for (const r of await Promise.all(pending)) {
      expect(r).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/[\u0600-\u06FF]/) } });
    }
    const broken = new RpcClient({
      send: () => {
        throw new Error('port closed');
      },
    });
    expect(await broken.call('session.get', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });
});
