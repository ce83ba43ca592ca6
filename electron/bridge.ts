/**
 * The preload's logic: window.daftar = { call, on }, carried over a MessagePort the shell
 * hands over. The page gets a fixed API (never ipcRenderer or a generic send); `on` accepts
 * only well-formed event names, and the backend pushes only the events its capabilities
 * declare (docs/architecture.md, "Events"), so nothing else can arrive. Kept apart from preload.ts so tests
 * can run it with a stand-in contextBridge and ipcRenderer.
 */
import { RpcClient, type DaftarApi } from '../main/api/client';
import type { CallFrame } from '../main/api/rpc';
import { CONNECT_CHANNEL, DISCONNECTED_CHANNEL, PORT_CHANNEL } from './channels';

/** The renderer side of a MessageChannel (a DOM MessagePort). */
export interface RendererPortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
  close(): void;
}

export interface PreloadElectron {
  contextBridge: { exposeInMainWorld(key: string, api: unknown): void };
  ipcRenderer: {
    on(channel: string, listener: (event: { ports: readonly RendererPortLike[] }) => void): unknown;
    send(channel: string): void;
  };
}

const METHOD_PATTERN = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)+$/;

export function installBridge({ contextBridge, ipcRenderer }: PreloadElectron): DaftarApi {
  let port: RendererPortLike | null = null;
  // Calls made before the first port arrives (or while the backend restarts) wait here.
  let waiting: CallFrame[] = [];

  const client = new RpcClient({
    send(frame) {
      if (port) port.postMessage(frame);
      else waiting.push(frame);
    },
  });

  const dropPort = () => {
    port?.close();
    port = null;
    // Calls already sent can get no answer now, and queued ones must not run later behind
    // the caller's back after it was told they failed.
    waiting = [];
    client.disconnected();
  };

  ipcRenderer.on(PORT_CHANNEL, (event) => {
    const next = event.ports[0];
    if (!next) return;
    if (port) dropPort();
    port = next;
    next.addEventListener('message', (e) => client.receive(e.data));
    next.start();
    for (const frame of waiting) next.postMessage(frame);
    waiting = [];
  });
  ipcRenderer.on(DISCONNECTED_CHANNEL, dropPort);

  const api = {
    call(method: unknown, input: unknown) {
      if (typeof method !== 'string' || method.length > 100 || !METHOD_PATTERN.test(method)) {
        return Promise.reject(new TypeError('daftar.call: method must be a method name such as "contacts.list"'));
      }
      return client.call(method, input);
    },
    on(event: unknown, listener: unknown) {
      if (typeof event !== 'string' || event.length > 100 || !METHOD_PATTERN.test(event)) {
        throw new TypeError(`daftar.on: unknown event "${String(event)}"`);
      }
      if (typeof listener !== 'function') throw new TypeError('daftar.on: listener must be a function');
      return client.on(event, listener as (payload: unknown) => void);
    },
  } as DaftarApi;

  contextBridge.exposeInMainWorld('daftar', api);
  ipcRenderer.send(CONNECT_CHANNEL);
  return api;
}
