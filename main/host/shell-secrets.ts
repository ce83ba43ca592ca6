/**
 * The SecretBox of the desktop app: the backend (in Electron's utilityProcess) has no
 * safeStorage, so it asks the shell, which seals with the OS keychain (electron/secrets.ts).
 * One small request/answer pair over the process's parent port (shapes in main/api/secrets.ts,
 * which the shell imports too).
 */
import { SecretUnreadableError, type SecretAnswer, type SecretBox, type SecretRequest } from '../api/secrets';

/** A sealed value's scheme: safeStorage ciphertext, base64. */
export const SAFE_STORAGE_SCHEME = 'ss:';

export interface SecretChannel {
  postMessage(message: SecretRequest): void;
  /** Every message from the shell; answers to other requests are ignored here. */
  onMessage(listener: (message: unknown) => void): void;
}

export function isSecretAnswer(m: unknown): m is SecretAnswer {
  if (typeof m !== 'object' || m === null) return false;
  const a = m as Record<string, unknown>;
  return a.type === 'secret-result' && typeof a.id === 'number' && typeof a.ok === 'boolean';
}

export class ShellSecretBox implements SecretBox {
  private next = 1;
  private readonly waiting = new Map<number, (a: SecretAnswer) => void>();

  constructor(
    private readonly channel: SecretChannel,
    private readonly timeoutMs = 10_000,
  ) {
    channel.onMessage((m) => {
      if (!isSecretAnswer(m)) return;
      this.waiting.get(m.id)?.(m);
    });
  }

  async seal(plain: string): Promise<string> {
    return SAFE_STORAGE_SCHEME + (await this.ask('seal', plain));
  }

  async open(sealed: string): Promise<string> {
    if (!sealed.startsWith(SAFE_STORAGE_SCHEME)) throw new SecretUnreadableError('sealed by another scheme');
    return this.ask('open', sealed.slice(SAFE_STORAGE_SCHEME.length));
  }

  private ask(op: 'seal' | 'open', value: string): Promise<string> {
    const id = this.next++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(id);
        reject(new SecretUnreadableError('the shell did not answer'));
      }, this.timeoutMs);
      this.waiting.set(id, (a) => {
        clearTimeout(timer);
        this.waiting.delete(id);
        if (a.ok) resolve(a.value);
        else reject(new SecretUnreadableError(a.error));
      });
      this.channel.postMessage({ type: 'secret', id, op, value });
    });
  }
}
