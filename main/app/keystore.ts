import type { SafeStorage } from 'electron';
import type { Keystore } from '../core/config/VehicleTokenStore';

/**
 * Electron's safeStorage as the core's Keystore, or undefined where it would not protect
 * anything: without an OS store, or on Linux with the `basic_text` backend (a key
 * hard-coded in Chromium; an owner-only file is as good and says what it is).
 *
 * The asynchronous calls (Electron 45; the synchronous ones are deprecated). Call after
 * `app.whenReady()`: availability is known only once the store has initialised.
 */
export async function electronKeystore(
  safeStorage: SafeStorage,
  platform: NodeJS.Platform = process.platform,
): Promise<Keystore | undefined> {
  if (!(await safeStorage.isAsyncEncryptionAvailable())) return undefined;
  let name = platform === 'darwin' ? 'the macOS Keychain' : platform === 'win32' ? 'Windows DPAPI' : 'the OS keystore';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
    name = `the OS keystore (${backend})`;
  }
  return {
    name,
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    decrypt: async (sealed) => {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(sealed);
      return { plain: result, reseal: shouldReEncrypt };
    },
  };
}
