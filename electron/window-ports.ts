/**
 * Gives each window its own MessageChannel to the backend: one end goes to the backend
 * process, the other to the window's preload. The main process never sees the frames that
 * flow between them afterwards.
 *
 * A window asks for a port when its preload loads (also after a reload). When the backend
 * restarts, every window known so far gets a new port without asking, and the old ones are
 * dead: the preload fails the calls that were in flight on them.
 */
import { CONNECT_CHANNEL, DISCONNECTED_CHANNEL, PORT_CHANNEL } from './channels';
import { isTrustedSender } from './guards';
import type { IpcMainLike, MainPortLike, MessageChannelMainConstructor, WebContentsLike } from './shell-types';
import type { ShellLog } from './log';

export interface BackendLink {
  connect(windowId: number, port: MainPortLike): boolean;
}

export class WindowPorts {
  private readonly windows = new Map<number, WebContentsLike>();

  constructor(
    private readonly MessageChannelMain: MessageChannelMainConstructor,
    private readonly backend: BackendLink,
    private readonly log: ShellLog,
  ) {}

  listen(ipcMain: IpcMainLike): void {
    ipcMain.on(CONNECT_CHANNEL, (event) => {
      if (!isTrustedSender(event.senderFrame)) {
        this.log.warn('ipc from an untrusted frame ignored', { channel: CONNECT_CHANNEL, url: event.senderFrame?.url });
        return;
      }
      this.add(event.sender);
      this.connect(event.sender);
    });
  }

  /** After a backend (re)start. */
  connectAll(): void {
    for (const contents of this.windows.values()) this.connect(contents);
  }

  /** After the backend died. */
  disconnectAll(): void {
    for (const contents of this.windows.values()) {
      if (!contents.isDestroyed()) contents.send(DISCONNECTED_CHANNEL);
    }
  }

  private add(contents: WebContentsLike): void {
    if (this.windows.has(contents.id)) return;
    this.windows.set(contents.id, contents);
    contents.once('destroyed', () => this.windows.delete(contents.id));
  }

  private connect(contents: WebContentsLike): void {
    if (contents.isDestroyed()) return;
    const { port1, port2 } = new this.MessageChannelMain();
    if (!this.backend.connect(contents.id, port1)) {
      // No backend right now; connectAll() runs when it is back.
      port1.close();
      port2.close();
      return;
    }
    contents.postMessage(PORT_CHANNEL, null, [port2]);
  }
}
