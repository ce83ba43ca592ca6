import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startShell } from '../../electron/shell';
import { TRAY_LABELS } from '../../electron/tray';
import { makeStandIn, memoryLog, settle } from './stand-in';

describe('tray', () => {
  it('has an icon, a Persian tooltip and a menu to show the window and to quit', async () => {
    const s = makeStandIn();
    const shell = startShell(s.electron, { shellDir: '/x', log: memoryLog() })!;
    s.app.makeReady();
    await shell.ready;

    expect(s.trays).toHaveLength(1);
    const tray = s.trays[0]!;
    expect(tray.iconPath).toBe(path.join(s.app.appPath, 'build', 'icons', 'tray.png'));
    expect(tray.tooltip).toBe('دفتر');
    const items = tray.menu!.items;
    expect(items.map((i) => i.label ?? i.type)).toEqual([TRAY_LABELS.show, 'separator', TRAY_LABELS.quit]);
    expect(TRAY_LABELS).toEqual({ tooltip: 'دفتر', show: 'نمایش دفتر', quit: 'خروج' });

    const win = s.app.windows[0]!;
    win.close(); // to the tray
    expect(win.visible).toBe(false);
    items[0]!.click!();
    expect(win.visible).toBe(true);

    win.close();
    tray.emit('click');
    expect(win.visible).toBe(true);

    items[2]!.click!();
    await settle();
    expect(s.app.quitted).toBe(true);
    expect(win.destroyed).toBe(true);
  });

  it('packaged, the tray icon comes from resources/icons (outside the asar)', async () => {
    const s = makeStandIn();
    s.app.isPackaged = true;
    const shell = startShell(s.electron, { shellDir: '/x', log: memoryLog() })!;
    s.app.makeReady();
    await shell.ready;
    expect(s.trays[0]!.iconPath).toBe(path.join('/opt/Daftar/resources', 'icons', 'tray.png'));
  });

  it('a desktop without a tray does not stop the app', async () => {
    const s = makeStandIn();
    s.electron.Tray = class {
      constructor() {
        throw new Error('no StatusNotifier');
      }
    } as unknown as typeof s.electron.Tray;
    const log = memoryLog();
    const shell = startShell(s.electron, { shellDir: '/x', log })!;
    s.app.makeReady();
    await shell.ready;
    expect(s.app.windows).toHaveLength(1);
    expect(log.lines.some((l) => l.msg === 'tray unavailable')).toBe(true);
  });
});
