import { describe, expect, it } from 'vitest';
import { CONNECT_CHANNEL, PORT_CHANNEL } from '../../electron/channels';
import { startShell } from '../../electron/shell';
import { FakeFrame, FakeWebContents, makeStandIn, memoryLog, settle, type StandIn } from './stand-in';

async function readyShell(): Promise<StandIn & { log: ReturnType<typeof memoryLog> }> {
  const s = makeStandIn();
  const log = memoryLog();
  const shell = startShell(s.electron, { shellDir: '/x/dist/electron', log });
  s.app.makeReady();
  await shell!.ready;
  return { ...s, log };
}

/** Any webContents Electron creates gets the guards, not only the main window's. */
function newContents(s: StandIn): FakeWebContents {
  const contents = new FakeWebContents();
  s.app.emit('web-contents-created', {}, contents);
  return contents;
}

describe('navigation guards', () => {
  it('are installed on every webContents from the moment it exists (before ready too)', () => {
    const s = makeStandIn();
    startShell(s.electron, { shellDir: '/x', log: memoryLog() });
    const contents = newContents(s); // app not ready yet
    expect(contents.listenerCount('will-navigate')).toBe(1);
    expect(contents.listenerCount('will-redirect')).toBe(1);
    expect(contents.listenerCount('will-attach-webview')).toBe(1);
    expect(contents.windowOpenHandler).not.toBeNull();
  });

  it('deny navigating away from the app; web links go to the browser, nothing else does', async () => {
    const s = await readyShell();
    const contents = newContents(s);

    expect(contents.navigate('will-navigate', 'https://example.com/phish')).toBe(true);
    expect(contents.navigate('will-navigate', 'http://example.com/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-navigate', 'javascript:alert(1)')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://evil/index.html')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://daftar:8080/index.html')).toBe(true);
    expect(contents.navigate('will-navigate', 'data:text/html,<script>1</script>')).toBe(true);
    // Reloading the app itself stays allowed.
    expect(contents.navigate('will-navigate', 'app://daftar/index.html')).toBe(false);
    await settle();

    expect(s.opened).toEqual(['https://example.com/phish', 'http://example.com/']);
  });

  it('deny redirects out of the app, and never open them anywhere', async () => {
    const s = await readyShell();
    const contents = newContents(s);

    expect(contents.navigate('will-redirect', 'https://example.com/')).toBe(true);
    expect(contents.navigate('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'app://daftar/index.html')).toBe(false);
    await settle();
    expect(s.opened).toEqual([]);
  });

  it('deny every window.open; web links open in the browser', async () => {
    const s = await readyShell();
    const contents = newContents(s);
    const open = contents.windowOpenHandler!;

    for (const url of ['https://daftar.ir/help', 'app://daftar/index.html', 'file:///etc/passwd', 'mailto:a@b.c', 'about:blank', 'not a url']) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    await settle();
    expect(s.opened).toEqual(['https://daftar.ir/help']);
  });

  it('deny attaching a <webview>', async () => {
    const s = await readyShell();
    const contents = newContents(s);
    let prevented = false;
    contents.emit('will-attach-webview', { preventDefault: () => (prevented = true) });
    expect(prevented).toBe(true);
  });
});

describe('permissions', () => {
  const ask = (s: StandIn, permission: string, requestingUrl: string) => {
    let answer: boolean | null = null;
    s.permissions.request!({}, permission, (granted) => (answer = granted), { requestingUrl });
    return answer;
  };

  it('requests: only media, only for the app origin', async () => {
    const s = await readyShell();
    expect(ask(s, 'media', 'app://daftar/index.html')).toBe(true);

    expect(ask(s, 'media', 'https://example.com/')).toBe(false);
    expect(ask(s, 'media', 'app://evil/index.html')).toBe(false);
    expect(ask(s, 'media', 'file:///tmp/x.html')).toBe(false);
    for (const p of ['notifications', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal', 'midiSysex', 'fullscreen', 'hid', 'unknown']) {
      expect(ask(s, p, 'app://daftar/index.html'), p).toBe(false);
    }
  });

  it('checks: the same rule', async () => {
    const s = await readyShell();
    const check = s.permissions.check!;
    expect(check({}, 'media', 'app://daftar')).toBe(true);
    expect(check({}, 'media', 'https://example.com')).toBe(false);
    expect(check({}, 'media', '')).toBe(false);
    expect(check({}, 'notifications', 'app://daftar')).toBe(false);
    expect(check({}, 'geolocation', 'app://daftar')).toBe(false);
  });
});

describe('IPC sender check', () => {
  it('gives a port only to the app page main frame; other frames are ignored', async () => {
    const s = await readyShell();
    const contents = newContents(s);
    const appFrame = new FakeFrame('app://daftar/index.html');

    const untrusted = [
      null,
      new FakeFrame('https://example.com/'),
      new FakeFrame('app://evil/index.html'),
      new FakeFrame('file:///tmp/index.html'),
      new FakeFrame('app://daftar/index.html', appFrame), // a subframe, even of the app
    ];
    for (const senderFrame of untrusted) s.ipcMain.emit(CONNECT_CHANNEL, { sender: contents, senderFrame });

    expect(contents.posted).toEqual([]);
    expect(s.channels).toEqual([]);
    expect(s.forks[0]!.messages.filter((m) => (m.message as { type: string }).type === 'connect')).toEqual([]);
    expect(s.log.lines.filter((l) => l.msg === 'ipc from an untrusted frame ignored')).toHaveLength(untrusted.length);

    s.ipcMain.emit(CONNECT_CHANNEL, { sender: contents, senderFrame: appFrame });
    expect(contents.posted.map((p) => p.channel)).toEqual([PORT_CHANNEL]);
  });
});
