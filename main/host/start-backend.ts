import { join } from 'node:path';
import { fileLogger, type Logger } from '../api/log';
import type { SecretBox } from '../api/secrets';
import { createBackend, type Backend, type BackendOptions } from '../backend';
import { nodeDesktopNotifier } from './desktop-notifier';
import { Peers } from './peers';

export interface HostedBackend {
  backend: Backend;
  /** The windows connected to it (MessagePorts in the app, WebSockets under the web host). */
  peers: Peers;
  logFile: string;
}

/**
 * What both hosts do to run the backend: a log file in the data folder, and the backend's
 * events fanned out to every connected window.
 */
export async function startHostedBackend(opts: {
  dataDir: string;
  version?: string;
  logger?: Logger;
  secrets?: SecretBox;
  /** Who holds the data folder: 'app', 'web host'. */
  program?: string;
  /** Tests: options per capability (a cheap password hash, no background maintenance). */
  capabilityOptions?: BackendOptions['capabilityOptions'];
}): Promise<HostedBackend> {
  const logFile = join(opts.dataDir, 'logs', 'backend.log');
  let peers: Peers | null = null;
  const backend = await createBackend({
    dataDir: opts.dataDir,
    ...(opts.version ? { version: opts.version } : {}),
    logger: opts.logger ?? fileLogger(logFile, { src: 'backend' }),
    notifier: nodeDesktopNotifier(),
    ...(opts.secrets ? { secrets: opts.secrets } : {}),
    ...(opts.program ? { program: opts.program } : {}),
    ...(opts.capabilityOptions ? { capabilityOptions: opts.capabilityOptions } : {}),
    events: (event, payload) => peers?.broadcast(event, payload),
  });
  peers = new Peers(backend.router, () => backend.caller());
  return { backend, peers, logFile };
}
