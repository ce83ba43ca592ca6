/**
 * The shell's half of the backend's secrets (main/host/shell-secrets.ts): seals and opens
 * with Electron's safeStorage (the OS keychain: DPAPI, Keychain, libsecret/kwallet). Plain
 * text is never logged and never written by the shell; when the OS offers no encryption,
 * the answer says so and nothing is stored in the clear.
 */
import type { SecretAnswer, SecretRequest } from '../main/api/secrets';
import type { SafeStorageLike } from './shell-types';

export function isSecretRequest(m: unknown): m is SecretRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return r.type === 'secret' && typeof r.id === 'number' && (r.op === 'seal' || r.op === 'open') && typeof r.value === 'string';
}

export function answerSecret(safeStorage: SafeStorageLike, request: SecretRequest): SecretAnswer {
  const { id } = request;
  if (!safeStorage.isEncryptionAvailable()) return { type: 'secret-result', id, ok: false, error: 'encryption unavailable' };
  try {
    if (request.op === 'seal') {
      return { type: 'secret-result', id, ok: true, value: safeStorage.encryptString(request.value).toString('base64') };
    }
    return { type: 'secret-result', id, ok: true, value: safeStorage.decryptString(Buffer.from(request.value, 'base64')) };
  } catch {
    // The error text could quote what was being opened: only the kind of failure goes back.
    return { type: 'secret-result', id, ok: false, error: request.op === 'seal' ? 'seal failed' : 'open failed' };
  }
}
