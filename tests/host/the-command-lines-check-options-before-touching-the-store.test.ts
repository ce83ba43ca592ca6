import { existsSync, readdirSync, rmSync } from 'node:fs';
import type { SessionService } from '../../main/session/service';
import { createServer } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { main, USAGE, type WebHost } from '../../main/host/webhost';
import { runStoreTool, STORE_TOOL_USAGE } from '../../main/host/store-tool';
import { ok, startBackend, tempDir } from '../api/backend-fixture';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const folder = (label: string) => {
  const d = tempDir(label);
  dirs.push(d);
  return d;
};

async function webhost(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  let code: number | null = null;
  const host = await main({ argv, out: (l) => out.push(l), err: (l) => err.push(l), exit: (c) => (code = c), onSignal: () => {} });
  return { host: host as WebHost | null, out: out.join('\n'), err: err.join('\n'), code };
}

async function tool(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runStoreTool({ argv, out: (l) => out.push(l), err: (l) => err.push(l) });
  return { out: out.join('\n'), err: err.join('\n'), code };
}

describe('the web host command line', () => {
  it('an unknown option prints the usage (Persian and English), no stack trace, and touches nothing', async () => {
    const dir = join(folder('cli-bogus'), 'data');
    for (const argv of [['--bogus'], ['--data-dir', dir, '--bogus'], ['extra'], ['--port']]) {
      const r = await webhost(argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.err).toContain(USAGE);
      expect(r.err).toMatch(/استفاده \/ Usage/);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.host).toBeNull();
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('--help prints the usage and exits 0', async () => {
    const r = await webhost(['--help']);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toBe(USAGE);
  });

  it('a bad port is refused before anything is opened', async () => {
    const dir = join(folder('cli-port'), 'data');
    for (const port of ['abc', '-1', '70000', '1.5', '']) {
      const r = await webhost(['--data-dir', dir, '--port', port]);
      expect(r.code, port).toBe(2);
      expect(r.err).toContain(USAGE);
    }
    expect(existsSync(dir)).toBe(false);
  });

  it('a port in use is reported before the data folder is created or the store touched', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
    const port = (blocker.address() as { port: number }).port;
    const dir = join(folder('cli-busy'), 'data');
    try {
      const r = await webhost(['--data-dir', dir, '--port', String(port)]);
      expect(r.code).toBe(1);
      expect(r.err).toContain(`Port ${port} is in use`);
      expect(r.err).toMatch(/در دست برنامهٔ دیگری است/);
      expect(existsSync(dir)).toBe(false);
    } finally {
      blocker.close();
    }
  });

  it('a failed start goes to stderr and to the log of an existing folder', async () => {
    const dir = folder('cli-inuse');
    const holder = await startBackend('cli-inuse', dir);
    try {
      const r = await webhost(['--data-dir', dir, '--port', '0']);
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/in use by another Daftar/);
      expect(r.err).toContain(String(process.pid));
      const log = (await import('node:fs')).readFileSync(join(dir, 'logs', 'backend.log'), 'utf8');
      expect(log).toMatch(/"src":"webhost","message":"start failed"/);
    } finally {
      await holder.backend.close();
    }
  });

  it('--demo prints who can sign in and with which password', async () => {
    const dir = join(folder('cli-demo'), 'data');
    const r = await webhost(['--data-dir', dir, '--port', '0', '--demo']);
    try {
      expect(r.code).toBeNull();
      expect(r.out).toMatch(/Demo users: admin, manager, office, reception/);
      expect(r.out).toMatch(/password \/ گذرواژه: daftar-1404/);
      expect(r.host!.backend.service<SessionService>('session').session().state).toBe('signed-out');
      expect(r.host!.backend.service<SessionService>('session').signIn('reception', 'daftar-1404').user?.username).toBe('reception');
    } finally {
      await r.host?.close();
    }
  });
});

describe('the store tool', () => {
  it('checks, backs up, lists, exports and restores while Daftar is closed', async () => {
    const t = await startBackend('tool');
    dirs.push(t.dataDir);
    const id = (await ok(t.backend, 'identities.create', { kind: 'person', firstName: 'ابزار' })).id;
    await t.backend.close();
    const dir = t.dataDir;

    expect(await tool(['check', '--data-dir', dir])).toMatchObject({ code: 0, err: '' });
    const backedUp = await tool(['backup', '--data-dir', dir]);
    expect(backedUp.code).toBe(0);
    const listed = await tool(['list', '--data-dir', dir]);
    expect(listed.out).toMatch(/daftar-\d{8}T\d{9}Z-manual\.sqlite\t.*\tmanual\t\d+/);
    const to = join(dir, 'copy.sqlite');
    expect(await tool(['export', '--data-dir', dir, '--to', to])).toMatchObject({ code: 0, out: to });
    const copy = new Database(to, { readonly: true });
    expect(copy.prepare('SELECT first_name FROM identities WHERE id = ?').pluck().get(id)).toBe('ابزار');
    copy.close();

    const restored = await tool(['restore', '--data-dir', dir]);
    expect(restored.code).toBe(0);
    expect(restored.out).toMatch(/restored: daftar-.*-manual\.sqlite/);
    expect(readdirSync(join(dir, 'damaged')).some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect((await tool(['check', '--data-dir', dir])).code).toBe(0);
  });

  it('refuses while the app holds the folder, naming it', async () => {
    const t = await startBackend('tool-busy');
    dirs.push(t.dataDir);
    try {
      for (const cmd of ['check', 'restore']) {
        const r = await tool([cmd, '--data-dir', t.dataDir]);
        expect(r.code, cmd).toBe(1);
        expect(r.err).toMatch(/in use by another Daftar/);
      }
    } finally {
      await t.backend.close();
    }
  });

  it('without a good backup restore says so and leaves the store; an unknown command prints the usage', async () => {
    const t = await startBackend('tool-none');
    dirs.push(t.dataDir);
    await t.backend.close();
    const r = await tool(['restore', '--data-dir', t.dataDir]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/No backup passed its check/);
    expect(existsSync(join(t.dataDir, 'damaged'))).toBe(false);
    for (const argv of [[], ['fix'], ['check', 'twice'], ['--bogus']]) {
      const u = await tool(argv);
      expect(u.code, argv.join(' ')).toBe(2);
      expect(u.err).toContain(STORE_TOOL_USAGE);
    }
  });
});
