import { EventEmitter } from 'node:events';
import vm from 'node:vm';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { installBridge, type PreloadElectron, type RendererPortLike } from '../../electron/bridge';
import { CONNECT_CHANNEL, DISCONNECTED_CHANNEL, PORT_CHANNEL } from '../../electron/channels';
import type { CallFrame } from '../../main/api/rpc';
import { bundleShellEntry } from './stand-in';

/** contextBridge and ipcRenderer as a sandboxed preload sees them. */
function preloadStandIn() {
  const exposed = new Map<string, unknown>();
  const ipc = new EventEmitter();
  const sent: string[] = [];
  const electron: PreloadElectron = {
    contextBridge: { exposeInMainWorld: (key, api) => void exposed.set(key, api) },
    ipcRenderer: {
      on: (channel, listener) => ipc.on(channel, listener),
      send: (channel) => void sent.push(channel),
    },
  };
  /** The main process hands the page a port (webContents.postMessage('daftar:port', null, [port])). */
  const givePort = (port: MessagePort) => ipc.emit(PORT_CHANNEL, { ports: [port as unknown as RendererPortLike] });
  const disconnect = () => ipc.emit(DISCONNECTED_CHANNEL, { ports: [] });
  return { electron, exposed, ipc, sent, givePort, disconnect };
}

const openPorts: MessagePort[] = [];
afterEach(() => {
  for (const p of openPorts.splice(0)) p.close();
});

/** A backend end that records call frames and answers when told. */
function backendEnd() {
  const { port1, port2 } = new MessageChannel();
  openPorts.push(port1, port2);
  const frames: CallFrame[] = [];
  const waiters: (() => void)[] = [];
  port1.on('message', (frame: CallFrame) => {
    frames.push(frame);
    for (const w of waiters.splice(0)) w();
  });
  return {
    page: port2,
    frames,
    answer: (id: number, value: unknown) => port1.postMessage({ t: 'result', id, result: { ok: true, value } }),
    push: (event: string, payload: unknown) => port1.postMessage({ t: 'event', event, payload }),
    nextFrame: () => new Promise<void>((r) => waiters.push(r)),
  };
}

type Api = {
  call(method: unknown, input?: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  on(event: unknown, listener: unknown): () => void;
};

describe('preload bridge', () => {
  it('exposes only window.daftar = {call, on} and asks the shell for a port', () => {
    const s = preloadStandIn();
    installBridge(s.electron);

    expect([...s.exposed.keys()]).toEqual(['daftar']);
    const api = s.exposed.get('daftar') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    expect(typeof api.call).toBe('function');
    expect(typeof api.on).toBe('function');
    expect(s.sent).toEqual([CONNECT_CHANNEL]);
  });

  it('call() sends a call frame over the port and resolves with the answer', async () => {
    const s = preloadStandIn();
    const api = installBridge(s.electron) as unknown as Api;
    const backend = backendEnd();
    s.givePort(backend.page);

    const arrived = backend.nextFrame();
    const result = api.call('identities.list', { limit: 5 });
    await arrived;
    expect(backend.frames).toEqual([{ t: 'call', id: 1, method: 'identities.list', input: { limit: 5 } }]);
    backend.answer(1, { items: [] });
    expect(await result).toEqual({ ok: true, value: { items: [] } });
  });

  it('calls made before the port arrives wait for it', async () => {
    const s = preloadStandIn();
    const api = installBridge(s.electron) as unknown as Api;
    const early = api.call('app.info', {});
    const backend = backendEnd();

    const arrived = backend.nextFrame();
    s.givePort(backend.page);
    await arrived;
    expect(backend.frames.map((f) => f.method)).toEqual(['app.info']);
    backend.answer(backend.frames[0]!.id, { version: '0.1.0' });
    expect(await early).toEqual({ ok: true, value: { version: '0.1.0' } });
  });

  it('call() refuses a method that is not a method name', async () => {
    const s = preloadStandIn();
    const api = installBridge(s.electron) as unknown as Api;
    for (const bad of [42, null, undefined, {}, '', 'x', '__proto__', 'constructor.call()', 'a'.repeat(101) + '.b']) {
      await expect(api.call(bad, {}), String(bad)).rejects.toThrow(TypeError);
    }
  });

  it('on() accepts only well-formed event names (capability.event), and delivers them', async () => {
    const s = preloadStandIn();
    const api = installBridge(s.electron) as unknown as Api;
    const bad: unknown[] = ['daftar:port', 'message', 'data.changed ', ' data.changed', 'data..changed', 'data.changed.', '.data', 'toString'];
    bad.push('__proto__', 'constructor.call()', 'a'.repeat(101) + '.b', '', 42, null, undefined, {}, ['data.changed']);
    for (const event of bad) {
      expect(() => api.on(event, () => {}), String(event)).toThrow(TypeError);
    }
    for (const bad of ['daftar:port', 'message', 'data.changed ', 'toString', '__proto__', 42, null]) {
      expect(() => api.on(bad, () => {}), String(bad)).toThrow(TypeError);
    }
    expect(() => api.on('data.changed', 'not a function')).toThrow(TypeError);

    const backend = backendEnd();
    s.givePort(backend.page);
    const got: unknown[] = [];
    const off = api.on('data.changed', (p: unknown) => got.push(p));
    const delivered = new Promise<void>((r) => api.on('data.changed', () => r()));
    backend.push('data.changed', { tables: ['identities'], root: null });
    await delivered;
    expect(got).toEqual([{ tables: ['identities'], root: null }]);
    off();
    // A capability's own event (declared in its manifest) is delivered the same way.
    const sessions: unknown[] = [];
    const switched = new Promise<void>((r) => api.on('session.changed', (p: unknown) => (sessions.push(p), r())));
    backend.push('session.changed', { userId: null });
    await switched;
    expect(sessions).toEqual([{ userId: null }]);
  });

  it('when the backend dies, pending calls fail as unavailable and queued calls are dropped, not run later', async () => {
    const s = preloadStandIn();
    const api = installBridge(s.electron) as unknown as Api;
    const first = backendEnd();
    s.givePort(first.page);
    const arrived = first.nextFrame();
    const inFlight = api.call('notes.create', { text: 'x' });
    await arrived;

    s.disconnect();
    expect(await inFlight).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const queued = api.call('notes.create', { text: 'queued while down' });
    s.disconnect(); // still down: the queued call fails too
    expect(await queued).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const second = backendEnd();
    const next = second.nextFrame();
    s.givePort(second.page);
    const after = api.call('app.info', {});
    await next;
    expect(second.frames.map((f) => f.method)).toEqual(['app.info']);
    second.answer(second.frames[0]!.id, 'ok');
    expect(await after).toEqual({ ok: true, value: 'ok' });
  });

  it('a new port (backend restarted) replaces the old one; calls on the old one fail', async () => {
    const s = preloadStandIn();
    const api = installBridge(s.electron) as unknown as Api;
    const first = backendEnd();
    s.givePort(first.page);
    const arrived = first.nextFrame();
    const old = api.call('app.info', {});
    await arrived;

    const second = backendEnd();
    s.givePort(second.page);
    expect(await old).toMatchObject({ ok: false, error: { code: 'unavailable' } });

    const next = second.nextFrame();
    const fresh = api.call('settings.get', {});
    await next;
    second.answer(second.frames[0]!.id, { theme: 'light' });
    expect(await fresh).toEqual({ ok: true, value: { theme: 'light' } });
    expect(first.frames).toHaveLength(1);
  });
});

describe('preload bundle', () => {
  it('runs in a sandbox where require() knows only "electron", and exposes the same API', async () => {
    // Bundled as build/build-app.mjs does, so this is the code the window really loads.
    const code = await bundleShellEntry('electron/preload.ts');
    const s = preloadStandIn();
    const required: string[] = [];
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name === 'electron') return s.electron;
      throw new Error(`module not found in the sandboxed preload: ${name}`);
    };
    const module = { exports: {} };
    const context = vm.createContext({ require: sandboxRequire, module, exports: module.exports, console });
    vm.runInContext(code, context, { filename: 'preload.cjs' });

    expect(required).toEqual(['electron']);
    expect(s.sent).toEqual([CONNECT_CHANNEL]);
    const api = s.exposed.get('daftar') as Api;
    expect(Object.keys(api).sort()).toEqual(['call', 'on']);
    // The bundled bridge checks event names as the source does.
    // (its TypeError is the sandbox's own class, so it is matched by its message)
    for (const bad of ['not an event', 'daftar:port', '__proto__', 42]) expect(() => api.on(bad, () => {}), String(bad)).toThrow(/unknown event/);
    const events: unknown[] = [];
    api.on('data.changed', (p: unknown) => events.push(p));

    const backend = backendEnd();
    s.givePort(backend.page);
    const arrived = backend.nextFrame();
    const result = api.call('app.info', {});
    await arrived;
    expect(backend.frames[0]).toMatchObject({ t: 'call', method: 'app.info', input: {} });
    backend.answer(backend.frames[0]!.id, 'hello');
    expect(await result).toEqual({ ok: true, value: 'hello' });
    const pushed = new Promise<void>((r) => api.on('data.changed', () => r()));
    backend.push('data.changed', { tables: ['notes'], root: null });
    await pushed;
    expect(events).toEqual([{ tables: ['notes'], root: null }]);
  });
});
