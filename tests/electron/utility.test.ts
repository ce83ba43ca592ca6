import path from 'node:path';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Backend } from '../../main/backend';
import { RpcClient } from '../../main/api/client';
import { startHostedBackend, type HostedBackend } from '../../main/host/start-backend';
import { runUtility, type ParentPortLike, type UtilityPort } from '../../main/host/utility';
import { settle, tempFolder } from './stand-in';

/** process.parentPort as Electron gives it to a utility process. */
function parentPortStandIn() {
  let listener: ((e: { data: unknown; ports: UtilityPort[] }) => void) | null = null;
  const parentPort: ParentPortLike = {
    on: (_event, l) => {
      listener = l;
    },
  };
  return { parentPort, send: (data: unknown, ports: UtilityPort[] = []) => listener!({ data, ports }) };
}

/** A Node MessagePort dressed as Electron's MessagePortMain ({data} events, 'close'). */
function mainPort(port: MessagePort): UtilityPort {
  return {
    postMessage: (m) => port.postMessage(m),
    on: ((event: 'message' | 'close', l: (e?: { data: unknown }) => void) => {
      if (event === 'message') port.on('message', (data) => l({ data }));
      else port.on('close', () => l());
    }) as UtilityPort['on'],
    start: () => port.start(),
  };
}

const open: MessagePort[] = [];
const backends: HostedBackend[] = [];
afterEach(async () => {
  for (const p of open.splice(0)) p.close();
  for (const b of backends.splice(0)) await b.backend.close();
});

/** A window's end of a channel, speaking RPC. */
function windowEnd() {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  const client = new RpcClient({ send: (f) => port1.postMessage(f) });
  port1.on('message', (data) => client.receive(data));
  return { client, backendSide: mainPort(port2) };
}

describe('utility process entry', () => {
  it('opens the real backend in the data folder it is sent, and serves each connected window', async () => {
    const dataDir = tempFolder('utility');
    const exits: number[] = [];
    const p = parentPortStandIn();
    runUtility(p.parentPort, {
      startBackend: async (o) => {
        const b = await startHostedBackend(o);
        backends.push(b);
        return b;
      },
      exit: (code) => exits.push(code),
      report: () => {},
    });

    p.send({ type: 'init', dataDir, version: '9.9.9' });
    const a = windowEnd();
    const b = windowEnd();
    // Frames sent before the backend has opened wait in the port.
    const early = a.client.call('app.info', {});
    p.send({ type: 'connect', windowId: 1 }, [a.backendSide]);
    p.send({ type: 'connect', windowId: 2 }, [b.backendSide]);

    const infoA = await early;
    const infoB = await b.client.call('app.info', {});
    expect(infoA.ok).toBe(true);
    expect(infoB).toEqual(infoA);
    expect(backends[0]!.backend.dataDir).toBe(dataDir);
    expect(backends[0]!.backend.dbFile.startsWith(dataDir)).toBe(true);
    expect(backends[0]!.logFile).toBe(path.join(dataDir, 'logs', 'backend.log'));
    expect(infoA.ok && infoA.value).toMatchObject({ version: '9.9.9', dataDir });
    expect(exits).toEqual([]);
  });

  it('closes the backend and exits 0 on shutdown, only once the close has finished', async () => {
    const steps: string[] = [];
    const p = parentPortStandIn();
    runUtility(p.parentPort, {
      startBackend: async () =>
        ({
          backend: {
            close: async () => {
              steps.push('closing');
              await new Promise((r) => setImmediate(r));
              steps.push('closed');
            },
          } as unknown as Backend,
        }) as HostedBackend,
      exit: (code) => steps.push(`exit ${code}`),
      report: () => {},
    });
    p.send({ type: 'init', dataDir: '/d' });
    p.send({ type: 'shutdown' });
    await settle();
    expect(steps).toEqual(['closing', 'closed', 'exit 0']);
  });

  it('when another Daftar holds the data folder it tells the shell why (fatal: no restart) and exits 1', async () => {
    const dataDir = tempFolder('utility-held');
    const holder = await startHostedBackend({ dataDir, program: 'web host' });
    backends.push(holder);
    const exits: number[] = [];
    const posted: unknown[] = [];
    let listener: ((e: { data: unknown; ports: UtilityPort[] }) => void) | null = null;
    const asked: { dataDir: string; program?: string }[] = [];
    runUtility(
      { on: (_event, l) => void (listener = l), postMessage: (m) => posted.push(m) },
      {
        startBackend: (o) => {
          asked.push(o);
          return startHostedBackend(o);
        },
        exit: (code) => exits.push(code),
        report: () => {},
      },
    );
    listener!({ data: { type: 'init', dataDir, version: '1.0.0' }, ports: [] });
    for (let i = 0; i < 50 && exits.length === 0; i++) await settle();
    expect(asked).toMatchObject([{ dataDir, version: '1.0.0', program: 'app' }]);
    expect(exits).toEqual([1]);
    expect(posted).toHaveLength(1);
    const fatal = posted[0] as { type: string; message: string };
    expect(fatal.type).toBe('fatal');
    expect(fatal.message).toContain(dataDir);
    expect(fatal.message).toContain(String(process.pid));
    expect(fatal.message).toMatch(/web host/);
    expect(fatal.message).toMatch(/[\u0600-\u06FF]/);
  });

  it('exits 1 when the backend cannot start, reporting why', async () => {
    const failures: (() => Promise<HostedBackend>)[] = [
      () => {
        throw new Error('database is newer than this app');
      },
      () => Promise.reject(new Error('database is newer than this app')),
    ];
    for (const startBackend of failures) {
      const exits: number[] = [];
      const reports: string[] = [];
      const p = parentPortStandIn();
      runUtility(p.parentPort, { startBackend, exit: (code) => exits.push(code), report: (m) => reports.push(m) });
      p.send({ type: 'init', dataDir: '/d' });
      await settle();
      expect(exits).toEqual([1]);
      expect(reports.join('\n')).toContain('database is newer than this app');
    }
  });

  it('ignores malformed messages, a second init, and ports sent before init', async () => {
    const made: string[] = [];
    const reports: string[] = [];
    const p = parentPortStandIn();
    runUtility(p.parentPort, {
      startBackend: async (o) => {
        made.push(o.dataDir);
        return {
          backend: { log: { info: () => {} } } as unknown as Backend,
          peers: { connect: () => ({ receive: async () => {}, close: () => {} }) },
          logFile: '/first/logs/backend.log',
        } as unknown as HostedBackend;
      },
      exit: () => {},
      report: (m) => reports.push(m),
    });
    const early = windowEnd();
    p.send({ type: 'connect', windowId: 1 }, [early.backendSide]);
    for (const junk of [null, 'init', 42, { type: 'init' }, { type: 'init', dataDir: '' }, { type: 'connect' }, { type: 'eval', code: '1' }]) {
      p.send(junk);
    }
    p.send({ type: 'init', dataDir: '/first' });
    p.send({ type: 'init', dataDir: '/second' });
    await settle();
    expect(made).toEqual(['/first']);
    expect(reports.some((r) => r.includes('before init'))).toBe(true);
  });
});
