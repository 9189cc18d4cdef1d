// The profile secret vault on Electron's safeStorage (macOS Keychain, Windows DPAPI, Linux libsecret/kwallet).
// On Linux without a keyring safeStorage falls back to 'basic_text' — a hard-coded key, i.e. obfuscation, not
// encryption — so the vault refuses to seal there and says why, instead of pretending the secret is protected.
import { safeStorage } from 'electron';
import { CodedError } from '../../shared/result';
import type { SecretVault, VaultStatus } from '../services/profiles/vault';

export function electronSecretVault(platform: NodeJS.Platform = process.platform): SecretVault {
  const status = (): VaultStatus => {
    if (!safeStorage.isEncryptionAvailable()) {
      return {
        available: false,
        code: 'VAULT_UNAVAILABLE',
        reason: 'The operating system’s secure storage is not available, so the client secret cannot be stored safely.',
      };
    }
    if (platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') {
      return {
        available: false,
        code: 'VAULT_INSECURE_BACKEND',
        reason:
          'No keyring (GNOME Keyring / KWallet) is running, so Electron would only obfuscate the secret with a fixed key (basic_text); it is not stored.',
      };
    }
    return { available: true };
  };
  const refuse = (s: VaultStatus): never => {
    throw new CodedError(
      s.code ?? 'VAULT_UNAVAILABLE',
      s.reason ?? 'Secure storage is not available.',
      'Save the profile without its secret, or start a keyring (e.g. gnome-keyring) and try again.',
    );
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
        throw new CodedError(
          'VAULT_UNSEAL_FAILED',
          'The saved secret could not be decrypted (another user account or keyring).',
          'Enter the client secret again and save the profile with it.',
          { cause: e },
        );
      }
    },
  };
}
