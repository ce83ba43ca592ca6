/**
 * The backend's entry inside Electron's utilityProcess (bundled to dist/main/utility.cjs).
 * It talks to the shell only through process.parentPort: first {type:'init', dataDir},
 * then {type:'connect', windowId} with a MessagePort per window, and {type:'shutdown'} on
 * quit. It must not import 'electron' (main/ runs under plain Node too), so the few
 * Electron shapes it meets are typed here.
 */
import { parseShellMessage as parseMessage, type BackendFatal } from '../api/shell-messages';
import { explainStartFailure } from '../storage/faults';
import type { SecretBox } from '../api/secrets';
import { ShellSecretBox } from './shell-secrets';
import { startHostedBackend, type HostedBackend } from './start-backend';

/** A MessagePortMain as the utility process receives it. */
export interface UtilityPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  start(): void;
}

export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown; ports: UtilityPort[] }) => void): unknown;
  /** To the shell: secret requests (main/host/shell-secrets.ts), and why the backend cannot start. */
  postMessage?(message: unknown): void;
}

export interface UtilityDeps {
  startBackend: (options: { dataDir: string; version?: string; secrets?: SecretBox; program?: string }) => Promise<HostedBackend>;
  exit: (code: number) => void;
  /** Where to report before the backend (and its log file) exists. */
  report: (message: string) => void;
}

const defaultDeps: UtilityDeps = {
  startBackend: startHostedBackend,
  exit: (code) => process.exit(code),
  report: (message) => process.stderr.write(`${message}\n`),
};

/** Wires the parent port to a backend. Exported for tests; the bottom of this file runs it. */
export function runUtility(parentPort: ParentPortLike, deps: UtilityDeps = defaultDeps): void {
  let backend: Promise<HostedBackend> | null = null;
  // Secrets are sealed by the shell's safeStorage (the OS keychain), asked over this port.
  const post = parentPort.postMessage?.bind(parentPort);
  const secrets = post
    ? new ShellSecretBox({ postMessage: post, onMessage: (listener) => parentPort.on('message', (e) => listener(e.data)) })
    : undefined;

  const connect = async (windowId: number, port: UtilityPort) => {
    if (!backend) {
      deps.report(`daftar backend: window ${windowId} connected before init; port dropped`);
      return;
    }
    const b = await backend;
    const peer = b.peers.connect((frame) => port.postMessage(frame));
    port.on('message', (e) => void peer.receive(e.data));
    port.on('close', () => peer.close());
    // Frames the window sent while the backend was opening are queued in the port until now.
    port.start();
    b.backend.log.info('window connected', { windowId });
  };

  parentPort.on('message', (event) => {
    const message = parseMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'init':
        if (backend) return;
        backend = Promise.resolve()
          .then(() =>
            deps.startBackend({
              dataDir: message.dataDir,
              program: 'app',
              ...(message.version ? { version: message.version } : {}),
              ...(secrets ? { secrets } : {}),
            }),
          )
          .catch((err: unknown) => {
            // Nothing works without the store. The shell shows the sentence and does not restart us
            // (another Daftar holds the folder, the disk is read-only: a restart fails the same way).
            const why = explainStartFailure(err, message.dataDir);
            deps.report(`daftar backend: start failed: ${why}\n${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
            const fatal: BackendFatal = { type: 'fatal', message: why };
            post?.(fatal);
            deps.exit(1);
            return new Promise<never>(() => {});
          });
        return;
      case 'connect': {
        const port = event.ports[0];
        if (port) void connect(message.windowId, port);
        return;
      }
      case 'shutdown':
        void (async () => {
          try {
            if (backend) await (await backend).backend.close();
          } finally {
            deps.exit(0);
          }
        })();
        return;
    }
  });
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;
if (parentPort) runUtility(parentPort);
