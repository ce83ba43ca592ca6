import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it, vi } from 'vitest';
import { bundleShellEntry, makeStandIn, settle } from './stand-in';

describe('electron/main.ts', () => {
  it('bundled as the app ships it, starts the shell with the electron module it requires', async () => {
    const bundled = await bundleShellEntry('electron/main.ts');
    const s = makeStandIn();
    const shellDir = '/opt/Daftar/resources/app.asar/dist/electron';
    const realRequire = createRequire(import.meta.url);
    const required: string[] = [];
    const fakeRequire = (name: string) => {
      required.push(name);
      return name === 'electron' ? s.electron : realRequire(name);
    };
    const wrapper = vm.runInThisContext(
      `(function (exports, require, module, __filename, __dirname) {${bundled}\n})`,
    ) as (...args: unknown[]) => void;
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const module = { exports: {} };
      wrapper(module.exports, fakeRequire, module, path.join(shellDir, 'main.cjs'), shellDir);

      // At load, before ready: lock, scheme privileges, guards.
      expect(required).toContain('electron');
      expect(s.schemes.map((x) => x.scheme)).toEqual(['app']);
      expect(s.app.listenerCount('second-instance')).toBe(1);
      expect(s.app.listenerCount('web-contents-created')).toBe(1);
      expect(s.forks).toEqual([]);

      s.app.makeReady();
      await settle();
      expect(s.app.windows).toHaveLength(1);
      expect(s.app.windows[0]!.options.webPreferences.preload).toBe(path.join(shellDir, 'preload.cjs'));
      expect(s.forks[0]!.modulePath).toBe(path.join(shellDir, '..', 'main', 'utility.cjs'));
      expect(s.protocolHandlers.has('app')).toBe(true);
      expect(s.trays).toHaveLength(1);
      const log = readFileSync(path.join(s.app.userData, 'logs', 'shell.log'), 'utf8');
      expect(log).toContain('"message":"shell ready"');
    } finally {
      stderr.mockRestore();
    }
  });
});
