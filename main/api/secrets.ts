/**
 * Secrets a capability must keep but never store in the clear (a SIP password, later a
 * mailbox's): sealed before they reach the database, opened only when used. The host picks
 * how: in the app, Electron's safeStorage (the OS keychain) through the shell
 * (electron/secrets.ts); under the web host and in tests, AES-256-GCM with a key file in the
 * data folder, outside the database, readable by the user only. A sealed value names its
 * scheme, so a store moved between the two is told apart instead of misread.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface SecretBox {
  seal(plain: string): Promise<string>;
  /** Throws SecretUnreadableError when the value was sealed elsewhere or is damaged. */
  open(sealed: string): Promise<string>;
}

export class SecretUnreadableError extends Error {
  constructor(reason: string) {
    super(`secret cannot be opened: ${reason}`);
    this.name = 'SecretUnreadableError';
  }
}

/**
 * The desktop app's backend asks the shell to seal and open (main/host/shell-secrets.ts ↔
 * electron/secrets.ts): these two messages, over the utility process's parent port.
 */
export type SecretRequest = { type: 'secret'; id: number; op: 'seal' | 'open'; value: string };
export type SecretAnswer =
  | { type: 'secret-result'; id: number; ok: true; value: string }
  | { type: 'secret-result'; id: number; ok: false; error: string };

const KEY_FILE_SCHEME = 'k1:';

/** AES-256-GCM under a random key kept in `keyFile` (created on first use, mode 600). */
export class KeyFileSecretBox implements SecretBox {
  private key: Buffer | null = null;

  constructor(private readonly keyFile: string) {}

  // async: a key-file problem becomes a rejection, like every other failure here.
  async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.loadKey(), iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return KEY_FILE_SCHEME + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith(KEY_FILE_SCHEME)) throw new SecretUnreadableError('sealed by another scheme');
    const raw = Buffer.from(sealed.slice(KEY_FILE_SCHEME.length), 'base64');
    if (raw.length < 28) throw new SecretUnreadableError('too short');
    const key = this.loadKey();
    try {
      const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      throw new SecretUnreadableError('wrong key or damaged');
    }
  }

  private loadKey(): Buffer {
    if (this.key) return this.key;
    let key: Buffer;
    try {
      key = Buffer.from(readFileSync(this.keyFile, 'utf8').trim(), 'base64');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      key = randomBytes(32);
      mkdirSync(dirname(this.keyFile), { recursive: true, mode: 0o700 });
      writeFileSync(this.keyFile, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    }
    if (key.length !== 32) throw new SecretUnreadableError(`key file ${this.keyFile} is not a 256-bit key`);
    chmodSync(this.keyFile, 0o600);
    this.key = key;
    return key;
  }
}
