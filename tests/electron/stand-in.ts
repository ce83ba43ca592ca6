/**
 * A stand-in for the slice of Electron the shell uses (electron/shell-types.ts). It records
 * what the shell asked for and lets a test play Electron's part: fire events, make the app
 * ready, let the backend process exit. Not a simulation of Electron; just enough to check
 * that the shell asks for the right things.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import type {
  ElectronApi,
  FrameLike,
  MainPortLike,
  MenuItemTemplate,
  NavigationEvent,
  PermissionCheckHandler,
  PermissionRequestHandler,
  PreventableEvent,
  UtilityForkOptions,
  WindowOpenDetails,
  WindowOptionsUsed,
} from '../../electron/shell-types';
import type { ShellLog, LogFields } from '../../electron/log';
import type { Timers } from '../../electron/backend-process';

type Listener = (...args: never[]) => unknown;

class Emitter {
  private readonly listeners = new Map<string, { fn: Listener; once: boolean }[]>();
  on(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: false }]);
    return this;
  }
  once(event: string, fn: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), { fn, once: true }]);
    return this;
  }
  emit(event: string, ...args: unknown[]): void {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => !l.once),
    );
    for (const l of list) (l.fn as (...a: unknown[]) => unknown)(...args);
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

export function preventable<T extends object>(extra: T): T & PreventableEvent & { defaultPrevented: boolean } {
  const event = {
    ...extra,
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

let nextPortId = 1;
export class FakePort implements MainPortLike {
  readonly id = nextPortId++;
  closed = false;
  readonly sent: unknown[] = [];
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  close(): void {
    this.closed = true;
  }
}

export class FakeFrame implements FrameLike {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

let nextContentsId = 1;
export class FakeWebContents extends Emitter {
  readonly id = nextContentsId++;
  destroyed = false;
  windowOpenHandler: ((details: WindowOpenDetails) => { action: 'deny' }) | null = null;
  readonly posted: { channel: string; message: unknown; transfer: MainPortLike[] }[] = [];
  readonly sentIpc: { channel: string; args: unknown[] }[] = [];
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void {
    this.windowOpenHandler = handler;
  }
  postMessage(channel: string, message: unknown, transfer: MainPortLike[] = []): void {
    this.posted.push({ channel, message, transfer });
  }
  send(channel: string, ...args: unknown[]): void {
    this.sentIpc.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
  /** Plays a navigation and says whether the shell stopped it. */
  navigate(kind: 'will-navigate' | 'will-redirect', url: string): boolean {
    const event: NavigationEvent & { defaultPrevented: boolean } = preventable({ url });
    this.emit(kind, event);
    return event.defaultPrevented;
  }
}

export class FakeApp extends Emitter {
  isPackaged = false;
  lockAvailable = true;
  isReady = false;
  quitCalls = 0;
  quitted = false;
  readonly windows: FakeBrowserWindow[] = [];
  private readonly readyWaiters: (() => void)[] = [];

  constructor(
    readonly userData: string,
    readonly appPath: string,
  ) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  /** Like Electron: before-quit (cancellable), then windows close, then the app is gone. */
  quit(): void {
    this.quitCalls += 1;
    const event = preventable({});
    this.emit('before-quit', event);
    if (event.defaultPrevented) return;
    for (const w of this.windows) w.close();
    this.quitted = true;
  }
  whenReady(): Promise<void> {
    if (this.isReady) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }
  makeReady(): void {
    this.isReady = true;
    for (const resolve of this.readyWaiters.splice(0)) resolve();
  }
  getPath(name: 'userData'): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${String(name)})`);
    return this.userData;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
}

export class FakeBrowserWindow extends Emitter {
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  visible = false;
  focused = false;
  minimized = false;
  destroyed = false;
  menuRemoved = false;
  constructor(
    readonly options: WindowOptionsUsed,
    private readonly app: FakeApp,
  ) {
    super();
    app.windows.push(this);
    // Electron announces every new webContents on the app.
    app.emit('web-contents-created', {}, this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  removeMenu(): void {
    this.menuRemoved = true;
  }
  /** The user (or app.quit) closes the window; the shell may cancel it. */
  close(): boolean {
    if (this.destroyed) return true;
    const event = preventable({});
    this.emit('close', event);
    if (event.defaultPrevented) return false;
    this.destroyed = true;
    this.webContents.destroy();
    this.emit('closed');
    return true;
  }
}

export class FakeUtilityProcess extends Emitter {
  static nextPid = 1000;
  readonly pid = FakeUtilityProcess.nextPid++;
  readonly messages: { message: unknown; transfer: MainPortLike[] }[] = [];
  killed = false;
  /** What the fake child does on {type:'shutdown'}: exit promptly, or hang (to test the kill). */
  exitOnShutdown = true;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: UtilityForkOptions,
  ) {
    super();
  }
  postMessage(message: unknown, transfer: MainPortLike[] = []): void {
    this.messages.push({ message, transfer });
    if (this.exitOnShutdown && (message as { type?: string }).type === 'shutdown') {
      queueMicrotask(() => this.emit('exit', 0));
    }
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 143));
    return true;
  }
  /** The process dies on its own (a crash). */
  crash(code = 1): void {
    this.emit('exit', code);
  }
}

/**
 * safeStorage as the OS keychain would do it: the sealed form hides the text and opens only
 * with this "machine's" key; `available` plays a Linux without a keyring.
 */
export class FakeSafeStorage {
  available = true;
  private readonly key = Buffer.from('stand-in keychain key');
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plain: string): Buffer {
    const body = Buffer.from(plain, 'utf8').map((b, i) => b ^ this.key[i % this.key.length]!);
    return Buffer.concat([Buffer.from('v10'), body]);
  }
  decryptString(sealed: Buffer): string {
    if (sealed.subarray(0, 3).toString() !== 'v10') throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return Buffer.from(sealed.subarray(3).map((b, i) => b ^ this.key[i % this.key.length]!)).toString('utf8');
  }
}

export class FakeTray extends Emitter {
  tooltip = '';
  menu: { items: readonly MenuItemTemplate[] } | null = null;
  destroyed = false;
  constructor(readonly iconPath: string) {
    super();
  }
  setToolTip(text: string): void {
    this.tooltip = text;
  }
  setContextMenu(menu: { items: readonly unknown[] } | null): void {
    this.menu = menu as { items: readonly MenuItemTemplate[] } | null;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

export interface StandIn {
  electron: ElectronApi;
  app: FakeApp;
  schemes: { scheme: string; privileges: unknown; beforeReady: boolean }[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response>>;
  permissions: { request: PermissionRequestHandler | null; check: PermissionCheckHandler | null };
  ipcMain: Emitter;
  forks: FakeUtilityProcess[];
  channels: { port1: FakePort; port2: FakePort }[];
  trays: FakeTray[];
  opened: string[];
  /** Error boxes shown: [title, content]. */
  errorBoxes: [string, string][];
  safeStorage: FakeSafeStorage;
}

/**
 * A fresh temporary folder, removed when the test file that asked for it ends (after its
 * afterEach hooks, so a backend still open in a test has been closed by then).
 */
export function tempFolder(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `daftar-${prefix}-`));
  madeFolders.push(dir);
  return dir;
}
const madeFolders: string[] = [];
afterAll(() => {
  for (const dir of madeFolders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export function makeStandIn(opts: { appPath?: string } = {}): StandIn {
  const userData = tempFolder('userdata');
  const app = new FakeApp(userData, opts.appPath ?? tempFolder('app'));
  const schemes: StandIn['schemes'] = [];
  const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
  const permissions: StandIn['permissions'] = { request: null, check: null };
  const ipcMain = new Emitter();
  const forks: FakeUtilityProcess[] = [];
  const channels: StandIn['channels'] = [];
  const trays: FakeTray[] = [];
  const opened: string[] = [];
  const errorBoxes: [string, string][] = [];
  const safeStorage = new FakeSafeStorage();

  const defaultSession = {
    setPermissionRequestHandler(h: PermissionRequestHandler) {
      permissions.request = h;
    },
    setPermissionCheckHandler(h: PermissionCheckHandler) {
      permissions.check = h;
    },
  };

  const electron: ElectronApi = {
    app,
    BrowserWindow: class extends FakeBrowserWindow {
      constructor(options: WindowOptionsUsed) {
        super(options, app);
      }
    },
    protocol: {
      registerSchemesAsPrivileged(list) {
        for (const s of list) schemes.push({ ...s, beforeReady: !app.isReady });
      },
      handle(scheme, handler) {
        protocolHandlers.set(scheme, handler);
      },
    },
    session: {
      get defaultSession() {
        if (!app.isReady) throw new Error('session.defaultSession used before ready');
        return defaultSession;
      },
    },
    ipcMain: ipcMain as unknown as ElectronApi['ipcMain'],
    utilityProcess: {
      fork(modulePath, args, options) {
        if (!app.isReady) throw new Error('utilityProcess.fork before ready');
        const child = new FakeUtilityProcess(modulePath, args, options);
        forks.push(child);
        return child;
      },
    },
    MessageChannelMain: class {
      port1 = new FakePort();
      port2 = new FakePort();
      constructor() {
        channels.push(this);
      }
    },
    Menu: {
      buildFromTemplate(template) {
        return { items: template };
      },
    },
    Tray: class extends FakeTray {
      constructor(iconPath: string) {
        super(iconPath);
        trays.push(this);
      }
    },
    shell: {
      openExternal(url) {
        opened.push(url);
        return Promise.resolve();
      },
    },
    dialog: {
      showErrorBox(title, content) {
        errorBoxes.push([title, content]);
      },
    },
    safeStorage,
    resourcesPath: '/opt/Daftar/resources',
  };

  return { electron, app, schemes, protocolHandlers, permissions, ipcMain, forks, channels, trays, opened, safeStorage, errorBoxes };
}

/** A log that keeps its lines for assertions and prints nothing. */
export function memoryLog(): ShellLog & { lines: { level: string; msg: string; fields?: LogFields }[] } {
  const lines: { level: string; msg: string; fields?: LogFields }[] = [];
  const add = (level: string) => (msg: string, fields?: LogFields) => {
    lines.push({ level, msg, ...(fields ? { fields } : {}) });
  };
  return { lines, info: add('info'), warn: add('warn'), error: add('error') };
}

/** Timers the test advances by hand. */
export function manualTimers(): Timers & { pending: { fn: () => void; ms: number }[]; runAll(): void } {
  const pending: { fn: () => void; ms: number }[] = [];
  return {
    pending,
    setTimeout(fn, ms) {
      const t = { fn, ms };
      pending.push(t);
      return t;
    },
    clearTimeout(handle) {
      const i = pending.indexOf(handle as { fn: () => void; ms: number });
      if (i >= 0) pending.splice(i, 1);
    },
    runAll() {
      for (const t of pending.splice(0)) t.fn();
    },
  };
}

/** Lets queued promise callbacks run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

/** Bundles a shell entry (electron/main.ts, electron/preload.ts) as build/build-app.mjs does: the code the app really loads. */
export async function bundleShellEntry(entry: string): Promise<string> {
  const out = await build({
    entryPoints: [path.resolve(__dirname, '..', '..', entry)],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron'],
    write: false,
    logLevel: 'silent',
  });
  return out.outputFiles[0]!.text;
}
