// The profile secret vault on Electron's safeStorage (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet).
// On Linux without a keyring safeStorage falls back to 'basic_text' — a hard-coded key, i.e. obfuscation, not
// encryption — so the vault refuses to seal there and says why, instead of pretending the secret is protected.
import { safeStorage } from 'electron';
import { codedError } from '../services/errors';
import type { SecretVault, VaultStatus } from '../services/profiles/vault';

export function electronSecretVault(platform: NodeJS.Platform = process.platform): SecretVault {
  const status = (): VaultStatus => {
    if (!safeStorage.isEncryptionAvailable())
      return { available: false, code: 'VAULT_UNAVAILABLE', detail: 'safeStorage reports no encryption available' };
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return { available: false, code: 'VAULT_INSECURE_BACKEND', detail: 'safeStorage backend: basic_text' };
    return { available: true };
  };
  const refuse = (s: Extract<VaultStatus, { available: false }>): never => {
    throw codedError(s.code, { detail: s.detail });
  };
  return {
    id: 'electron-safe-storage',
    status,
    seal: async (plain) => {
      const s = status();
      if (!s.available) refuse(s);
      return safeStorage.encryptString(plain).toString('base64');
    },
    unseal: async (ciphertext) => {
      const s = status();
      if (!s.available) refuse(s);
      try {
        return safeStorage.decryptString(Buffer.from(ciphertext, 'base64'));
      } catch (e) {
        throw codedError('VAULT_UNSEAL_FAILED', { cause: e });
      }
    },
  };
}
