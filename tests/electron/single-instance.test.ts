import { describe, expect, it } from 'vitest';
import { startShell } from '../../electron/shell';
import { claimSingleInstance } from '../../electron/single-instance';
import { makeStandIn, memoryLog, settle } from './stand-in';

describe('single instance', () => {
  it('a second instance quits at once, before it registers or opens anything', () => {
    const s = makeStandIn();
    s.app.lockAvailable = false;

    const shell = startShell(s.electron, { shellDir: '/x/dist/electron', log: memoryLog() });

    expect(shell).toBeNull();
    expect(s.app.quitCalls).toBe(1);
    expect(s.schemes).toEqual([]);
    expect(s.app.listenerCount('second-instance')).toBe(0);
    expect(s.app.listenerCount('web-contents-created')).toBe(0);
  });

  it('the first instance brings its window forward when a second one starts', async () => {
    const s = makeStandIn();
    const shell = startShell(s.electron, { shellDir: '/x/dist/electron', log: memoryLog() });
    s.app.makeReady();
    await shell!.ready;
    const win = s.app.windows[0]!;
    win.close(); // hidden to the tray, not destroyed
    expect(win.visible).toBe(false);
    win.minimized = true;
    win.focused = false;

    s.app.emit('second-instance');

    expect(s.app.windows).toHaveLength(1);
    expect(win.minimized).toBe(false);
    expect(win.visible).toBe(true);
    expect(win.focused).toBe(true);
    await settle();
  });

  it('claimSingleInstance takes the lock and listens for second instances', () => {
    const s = makeStandIn();
    let shown = 0;
    expect(claimSingleInstance(s.app, () => shown++)).toBe(true);
    s.app.emit('second-instance');
    expect(shown).toBe(1);
    expect(s.app.quitCalls).toBe(0);
  });
});
