/**
 * The tray keeps Daftar reachable while its window is hidden: the backend keeps
 * answering calls and reminders with no window open, so closing the window only hides it.
 */
import type { MenuModule, TrayConstructor, TrayLike } from './shell-types';

export const TRAY_LABELS = {
  tooltip: 'دفتر',
  show: 'نمایش دفتر',
  quit: 'خروج',
} as const;

export interface TrayOptions {
  iconPath: string;
  onShow: () => void;
  onQuit: () => void;
}

export function createTray(Tray: TrayConstructor, Menu: MenuModule, opts: TrayOptions): TrayLike {
  const tray = new Tray(opts.iconPath);
  tray.setToolTip(TRAY_LABELS.tooltip);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: TRAY_LABELS.show, click: opts.onShow },
      { type: 'separator' },
      { label: TRAY_LABELS.quit, click: opts.onQuit },
    ]),
  );
  // Windows and macOS report a click on the icon; Linux shows the menu instead.
  tray.on('click', opts.onShow);
  return tray;
}
