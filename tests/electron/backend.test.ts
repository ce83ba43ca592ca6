import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BackendProcess } from '../../electron/backend-process';
import { CONNECT_CHANNEL, DISCONNECTED_CHANNEL, PORT_CHANNEL } from '../../electron/channels';
import { startShell } from '../../electron/shell';
import { FakeFrame, FakeWebContents, makeStandIn, manualTimers, memoryLog, settle } from './stand-in';

const appFrame = () => new FakeFrame('app://daftar/index.html');

async function readyShell() {
  const s = makeStandIn();
  const log = memoryLog();
  const timers = manualTimers();
  let clock = 0;
  const shell = startShell(s.electron, {
    shellDir: '/opt/daftar/app.asar/dist/electron',
    log,
    timers,
    now: () => clock,
  })!;
  s.app.makeReady();
  await shell.ready;
  const win = s.app.windows[0]!;
  /** The preload of a window asks for its port. */
  const connect = (contents: FakeWebContents = win.webContents) =>
    s.ipcMain.emit(CONNECT_CHANNEL, { sender: contents, senderFrame: appFrame() });
  return { ...s, shell, log, timers, win, connect, advance: (ms: number) => (clock += ms) };
}

const types = (child: { messages: { message: unknown }[] }) => child.messages.map((m) => (m.message as { type: string }).type);

describe('backend process', () => {
  it('is started with utilityProcess.fork on the bundled utility entry, then given its data folder', async () => {
    const s = await readyShell();

    expect(s.forks).toHaveLength(1);
    const child = s.forks[0]!;
    expect(child.modulePath).toBe(path.join('/opt/daftar/app.asar/dist/main/utility.cjs'));
    expect(child.options.serviceName).toBe('Daftar backend');
    expect(child.messages[0]!.message).toEqual({ type: 'init', dataDir: s.app.userData, version: '0.1.0' });
  });

  it('is restarted when it dies unexpectedly, with a growing pause', async () => {
    const s = await readyShell();
    s.forks[0]!.crash(1);

    expect(s.timers.pending.map((t) => t.ms)).toEqual([500]);
    s.timers.runAll();
    expect(s.forks).toHaveLength(2);
    expect(s.forks[1]!.messages[0]!.message).toMatchObject({ type: 'init', dataDir: s.app.userData });

    s.forks[1]!.crash(1);
    expect(s.timers.pending.map((t) => t.ms)).toEqual([1000]);
    s.timers.runAll();
    s.forks[2]!.crash(1);
    expect(s.timers.pending.map((t) => t.ms)).toEqual([2000]);
    s.timers.runAll();

    // Capped, and back to a short pause after a long healthy run.
    for (let i = 0; i < 10; i++) {
      s.forks.at(-1)!.crash(1);
      s.timers.runAll();
    }
    s.forks.at(-1)!.crash(1);
    expect(s.timers.pending.map((t) => t.ms)).toEqual([30_000]);
    s.timers.runAll();
    s.advance(10 * 60_000);
    s.forks.at(-1)!.crash(1);
    expect(s.timers.pending.map((t) => t.ms)).toEqual([500]);

    expect(s.log.lines.filter((l) => l.msg === 'backend exited unexpectedly').length).toBeGreaterThan(5);
  });

  it('is not restarted when it says it cannot start: the shell shows its sentence and quits', async () => {
    const s = await readyShell();
    const child = s.forks[0]!;
    const sentence = 'پوشهٔ داده‌های /x در دست دفترِ دیگری است (فرایند 42 روی desk، web host).\nThe data folder /x is in use by another Daftar (process 42 on desk, web host).';
    child.emit('message', { type: 'fatal', message: sentence });
    child.crash(1);
    await settle();
    expect(s.timers.pending).toEqual([]);
    expect(s.forks).toHaveLength(1);
    expect(s.errorBoxes).toEqual([['دفتر / Daftar', sentence]]);
    expect(s.app.quitted).toBe(true);
    expect(s.log.lines.find((l) => l.msg === 'backend cannot start')?.fields).toMatchObject({ reason: sentence });
  });

  it('ignores messages from the backend that are not the fatal one', async () => {
    const s = await readyShell();
    s.forks[0]!.emit('message', { type: 'fatal' });
    s.forks[0]!.emit('message', 'fatal');
    s.forks[0]!.crash(1);
    expect(s.timers.pending.map((t) => t.ms)).toEqual([500]);
    expect(s.errorBoxes).toEqual([]);
  });

  it('is not restarted when the app quits: it is asked to shut down, then the app quits', async () => {
    const s = await readyShell();
    const child = s.forks[0]!;

    s.app.quit();
    expect(s.app.quitted).toBe(false); // waits for the backend to close its database
    expect(types(child)).toContain('shutdown');
    await settle();

    expect(s.app.quitted).toBe(true);
    expect(s.app.quitCalls).toBe(2);
    expect(s.timers.pending).toEqual([]);
    expect(s.forks).toHaveLength(1);
    expect(child.killed).toBe(false);
    expect(s.win.destroyed).toBe(true);
  });

  it('is killed on quit when it does not exit by itself', async () => {
    const s = await readyShell();
    const child = s.forks[0]!;
    child.exitOnShutdown = false;

    s.app.quit();
    await settle();
    expect(s.app.quitted).toBe(false);
    const shutdownTimer = s.timers.pending.find((t) => t.ms === 3000)!;
    s.timers.clearTimeout(shutdownTimer);
    shutdownTimer.fn();
    await settle();

    expect(child.killed).toBe(true);
    expect(s.app.quitted).toBe(true);
    expect(s.forks).toHaveLength(1);
  });

  it('a pending restart is cancelled by quitting', async () => {
    const s = await readyShell();
    s.forks[0]!.crash(1);
    expect(s.timers.pending).toHaveLength(1);

    s.app.quit();
    await settle();

    expect(s.timers.pending).toEqual([]);
    expect(s.app.quitted).toBe(true);
    expect(s.forks).toHaveLength(1);
  });
});

describe('ports between windows and the backend', () => {
  it('each window gets its own MessageChannelMain: port1 to the backend (connect), port2 to the page', async () => {
    const s = await readyShell();
    s.connect();

    expect(s.channels).toHaveLength(1);
    const { port1, port2 } = s.channels[0]!;
    const child = s.forks[0]!;
    const connect = child.messages.find((m) => (m.message as { type: string }).type === 'connect')!;
    expect(connect.message).toEqual({ type: 'connect', windowId: s.win.webContents.id });
    expect(connect.transfer).toEqual([port1]);
    expect(s.win.webContents.posted).toEqual([{ channel: PORT_CHANNEL, message: null, transfer: [port2] }]);

    // A second window (or the same page reloading) gets a channel of its own.
    const other = new FakeWebContents();
    s.connect(other);
    expect(s.channels).toHaveLength(2);
    expect(other.posted[0]!.transfer).toEqual([s.channels[1]!.port2]);
    expect(types(child).filter((t) => t === 'connect')).toHaveLength(2);
  });

  it('after a backend restart every window gets a new port, and is told the old one is dead', async () => {
    const s = await readyShell();
    const other = new FakeWebContents();
    s.connect();
    s.connect(other);

    s.forks[0]!.crash(139);
    expect(s.win.webContents.sentIpc).toEqual([{ channel: DISCONNECTED_CHANNEL, args: [] }]);
    expect(other.sentIpc).toEqual([{ channel: DISCONNECTED_CHANNEL, args: [] }]);

    s.timers.runAll();
    const fresh = s.forks[1]!;
    expect(types(fresh)).toEqual(['init', 'connect', 'connect']);
    expect(s.win.webContents.posted).toHaveLength(2);
    expect(other.posted).toHaveLength(2);
    expect(s.win.webContents.posted[1]!.transfer[0]).toBe(s.channels[2]!.port2);
    expect(fresh.messages[1]!.transfer[0]).toBe(s.channels[2]!.port1);
  });

  it('a window that asks while the backend is down gets its port when it is back; closed windows are forgotten', async () => {
    const s = await readyShell();
    const gone = new FakeWebContents();
    s.connect(gone);
    gone.destroy();
    s.forks[0]!.crash(1);

    s.connect();
    expect(s.win.webContents.posted).toEqual([]);
    expect(s.channels.at(-1)!.port1.closed).toBe(true);

    s.timers.runAll();
    expect(s.win.webContents.posted.map((p) => p.channel)).toEqual([PORT_CHANNEL]);
    expect(gone.posted).toHaveLength(1); // only the one from before it closed
    expect(types(s.forks[1]!)).toEqual(['init', 'connect']);
  });
});

describe('BackendProcess alone', () => {
  it('connect() says false and sends nothing while no process runs', () => {
    const bp = new BackendProcess({
      utilityProcess: { fork: () => { throw new Error('not started'); } },
      entry: '/e.cjs',
      dataDir: '/d',
      version: '1',
      log: memoryLog(),
      onStarted: () => {},
      onExited: () => {},
    });
    expect(bp.running).toBe(false);
    expect(bp.connect(1, { postMessage: () => {}, close: () => {} })).toBe(false);
  });
});
