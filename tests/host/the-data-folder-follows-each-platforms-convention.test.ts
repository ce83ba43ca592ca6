import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../main/host/data-dir';

const home = homedir();

describe('defaultDataDir', () => {
  it('linux: ~/.config/Daftar', () => {
    expect(defaultDataDir({}, 'linux')).toBe(join(home, '.config', 'Daftar'));
  });

  it('linux: respects XDG_CONFIG_HOME', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/conf' }, 'linux')).toBe(join('/srv/conf', 'Daftar'));
  });

  it('linux: an empty XDG_CONFIG_HOME counts as unset (not the current folder)', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '' }, 'linux')).toBe(join(home, '.config', 'Daftar'));
  });

  it('other unix-likes follow XDG too', () => {
    expect(defaultDataDir({}, 'freebsd')).toBe(join(home, '.config', 'Daftar'));
  });

  it('win32: %APPDATA%\\Daftar, or AppData\\Roaming under the home folder', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\neda\\AppData\\Roaming' }, 'win32')).toBe(join('C:\\Users\\neda\\AppData\\Roaming', 'Daftar'));
    expect(defaultDataDir({}, 'win32')).toBe(join(home, 'AppData', 'Roaming', 'Daftar'));
  });

  it('darwin: ~/Library/Application Support/Daftar, whatever XDG says', () => {
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/srv/conf' }, 'darwin')).toBe(join(home, 'Library', 'Application Support', 'Daftar'));
  });

  it('empty variables never give a relative folder', () => {
    for (const p of ['linux', 'win32', 'darwin'] as const) {
      const dir = defaultDataDir({ XDG_CONFIG_HOME: '', APPDATA: '' }, p);
      expect(dir.startsWith(home), `${p}: ${dir}`).toBe(true);
      expect(dir.endsWith('Daftar')).toBe(true);
    }
  });
});
