import { describe, expect, it } from 'vitest';
import { electronKeystore } from '../../../../main/app/keystore';

/** Electron's safeStorage, faked: what is tested is when the shell trusts it with the token. */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret') {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (plain: string) => Buffer.from(plain).reverse(),
    decryptString: (sealed: Buffer) => Buffer.from(sealed).reverse().toString(),
  } as never;
}

describe('the Electron keystore for the vehicle token', () => {
  it('uses the OS store when one is available, and round-trips through it', () => {
    const keystore = electronKeystore(fakeSafeStorage(true), 'linux')!;
    expect(keystore.name).toBe('the OS keystore (gnome_libsecret)');
    expect(keystore.decrypt(keystore.encrypt('mcv-v.a.b'))).toBe('mcv-v.a.b');
    expect(electronKeystore(fakeSafeStorage(true), 'darwin')?.name).toBe('the macOS Keychain');
    expect(electronKeystore(fakeSafeStorage(true), 'win32')?.name).toBe('Windows DPAPI');
  });

  it('declines where sealing would protect nothing: no store, or Linux with the hard-coded basic_text key', () => {
    expect(electronKeystore(fakeSafeStorage(false), 'darwin')).toBeUndefined();
    expect(electronKeystore(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(electronKeystore(fakeSafeStorage(true, 'unknown'), 'linux')).toBeUndefined();
  });
});
