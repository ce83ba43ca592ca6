/**
 * SIP over WebSocket from Node (the backend runs under Node or in Electron's utilityProcess,
 * not in a browser). SIP.js's own transport does everything right except that it builds its
 * socket with the global `WebSocket`, which under Node is missing (20) or cannot be given a
 * CA (22+). So the transport here is SIP.js's, handed a socket class from the `ws` package
 * that:
 * - checks the server's certificate and host name (always), trusting the system's CAs plus
 *   an office's private CA when one is set in the phone settings;
 * - pings the server and drops a connection that stops answering, so a dead network is
 *   noticed in seconds and the softphone re-registers (see softphone.ts);
 * - bounds what one message may weigh;
 * - reports why a connection failed (a certificate problem reads differently from a PBX that
 *   is down).
 */
import { rootCertificates } from 'node:tls';
import { Web, type UserAgentOptions } from 'sip.js';
import WebSocket from 'ws';

export interface SocketOptions {
  /** PEM of a CA to trust besides the system's (an office PBX with its own CA). */
  trustedCaPem?: string | undefined;
  /** Ping interval; a connection with no pong by the next ping is closed. */
  pingIntervalMs?: number;
  /** Told why a connection could not be opened or was lost. */
  onFailure?: (failure: ConnectionFailure) => void;
}

export type ConnectionFailure = { kind: 'certificate'; code: string } | { kind: 'network'; code: string };

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_(GET|VERIFY)|ERR_TLS_CERT_ALTNAME|HOSTNAME|DEPTH_ZERO/;
const MAX_MESSAGE_BYTES = 256 * 1024;

export function classifyFailure(err: unknown): ConnectionFailure {
  const code = String((err as { code?: unknown })?.code ?? (err as Error)?.message ?? 'unknown');
  return CERTIFICATE_CODES.test(code) ? { kind: 'certificate', code } : { kind: 'network', code };
}

/** A `ws` WebSocket class with the TLS settings and heartbeat above baked in. */
export function socketClass(options: SocketOptions): new (url: string | URL, protocols?: string | string[]) => WebSocket {
  const ca = options.trustedCaPem ? [...rootCertificates, options.trustedCaPem] : undefined;
  const pingMs = options.pingIntervalMs ?? 15_000;
  return class DaftarSipSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, {
        ...(ca ? { ca } : {}),
        rejectUnauthorized: true,
        handshakeTimeout: 10_000,
        maxPayload: MAX_MESSAGE_BYTES,
        perMessageDeflate: false,
      });
      let alive = true;
      let timer: ReturnType<typeof setInterval> | null = null;
      this.on('open', () => {
        timer = setInterval(() => {
          if (!alive) {
            options.onFailure?.({ kind: 'network', code: 'PING_TIMEOUT' });
            this.terminate();
            return;
          }
          alive = false;
          this.ping();
        }, pingMs);
        timer.unref?.();
      });
      this.on('pong', () => (alive = true));
      this.on('close', () => timer && clearInterval(timer));
      this.on('error', (err) => options.onFailure?.(classifyFailure(err)));
    }
  };
}

/**
 * SIP.js's WebSocket transport with our socket class. SIP.js reads the global `WebSocket`
 * at the moment it connects (synchronously inside connect()), so the class is lent to it for
 * exactly that call and the global is put back at once.
 */
type TransportClass = NonNullable<UserAgentOptions['transportConstructor']>;

export function transportWith(options: SocketOptions): TransportClass {
  const Socket = socketClass(options);
  return class DaftarSipTransport extends Web.Transport {
    override connect(): Promise<void> {
      const g = globalThis as { WebSocket?: unknown };
      const previous = g.WebSocket;
      g.WebSocket = Socket;
      try {
        return super.connect();
      } finally {
        g.WebSocket = previous;
      }
    }
  };
}
