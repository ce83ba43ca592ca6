/**
 * The desktop app's secrets (a SIP password): the backend in its utility process asks the
 * shell (ShellSecretBox → process.parentPort), the shell seals with safeStorage and answers.
 * Played here with the stand-in electron module: its safeStorage and its utility process.
 */
import { describe, expect, it } from 'vitest';
import { SecretUnreadableError } from '../../main/api/secrets';
import { ShellSecretBox } from '../../main/host/shell-secrets';
import { startShell } from '../../electron/shell';
import { makeStandIn, manualTimers, memoryLog, type FakeUtilityProcess } from './stand-in';

async function shellWithBackend() {
  const s = makeStandIn();
  const log = memoryLog();
  const shell = startShell(s.electron, { shellDir: '/opt/daftar/app.asar/dist/electron', log, timers: manualTimers(), now: () => 0 })!;
  s.app.makeReady();
  await shell.ready;
  const child = s.forks[0]!;
  return { ...s, log, child, box: boxOver(child) };
}

/** The backend's side of the parent port, joined to the stand-in's utility process. */
function boxOver(child: FakeUtilityProcess): ShellSecretBox {
  const listeners: ((m: unknown) => void)[] = [];
  const post = child.postMessage.bind(child);
  child.postMessage = (message, transfer) => {
    post(message, transfer);
    queueMicrotask(() => listeners.forEach((l) => l(message)));
  };
  return new ShellSecretBox(
    { postMessage: (m) => child.emit('message', m), onMessage: (l) => listeners.push(l) },
    1_000,
  );
}

describe('secrets in the desktop app', () => {
  it('are sealed by safeStorage through the shell and opened again', async () => {
    const { box, log } = await shellWithBackend();
    const sealed = await box.seal('رمز-SIP-9876');
    expect(sealed.startsWith('ss:')).toBe(true);
    expect(sealed).not.toContain('9876');
    expect(Buffer.from(sealed.slice(3), 'base64').toString('latin1')).not.toContain('9876');
    expect(await box.open(sealed)).toBe('رمز-SIP-9876');
    expect(JSON.stringify(log.lines)).not.toContain('9876');
  });

  it('are refused, not stored in the clear, when the OS offers no encryption', async () => {
    const { box, safeStorage } = await shellWithBackend();
    safeStorage.available = false;
    await expect(box.seal('pw')).rejects.toBeInstanceOf(SecretUnreadableError);
  });

  it('that were sealed elsewhere or damaged cannot be opened (the user types them again)', async () => {
    const { box } = await shellWithBackend();
    await expect(box.open('k1:AAAA')).rejects.toBeInstanceOf(SecretUnreadableError);
    await expect(box.open(`ss:${Buffer.from('garbage').toString('base64')}`)).rejects.toThrow(/open failed/);
  });

  it('the shell answers only well-formed secret requests from the backend', async () => {
    const { child } = await shellWithBackend();
    const before = child.messages.length;
    for (const junk of [null, 'secret', { type: 'secret' }, { type: 'secret', id: 'x', op: 'seal', value: 'a' }, { type: 'secret', id: 1, op: 'exec', value: 'a' }]) {
      child.emit('message', junk);
    }
    expect(child.messages.length).toBe(before);
    child.emit('message', { type: 'secret', id: 7, op: 'seal', value: 'a' });
    expect(child.messages.at(-1)?.message).toMatchObject({ type: 'secret-result', id: 7, ok: true });
  });
});
