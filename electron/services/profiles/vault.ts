// SecretVault: how a saved client secret is sealed. electron/platform/secret-vault.ts uses Electron's
// safeStorage (OS keychain / DPAPI / libsecret) and refuses Linux's plain-text fallback; AesGcmVault seals with
// a given 256-bit key for tests and the harness; unavailableVault refuses, as a place without secure storage does
// (tests use it to prove that nothing is then written).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { codedError } from '../errors';

/** Whether the vault can seal safely here; when not, the error code that says why (errors.ts has the words). */
export type VaultStatus =
  | { readonly available: true }
  | {
      readonly available: false;
      readonly code: 'VAULT_UNAVAILABLE' | 'VAULT_INSECURE_BACKEND';
      /** What this vault knows beyond the code's message, e.g. the backend it found. */
      readonly detail?: string;
    };

export interface SecretVault {
  /** Stored beside each ciphertext, so a profile sealed by another vault is recognised, not mis-decrypted. */
  readonly id: string;
  status(): VaultStatus;
  /** Base64 ciphertext. Throws a CodedError when the vault cannot seal safely. */
  seal(plain: string): Promise<string>;
  unseal(ciphertext: string): Promise<string>;
}

export function unavailableVault(detail?: string): SecretVault {
  const fail = (): never => {
    throw codedError('VAULT_UNAVAILABLE', { detail });
  };
  return {
    id: 'none',
    status: () => ({ available: false, code: 'VAULT_UNAVAILABLE', ...(detail === undefined ? {} : { detail }) }),
    seal: async () => fail(),
    unseal: async () => fail(),
  };
}

/** AES-256-GCM with a caller-held key: iv(12) | tag(16) | ciphertext, base64. */
export class AesGcmVault implements SecretVault {
  readonly id = 'aes-256-gcm';
  readonly #key: Buffer;
  constructor(key: Uint8Array = randomBytes(32)) {
    if (key.length !== 32) throw new Error('AesGcmVault needs a 32-byte key');
    this.#key = Buffer.from(key);
  }
  status(): VaultStatus {
    return { available: true };
  }
  async seal(plain: string): Promise<string> {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', this.#key, iv);
    const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
  }
  async unseal(ciphertext: string): Promise<string> {
    try {
      const raw = Buffer.from(ciphertext, 'base64');
      const d = createDecipheriv('aes-256-gcm', this.#key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    } catch (e) {
      throw codedError('VAULT_UNSEAL_FAILED', { cause: e });
    }
  }
}
