/**
 * baresip (Debian's baresip-core) as a far end that registers itself to the test PBX with
 * digest auth, answers or places calls, and follows a transfer. Headless: no sound card
 * (the aubridge module stands in), listening on 127.0.0.1 only. It is driven and watched
 * through its ctrl_tcp module (netstring-framed JSON commands and events).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kamailio } from './kamailio';
import { freePorts } from './sipp';

export interface BaresipEvent {
  type: string;
  peeruri?: string;
  peerdisplayname?: string;
  id?: string;
  param?: string;
  [key: string]: unknown;
}

export interface Baresip {
  readonly user: string;
  readonly events: BaresipEvent[];
  /**
   * Resolves with the first event of this type that `match`es from index `since` of `events`
   * on (by default: from now, so start waiting before you act).
   */
  waitFor(type: string, opts?: { match?: (e: BaresipEvent) => boolean; since?: number; timeoutMs?: number }): Promise<BaresipEvent>;
  command(command: string, params?: string): Promise<{ ok: boolean; data: string }>;
  /** Calls a user of the PBX. */
  dial(user: string): Promise<void>;
  hangup(): Promise<void>;
  stop(): Promise<void>;
  output(): string;
}

export interface BaresipOptions {
  user: string;
  displayName?: string;
  /** auto: answers every call at once; manual: lets it ring. */
  answer?: 'auto' | 'manual';
}

export async function startBaresip(pbx: Kamailio, opts: BaresipOptions): Promise<Baresip> {
  const dir = mkdtempSync(join(tmpdir(), 'daftar-baresip-'));
  const [sipPort, ctrlPort] = freePorts(2);
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      'module_path /usr/lib/baresip/modules',
      `sip_listen 127.0.0.1:${sipPort}`,
      'net_interface 127.0.0.1',
      'audio_player aubridge,nil',
      'audio_alert aubridge,nil',
      'audio_source aubridge,nil',
      'module g711.so',
      'module aubridge.so',
      'module_tmp account.so',
      'module_app menu.so',
      'module_app ctrl_tcp.so',
      `ctrl_tcp_listen 127.0.0.1:${ctrlPort}`,
      '',
    ].join('\n'),
  );
  const name = opts.displayName ?? opts.user;
  writeFileSync(
    join(dir, 'accounts'),
    `"${name}" <sip:${opts.user}@127.0.0.1:${pbx.udpPort}>;auth_pass=${pbx.password};` +
      `answermode=${opts.answer ?? 'auto'};regint=300\n`,
  );
  const child: ChildProcess = spawn('baresip', ['-4', '-f', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const events: BaresipEvent[] = [];
  const waiters = new Set<{ type: string; match: (e: BaresipEvent) => boolean; resolve: (e: BaresipEvent) => void }>();
  const pending = new Map<string, (r: { ok: boolean; data: string }) => void>();
  let token = 0;
  const socket = await connectWithRetry(ctrlPort!, () => out);
  // netstrings: "<length in bytes>:<json>," — counted in bytes, so kept as bytes.
  let buffer = Buffer.alloc(0);
  socket.on('data', (d: Buffer) => {
    buffer = Buffer.concat([buffer, d]);
    for (;;) {
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const len = Number(buffer.subarray(0, colon).toString('ascii'));
      if (buffer.length < colon + 1 + len + 1) return;
      const json = buffer.subarray(colon + 1, colon + 1 + len).toString('utf8');
      buffer = buffer.subarray(colon + 2 + len);
      const msg = JSON.parse(json) as Record<string, unknown>;
      if (msg.response) pending.get(String(msg.token))?.({ ok: Boolean(msg.ok), data: String(msg.data ?? '') });
      if (msg.event) {
        const e = msg as BaresipEvent;
        events.push(e);
        for (const w of waiters) {
          if (w.type === e.type && w.match(e)) {
            waiters.delete(w);
            w.resolve(e);
          }
        }
      }
    }
  });

  const waitFor: Baresip['waitFor'] = (type, { match = () => true, since = events.length, timeoutMs = 10_000 } = {}) => {
    const seen = events.slice(since).find((e) => e.type === type && match(e));
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const w = { type, match, resolve: (e: BaresipEvent) => (clearTimeout(timer), resolve(e)) };
      const timer = setTimeout(() => {
        waiters.delete(w);
        reject(new Error(`baresip ${opts.user}: no ${type} in ${timeoutMs} ms; events: ${events.map((e) => e.type).join(', ')}`));
      }, timeoutMs);
      waiters.add(w);
    });
  };
  const command: Baresip['command'] = (cmd, params = '') =>
    new Promise((resolve) => {
      const t = String(++token);
      pending.set(t, resolve);
      const body = JSON.stringify({ command: cmd, params, token: t });
      socket.write(`${Buffer.byteLength(body)}:${body},`);
    });

  // Registration may finish before the control socket is up (its event is then lost), so
  // it is read from baresip's own output line.
  for (let waited = 0; !/200 OK .*\[1 binding\]/.test(out); waited += 50) {
    if (waited > 10_000 || child.exitCode !== null) {
      socket.destroy();
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`baresip ${opts.user} did not register:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }

  return {
    user: opts.user,
    events,
    waitFor,
    command,
    dial: async (user) => {
      await command('dial', `sip:${user}@127.0.0.1:${pbx.udpPort}`);
    },
    hangup: async () => {
      await command('hangup');
    },
    stop: async () => {
      socket.destroy();
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => out,
  };
}

async function connectWithRetry(port: number, output: () => string): Promise<Socket> {
  for (let i = 0; i < 100; i++) {
    const socket = await new Promise<Socket | null>((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => resolve(s));
      s.once('error', () => resolve(null));
    });
    if (socket) return socket;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`baresip's control port ${port} did not open:\n${output()}`);
}
