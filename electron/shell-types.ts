/**
 * The slice of Electron's main-process API the shell uses, written out as narrow
 * interfaces. electron-api.ts checks that the real module fits them; tests hand the
 * shell a stand-in that fits them too. Nothing here imports 'electron', so tests can
 * load every shell module under plain Node, where the Electron binary is missing.
 */

export interface PreventableEvent {
  preventDefault(): void;
}

export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
}

/** A MessagePortMain: the shell only moves it along, the backend uses it. */
export interface MainPortLike {
  postMessage(message: unknown): void;
  close(): void;
}

export interface WindowOpenDetails {
  url: string;
}

export interface WebContentsLike {
  readonly id: number;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  once(event: 'destroyed', listener: () => void): unknown;
  setWindowOpenHandler(handler: (details: WindowOpenDetails) => { action: 'deny' }): void;
  postMessage(channel: string, message: unknown, transfer?: MainPortLike[]): void;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

export interface WebPreferencesUsed {
  preload: string;
  contextIsolation: boolean;
  sandbox: boolean;
  nodeIntegration: boolean;
  nodeIntegrationInWorker: boolean;
  nodeIntegrationInSubFrames: boolean;
  webSecurity: boolean;
  allowRunningInsecureContent: boolean;
  webviewTag: boolean;
  experimentalFeatures: boolean;
  navigateOnDragDrop: boolean;
  safeDialogs: boolean;
  spellcheck: boolean;
  devTools: boolean;
}

export interface WindowOptionsUsed {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
  show: boolean;
  title: string;
  icon?: string;
  backgroundColor: string;
  autoHideMenuBar: boolean;
  webPreferences: WebPreferencesUsed;
}

export interface BrowserWindowLike {
  readonly webContents: WebContentsLike;
  loadURL(url: string): Promise<void>;
  show(): void;
  hide(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  removeMenu(): void;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'close', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
}

export interface BrowserWindowConstructor {
  new (options: WindowOptionsUsed): BrowserWindowLike;
}

export interface UtilityProcessLike {
  readonly pid: number | undefined;
  postMessage(message: unknown, transfer?: MainPortLike[]): void;
  on(event: 'exit', listener: (code: number) => void): unknown;
  /** What the backend sends the shell (process.parentPort.postMessage): secret requests, or why it cannot start. */
  on(event: 'message', listener: (message: unknown) => void): unknown;
  kill(): boolean;
}

/** Electron's safeStorage: strings sealed with the OS keychain. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

export interface UtilityForkOptions {
  serviceName: string;
  stdio: 'inherit';
}

export interface UtilityProcessModule {
  fork(modulePath: string, args: string[], options: UtilityForkOptions): UtilityProcessLike;
}

export interface MessageChannelMainConstructor {
  new (): { port1: MainPortLike; port2: MainPortLike };
}

export interface PermissionRequestDetails {
  requestingUrl: string;
}

export type PermissionRequestHandler = (
  webContents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: PermissionRequestDetails,
) => void;

export type PermissionCheckHandler = (webContents: unknown, permission: string, requestingOrigin: string) => boolean;

export interface SessionLike {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: PermissionCheckHandler): void;
}

export interface SchemePrivileges {
  standard: boolean;
  secure: boolean;
  supportFetchAPI: boolean;
}

export interface ProtocolLike {
  registerSchemesAsPrivileged(schemes: { scheme: string; privileges: SchemePrivileges }[]): void;
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void;
}

export interface IpcMainEventLike {
  readonly sender: WebContentsLike;
  readonly senderFrame: FrameLike | null;
}

export interface IpcMainLike {
  on(channel: string, listener: (event: IpcMainEventLike) => void): unknown;
}

export interface MenuItemTemplate {
  label?: string;
  type?: 'separator';
  click?: () => void;
}

/** A built menu; the shell only hands it to the tray. */
export interface MenuLike {
  readonly items: readonly unknown[];
}

export interface MenuModule {
  buildFromTemplate(template: MenuItemTemplate[]): MenuLike;
}

export interface TrayLike {
  setToolTip(text: string): void;
  setContextMenu(menu: MenuLike | null): void;
  on(event: 'click', listener: () => void): unknown;
  destroy(): void;
}

export interface TrayConstructor {
  /** A path to a PNG; Electron loads it as a NativeImage. */
  new (iconPath: string): TrayLike;
}

export interface AppLike {
  readonly isPackaged: boolean;
  requestSingleInstanceLock(): boolean;
  quit(): void;
  whenReady(): Promise<void>;
  getPath(name: 'userData'): string;
  getAppPath(): string;
  getVersion(): string;
  on(event: 'second-instance', listener: () => void): unknown;
  on(event: 'before-quit', listener: (event: PreventableEvent) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
  on(event: 'activate', listener: () => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

/** Everything startShell needs from Electron; the real module or a test's stand-in. */
export interface ElectronApi {
  app: AppLike;
  BrowserWindow: BrowserWindowConstructor;
  protocol: ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  ipcMain: IpcMainLike;
  utilityProcess: UtilityProcessModule;
  MessageChannelMain: MessageChannelMainConstructor;
  Menu: MenuModule;
  Tray: TrayConstructor;
  shell: { openExternal(url: string): Promise<void> };
  /** For the one message the shell must show without a window: why the backend cannot start. */
  dialog: { showErrorBox(title: string, content: string): void };
  safeStorage: SafeStorageLike;
  /** process.resourcesPath in Electron: where extraResources (the icons) land when packaged. */
  resourcesPath: string;
}
