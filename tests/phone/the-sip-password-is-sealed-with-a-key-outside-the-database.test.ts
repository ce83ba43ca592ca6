import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileSecretBox, SecretUnreadableError } from '../../main/api/secrets';

const dirs: string[] = [];
function keyFile(): string {
  const d = mkdtempSync(join(tmpdir(), 'daftar-secrets-'));
  dirs.push(d);
  return join(d, 'keys', 'secrets.key');
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a key-file secret box', () => {
  it('seals so the text is not readable, and opens it again', async () => {
    const box = new KeyFileSecretBox(keyFile());
    const sealed = await box.seal('رمز-SIP-1234');
    expect(sealed).not.toContain('1234');
    expect(sealed.startsWith('k1:')).toBe(true);
    expect(await box.open(sealed)).toBe('رمز-SIP-1234');
    expect(await box.seal('x')).not.toBe(await box.seal('x')); // a fresh IV each time
  });

  it('keeps its key in a file only the user can read, in a folder only the user can enter', async () => {
    const file = keyFile();
    await new KeyFileSecretBox(file).seal('x');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(file, '..')).mode & 0o777).toBe(0o700);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
  });

  it('a second box on the same key file opens what the first sealed (a restart)', async () => {
    const file = keyFile();
    const sealed = await new KeyFileSecretBox(file).seal('secret');
    expect(await new KeyFileSecretBox(file).open(sealed)).toBe('secret');
  });

  it('refuses a value sealed with another key, tampered with, or of another scheme', async () => {
    const sealed = await new KeyFileSecretBox(keyFile()).seal('secret');
    const other = new KeyFileSecretBox(keyFile());
    await expect(other.open(sealed)).rejects.toBeInstanceOf(SecretUnreadableError);
    const file = keyFile();
    const box = new KeyFileSecretBox(file);
    const mine = await box.seal('secret');
    const raw = Buffer.from(mine.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    await expect(box.open(`k1:${raw.toString('base64')}`)).rejects.toBeInstanceOf(SecretUnreadableError);
    await expect(box.open('ss:AAAA')).rejects.toBeInstanceOf(SecretUnreadableError);
    await expect(box.open('k1:')).rejects.toBeInstanceOf(SecretUnreadableError);
  });

  it('refuses a key file that is not a 256-bit key', async () => {
    const file = keyFile();
    await new KeyFileSecretBox(file).seal('x');
    writeFileSync(file, 'c2hvcnQ=\n');
    await expect(new KeyFileSecretBox(file).seal('x')).rejects.toThrow(/not a 256-bit key/);
  });
});
