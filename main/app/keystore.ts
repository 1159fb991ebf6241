import type { SafeStorage } from 'electron';
import type { Keystore } from '../core/config/VehicleTokenStore';

/**
 * Electron's safeStorage as the core's Keystore, or undefined where it would not protect
 * anything: before `ready`, without an OS store, or on Linux with the `basic_text` backend
 * (a key hard-coded in Chromium; an owner-only file is as good and says what it is).
 *
 * The synchronous calls are used because the core settles its configuration synchronously
 * at start, once; they are deprecated in favour of the async ones but kept by Electron 45.
 * Call after `app.whenReady()`.
 */
export function electronKeystore(safeStorage: SafeStorage, platform: NodeJS.Platform = process.platform): Keystore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  let name = platform === 'darwin' ? 'the macOS Keychain' : platform === 'win32' ? 'Windows DPAPI' : 'the OS keystore';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend();
    if (backend === 'basic_text' || backend === 'unknown') return undefined;
    name = `the OS keystore (${backend})`;
  }
  return {
    name,
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}
