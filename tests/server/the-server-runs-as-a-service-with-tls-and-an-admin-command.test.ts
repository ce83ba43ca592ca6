import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESK_SCHEMA, PROTOCOL_VERSION } from '../../db/sync/protocol';
import { freshPostgres } from './harness';

const root = resolve(__dirname, '..', '..');
let dir: string;
let entry: string;

/** Bundles server/main.ts as build/build-app.mjs does: the program `npm run server` runs. */
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'daftar-service-'));
  entry = join(dir, 'server.mjs');
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    outfile: entry,
    loader: { '.sql': 'text' },
    external: ['pg-native', 'bufferutil', 'utf-8-validate'],
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    // The native module stays outside the bundle, as in the build; the bundle lives in a
    // temporary folder, so it is imported by its absolute path.
    plugins: [
      {
        name: 'native-by-path',
        setup(b) {
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: createRequire(join(root, 'package.json')).resolve('better-sqlite3'), external: true }));
        },
      },
    ],
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const env = (extra: Record<string, string> = {}) => ({ ...process.env, ...extra });

function admin(args: string[], opts: { password?: string; env?: Record<string, string> } = {}): { code: number; out: string; err: string } {
  try {
    const out = execFileSync(process.execPath, [entry, 'admin', ...args], { input: opts.password ?? '', env: env(opts.env), encoding: 'utf8' });
    return { code: 0, out, err: '' };
  } catch (e) {
    const err = e as { status: number; stdout: string; stderr: string };
    return { code: err.status, out: err.stdout, err: err.stderr };
  }
}

async function serve(args: string[], extraEnv: Record<string, string> = {}): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [entry, ...args, '--port', '0'], { env: env(extraEnv), stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (\S+)/.exec(out);
      if (m) res(m[1]!);
    });
    child.stderr!.on('data', (d) => (err += String(d)));
    child.once('exit', (code) => rej(new Error(`server exited ${code}: ${err}`)));
  });
  return { url, child };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null) return res();
    child.once('exit', () => res());
    child.kill('SIGTERM');
  });
}

const headers = { 'content-type': 'application/json', 'daftar-protocol': String(PROTOCOL_VERSION), 'daftar-schema': DESK_SCHEMA };

// Each step starts a node process (and hashes a password): slow on a busy machine.
describe('the server as a program', { timeout: 180_000 }, () => {
  it('admin commands make roles, groups and users; the user signs in over HTTPS with the certificate given', async () => {
    const data = join(dir, 'sqlite-data');
    expect(admin(['role', 'add', 'کارمند', 'identities.read', 'history.read', '--data-dir', data]).code).toBe(0);
    expect(admin(['group', 'add', 'فروش', '--department', '--data-dir', data]).code).toBe(0);
    const made = admin(['user', 'add', 'sara', '--name', 'سارا', '--role', 'کارمند', '--group', 'فروش', '--password-stdin', '--data-dir', data], {
      password: 'a-long-password\n',
    });
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/^user sara \S+ roles=\[کارمند\] groups=\[فروش\]/);
    const list = admin(['user', 'list', '--data-dir', data]);
    expect(list.out).toContain('sara\tسارا\tactive\troles=[کارمند]\tgroups=[فروش]');

    // Mistakes are explained in both languages and change nothing.
    const dup = admin(['user', 'add', 'sara', '--name', 'x', '--password-stdin', '--data-dir', data], { password: 'another-password' });
    expect(dup.code).toBe(1);
    expect(dup.err).toContain('is taken');
    expect(admin(['role', 'add', 'bad', 'not a permission', '--data-dir', data]).err).toContain('Not a permission name');
    expect(admin(['user', 'add', 'reza', '--name', 'رضا', '--password-stdin', '--data-dir', data], { password: 'short' }).err).toContain('at least 8');
    expect(admin(['frobnicate', '--data-dir', data]).code).toBe(2);

    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const { url, child } = await serve(['--data-dir', data, '--tls-cert', cert, '--tls-key', key]);
    try {
      expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const answer = await new Promise<{ status: number; body: { user?: { username: string; displayName: string } } }>((res, rej) => {
        const req = request(`${url}/auth/sign-in`, { method: 'POST', headers, ca: execFileSync('cat', [cert]) }, (r) => {
          let text = '';
          r.on('data', (d) => (text += String(d)));
          r.on('end', () => res({ status: r.statusCode!, body: JSON.parse(text) }));
        });
        req.on('error', rej);
        req.end(JSON.stringify({ username: 'sara', password: 'a-long-password', clientId: 'desk-1' }));
      });
      expect(answer.status).toBe(200);
      expect(answer.body.user).toMatchObject({ username: 'sara', displayName: 'سارا' });
      // Plain HTTP is not spoken on a TLS port.
      await expect(fetch(url.replace('https', 'http') + '/sync/hello')).rejects.toThrow();
    } finally {
      await stop(child);
    }
  });

  it('with DATABASE_URL the program and its admin command use PostgreSQL', async () => {
    const db = await freshPostgres();
    try {
      const pgEnv = { DATABASE_URL: db.url };
      expect(admin(['role', 'add', 'همه', 'identities.read', '--data-dir', join(dir, 'unused')], { env: pgEnv }).code).toBe(0);
      expect(admin(['user', 'add', 'reza', '--name', 'رضا', '--role', 'همه', '--password-stdin'], { password: 'password-5678', env: pgEnv }).code).toBe(0);
      const { url, child } = await serve([], pgEnv);
      try {
        const r = await fetch(`${url}/auth/sign-in`, {
          method: 'POST',
          headers,
          body: JSON.stringify({ username: 'reza', password: 'password-5678', clientId: 'desk-2' }),
        });
        expect(r.status).toBe(200);
      } finally {
        await stop(child);
      }
    } finally {
      await db.drop();
    }
  });

  it('explains a bad option and exits', () => {
    try {
      execFileSync(process.execPath, [entry, '--port', '99999'], { env: env(), encoding: 'utf8', stdio: 'pipe' });
      throw new Error('expected a failure');
    } catch (e) {
      const err = e as { status: number; stderr: string };
      expect(err.status).toBe(2);
      expect(err.stderr).toContain('--port must be 0–65535');
    }
  });
});
