import { describe, expect, it } from 'vitest';
import { electronKeystore } from '../../../../main/app/keystore';

/**
 * Electron's safeStorage, faked (its asynchronous calls only: the synchronous ones are
 * deprecated and absent here, so a call to one fails the test). What is tested is when the
 * shell trusts it with the token, and that a request to seal again reaches the core.
 */
function fakeSafeStorage(available: boolean, backend = 'gnome_libsecret', rotated = false) {
  return {
    isAsyncEncryptionAvailable: () => Promise.resolve(available),
    getSelectedStorageBackend: () => backend,
    encryptStringAsync: (plain: string) => Promise.resolve(Buffer.from(plain).reverse()),
    decryptStringAsync: (sealed: Buffer) => Promise.resolve({ result: Buffer.from(sealed).reverse().toString(), shouldReEncrypt: rotated }),
  } as never;
}

describe('the Electron keystore for the vehicle token', () => {
  it('uses the OS store when one is available, and round-trips through it', async () => {
    const keystore = (await electronKeystore(fakeSafeStorage(true), 'linux'))!;
    expect(keystore.name).toBe('the OS keystore (gnome_libsecret)');
    const sealed = await keystore.encrypt('mcv-v.a.b');
    expect(sealed.toString()).toBe('b.a.v-vcm');
    expect(await keystore.decrypt(sealed)).toEqual({ plain: 'mcv-v.a.b', reseal: false });
    expect((await electronKeystore(fakeSafeStorage(true), 'darwin'))?.name).toBe('the macOS Keychain');
    expect((await electronKeystore(fakeSafeStorage(true), 'win32'))?.name).toBe('Windows DPAPI');
  });

  it('passes on the store asking for the token to be sealed again (its key rotated)', async () => {
    const keystore = (await electronKeystore(fakeSafeStorage(true, 'kwallet6', true), 'linux'))!;
    expect(await keystore.decrypt(Buffer.from('b.a.v-vcm'))).toEqual({ plain: 'mcv-v.a.b', reseal: true });
  });

  it('declines where sealing would protect nothing: no store, or Linux with the hard-coded basic_text key', async () => {
    expect(await electronKeystore(fakeSafeStorage(false), 'darwin')).toBeUndefined();
    expect(await electronKeystore(fakeSafeStorage(true, 'basic_text'), 'linux')).toBeUndefined();
    expect(await electronKeystore(fakeSafeStorage(true, 'unknown'), 'linux')).toBeUndefined();
  });
});
