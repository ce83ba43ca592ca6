import { chmodSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createShellLog } from '../../electron/log';
import { fileLogger, redact } from '../../main/api/log';
import { startHostedBackend } from '../../main/host/start-backend';
import type { SettingsService } from '../../main/settings/service';
import { fails, ok, tempDir } from '../api/backend-fixture';

const dir = tempDir('log');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('redact', () => {
  it('hides values under secret-looking keys, at any depth, in arrays too', () => {
    const input = {
      user: 'neda',
      password: 'hunter2',
      apiKey: 'k-123',
      api_key: 'k-456',
      'x-api-key': 'k-789',
      token: 't-1',
      accessToken: 't-2',
      Authorization: 'Bearer abc',
      headers: { authorization: 'Basic xyz', cookie: 'sid=1', accept: 'json' },
      sip: { account: { passwd: 'p1', secret: 's1', credentials: { user: 'u', pass: 'p2' } } },
      list: [{ token: 't-3' }, { ok: 1 }],
      count: 3,
    };
    const out = redact(input) as Record<string, unknown>;
    const text = JSON.stringify(out);
    for (const secret of ['hunter2', 'k-123', 'k-456', 'k-789', 't-1', 't-2', 'Bearer abc', 'Basic xyz', 'sid=1', 'p2', 's1', 't-3']) {
      expect(text).not.toContain(secret);
    }
    expect(out).toMatchObject({ user: 'neda', password: '[redacted]', count: 3, headers: { accept: 'json', authorization: '[redacted]' } });
    expect((out.list as unknown[])[1]).toEqual({ ok: 1 });
    // The input is not mutated.
    expect(input.password).toBe('hunter2');
  });

  it('hides secrets nested deeper than the depth limit too', () => {
    let deep: Record<string, unknown> = { password: 'deep-secret', note: 'x' };
    for (let i = 0; i < 12; i++) deep = { level: deep };
    const text = JSON.stringify(redact({ deep }));
    expect(text).not.toContain('deep-secret');
  });

  it('keeps primitives, null and errors readable', () => {
    expect(redact(5)).toBe(5);
    expect(redact(null)).toBeNull();
    expect(redact('text')).toBe('text');
    const err = new Error('boom');
    expect(redact(err)).toMatchObject({ name: 'Error', message: 'boom' });
    expect(redact({ err })).toMatchObject({ err: { message: 'boom', stack: expect.any(String) } });
  });
});

describe('fileLogger', () => {
  it('writes JSON lines with level, message and redacted fields, creating the folder', () => {
    const file = join(dir, 'nested', 'logs', 'test.log');
    const log = fileLogger(file, { src: 'backend' });
    log.info('started', { version: '1.0' });
    log.warn('slow', { ms: 12 });
    log.error('failed', { password: 'hunter2', nested: { token: 'abc' } });
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => [l.level, l.src, l.message])).toEqual([
      ['info', 'backend', 'started'],
      ['warn', 'backend', 'slow'],
      ['error', 'backend', 'failed'],
    ]);
    expect(lines[0]).toMatchObject({ version: '1.0' });
    expect(Date.parse(lines[0]!.at as string)).not.toBeNaN();
    expect(readFileSync(file, 'utf8')).not.toMatch(/hunter2|"abc"/);
  });

  it('rotates once the file passes 5 MB', () => {
    const file = join(dir, 'rotate.log');
    writeFileSync(file, 'x'.repeat(5 * 1024 * 1024 + 10));
    fileLogger(file, { src: 'backend' }).info('after rotation');
    expect(statSync(`${file}.1`).size).toBeGreaterThan(5 * 1024 * 1024);
    expect(readFileSync(file, 'utf8')).toContain('after rotation');
  });

  it('never throws when the file cannot be written, and the line goes to stderr instead', () => {
    const file = join(dir, 'dir-not-file');
    const stderr: string[] = [];
    const log = fileLogger(join(file, 'x.log'), { src: 'backend', stderr: (l) => stderr.push(l) });
    log.info('written');
    expect(stderr).toEqual([]);
    rmSync(file, { recursive: true, force: true });
    writeFileSync(file, 'a file where the folder was');
    expect(() => log.error('lost', { a: 1, password: 'hunter2' })).not.toThrow();
    expect(stderr.map((l) => JSON.parse(l).message)).toEqual(['log file cannot be written; logging to stderr', 'lost']);
    expect(stderr.join('\n')).not.toContain('hunter2');
  });

  it('keeps its folder 700 and its file 600, also a file an older version made 644', () => {
    const folder = join(dir, 'private', 'logs');
    const file = join(folder, 'backend.log');
    fileLogger(file, { src: 'backend' }).info('first');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    chmodSync(file, 0o644);
    fileLogger(file, { src: 'backend' }).info('again');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('is the shell log too: the shell writes a password field redacted, to its file and to stderr', () => {
    const file = join(dir, 'shell', 'shell.log');
    const echoed: string[] = [];
    const original = process.stderr.write;
    process.stderr.write = ((chunk: string) => {
      echoed.push(String(chunk));
      return true;
    }) as typeof process.stderr.write;
    try {
      createShellLog(file).warn('sip account', { user: '201', password: 'sip-secret-9', nested: { apiKey: 'k-1' } });
    } finally {
      process.stderr.write = original;
    }
    const written = readFileSync(file, 'utf8');
    expect(JSON.parse(written)).toMatchObject({ level: 'warn', src: 'shell', message: 'sip account', user: '201', password: '[redacted]' });
    expect(written).not.toMatch(/sip-secret-9|k-1/);
    expect(echoed.join('')).toContain('sip account');
    expect(echoed.join('')).not.toMatch(/sip-secret-9|k-1/);
  });

  it('fields cannot overwrite the time, level, source or message', () => {
    const file = join(dir, 'fields.log');
    fileLogger(file, { src: 'backend', now: () => 0 }).info('real', { at: 'fake', level: 'fake', src: 'fake', message: 'fake' });
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ at: '1970-01-01T00:00:00.000Z', level: 'info', src: 'backend', message: 'real' });
  });
});

describe('the backend log', () => {
  it('lives in <dataDir>/logs/backend.log and holds an internal error without the secrets of the input', async () => {
    // Started as both hosts start it (the Electron utility process and the web host).
    const dataDir = tempDir('backend-log');
    const t = { dataDir, ...(await startHostedBackend({ dataDir })) };
    try {
      expect(t.logFile).toBe(join(t.dataDir, 'logs', 'backend.log'));
      expect(existsSync(t.logFile)).toBe(true);
      expect(readFileSync(t.logFile, 'utf8')).toContain('backend started');
      // The About page shows the same file.
      expect((await ok(t.backend, 'app.info', {})).logFile).toBe(t.logFile);

      // An internal error whose cause carries the input's secret values in secret-looking fields.
      const svc = t.backend.service<SettingsService>('settings');
      const original = svc.update.bind(svc);
      svc.update = (patch) => {
        const err = Object.assign(new Error('gateway refused'), { config: { apiKey: 'KAVENEGAR-SECRET-KEY', password: 'smtp-pass-1' } });
        t.backend.log.error('gateway', { request: { Authorization: 'Bearer SECRET-TOKEN', body: patch } });
        throw err;
      };
      try {
        const e = await fails(t.backend, 'settings.update', { language: 'en' });
        expect(e.code).toBe('internal');
      } finally {
        svc.update = original;
      }
      const log = readFileSync(t.logFile, 'utf8');
      expect(log).toContain('gateway refused');
      expect(log).toContain('settings.update');
      expect(log).not.toMatch(/KAVENEGAR-SECRET-KEY|smtp-pass-1|SECRET-TOKEN/);
      // Nothing changed.
      expect((await ok(t.backend, 'settings.get', {})).language).toBe('fa');
    } finally {
      await t.backend.close();
      rmSync(t.dataDir, { recursive: true, force: true });
    }
  });
});
