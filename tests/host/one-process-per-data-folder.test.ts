import { existsSync, readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FolderInUseError, lockDataFolder, OWNER_FILE } from '../../db/folder-lock';
import { Storage } from '../../db/storage';
import { explainStartFailure } from '../../main/storage/faults';
import { tempDir } from '../api/backend-fixture';
import { bundle, kill, removeBundles, run, type Child } from './host-process';
import { connectRpc } from './rpc-client';

const dirs: string[] = [];
const children: Child[] = [];
const folder = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};
afterAll(async () => {
  for (const c of children) await kill(c);
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  removeBundles();
});

const webhost = () => bundle('main/host/webhost-main.ts');
function start(file: string, args: string[]): Child {
  const c = run(file, args);
  children.push(c);
  return c;
}

describe('one process per data folder', () => {
  it('a second opener in the same process is refused at once, naming this process; after release the folder opens again', () => {
    const dir = folder('lock-inproc');
    const first = Storage.open({ dataDir: dir, program: 'web host' });
    try {
      let error: unknown;
      try {
        Storage.open({ dataDir: dir, program: 'web host' }).close();
      } catch (err) {
        error = err;
      }
      expect(error).toBeInstanceOf(FolderInUseError);
      expect((error as FolderInUseError).owner).toMatchObject({ pid: process.pid, host: hostname(), program: 'web host' });
      const sentence = explainStartFailure(error, dir);
      expect(sentence).toContain(dir);
      expect(sentence).toContain(String(process.pid));
      expect(sentence).toMatch(/در دست دفترِ دیگری است/);
      expect(sentence).toMatch(/is in use by another Daftar/);
    } finally {
      first.close();
    }
    expect(existsSync(join(dir, OWNER_FILE))).toBe(false);
    Storage.open({ dataDir: dir, program: 'web host' }).close();
  });

  it('two web hosts on one folder: the second exits with a Persian and English sentence naming the folder and the first; the first keeps serving', async () => {
    const file = await webhost();
    const dir = folder('lock-two');
    const first = start(file, ['--data-dir', dir, '--port', '0']);
    const url = (await first.waitFor(/http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/))[0];
    const second = start(file, ['--data-dir', dir, '--port', '0']);
    const { code } = await second.exited;
    expect(code).toBe(1);
    const said = second.output();
    expect(said).toContain(dir);
    expect(said).toContain(String(first.process.pid));
    expect(said).toContain('web host');
    expect(said).toMatch(/در دست دفترِ دیگری است/);
    expect(said).toMatch(/in use by another Daftar/);
    expect(said).not.toMatch(/database is locked|already exists|at .*\.js:\d+/);
    const client = await connectRpc(url);
    expect(await client.call('session.get', {})).toMatchObject({ ok: true, value: { state: 'setup' } });
    client.close();
    await kill(first);
  });

  it('on a fresh folder, hosts started at the same moment: one runs, the others explain and exit (no raw SQLite errors)', async () => {
    const file = await webhost();
    const dir = folder('lock-race');
    const racers = [0, 1, 2].map(() => start(file, ['--data-dir', dir, '--port', '0']));
    const outcomes = await Promise.all(
      racers.map((c) => Promise.race([c.waitFor(/Daftar is running at/).then(() => 'running'), c.exited.then(() => 'exited')])),
    );
    expect(outcomes.filter((o) => o === 'running')).toHaveLength(1);
    for (const [i, c] of racers.entries()) {
      if (outcomes[i] === 'running') continue;
      expect((await c.exited).code).toBe(1);
      expect(c.output()).toMatch(/in use by another Daftar/);
      expect(c.output()).not.toMatch(/database is locked|already exists/);
    }
    for (const c of racers) await kill(c);
  });

  it('the lock dies with its process: after kill -9 the next host takes the folder and checks the store on a worker thread beside its start', async () => {
    const file = await webhost();
    const dir = folder('lock-stale');
    const first = start(file, ['--data-dir', dir, '--port', '0']);
    await first.waitFor(/Daftar is running at/);
    await kill(first);
    // The crashed owner's note is still there; the OS lock is not.
    expect(JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8'))).toMatchObject({ pid: first.process.pid });
    const second = start(file, ['--data-dir', dir, '--port', '0']);
    await second.waitFor(/Daftar is running at/);
    expect(JSON.parse(readFileSync(join(dir, OWNER_FILE), 'utf8'))).toMatchObject({ pid: second.process.pid, program: 'web host' });
    // The check answers beside the start (writes wait for it): its line may come after "running".
    const checked = /"message":"start check after an unclean shutdown".*"ok":true.*"worker":true/;
    await expect.poll(() => readFileSync(join(dir, 'logs', 'backend.log'), 'utf8'), { timeout: 20_000 }).toMatch(checked);
    await kill(second);
  });

  it('the lock is an operating-system lock: another process cannot take a folder this process holds', async () => {
    const dir = folder('lock-os');
    const held = lockDataFolder(dir, 'app');
    try {
      const probe = run(await bundle('tests/host/fixtures/lock-probe.ts'), [dir]);
      children.push(probe);
      await probe.exited;
      expect(probe.output()).toContain(`in use: ${process.pid} app`);
    } finally {
      held.release();
    }
    const probe = run(await bundle('tests/host/fixtures/lock-probe.ts'), [dir]);
    children.push(probe);
    await probe.exited;
    expect(probe.output()).toContain('taken');
  });
});
