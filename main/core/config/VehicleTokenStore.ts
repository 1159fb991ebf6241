import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../../../platform/config/jsonConfigFile';
import { createLogger } from '../../../platform/log/logger';
import { Token } from '../../../protocol/sync/credentials';
import { writeFileAtomically } from './privateFile';

const log = createLogger('config');

/**
 * The operating system's secret store as the core sees it: Electron's `safeStorage`
 * (macOS Keychain, Windows DPAPI, libsecret/KWallet on Linux desktops) behind two calls,
 * asynchronous as the OS stores are. The core never imports Electron; main/app passes one
 * in when the OS has a real store.
 */
export interface Keystore {
  /** What seals the token, for the log line (e.g. "the OS keystore (gnome_libsecret)"). */
  readonly name: string;
  encrypt(plain: string): Promise<Buffer>;
  /**
   * The plain text, and whether it should be sealed again (the store's key was rotated, or
   * a better one is available). Rejects when the sealed bytes were not made by this user's store.
   */
  decrypt(sealed: Buffer): Promise<{ plain: string; reseal: boolean }>;
}

/** The token in a file of its own, owner-only (0600): the headless host, or Electron without a keystore. */
export const PLAIN_TOKEN_FILE = 'vehicle-token';
/** The token sealed by the OS keystore: only this user's desktop app can read it back. */
export const SEALED_TOKEN_FILE = 'vehicle-token.sealed';

/**
 * Where the vehicle token lives, outside config.json (docs/sync.md, "The vehicle token").
 * With a keystore it is `<dataDir>/vehicle-token.sealed`; without one `<dataDir>/vehicle-token`.
 * Exactly one of the two exists after a save. Every failure is a ConfigError naming the file.
 */
export class VehicleTokenStore {
  readonly #plainFile: string;
  readonly #sealedFile: string;
  readonly #keystore: Keystore | undefined;

  constructor(dataDir: string, keystore?: Keystore) {
    this.#plainFile = join(dataDir, PLAIN_TOKEN_FILE);
    this.#sealedFile = join(dataDir, SEALED_TOKEN_FILE);
    this.#keystore = keystore;
  }

  /** The file the token is (or would be) kept in. */
  get file(): string {
    return this.#keystore ? this.#sealedFile : this.#plainFile;
  }

  /** Where the token is kept, for the operator: the file and whether the OS keystore seals it. */
  describe(): string {
    return this.#keystore ? `${this.#sealedFile} (sealed by ${this.#keystore.name})` : `${this.#plainFile} (readable by this user only)`;
  }

  /** Stores the token; the old copy in the other form, if any, is removed only after the new one is on disk. */
  async save(token: string): Promise<void> {
    if (this.#keystore) {
      writeFileAtomically(this.#sealedFile, await this.#keystore.encrypt(token));
      rmSync(this.#plainFile, { force: true });
    } else {
      writeFileAtomically(this.#plainFile, `${token}\n`);
      rmSync(this.#sealedFile, { force: true });
    }
  }

  /**
   * The stored token, or undefined when none is. A plain file found where a keystore now
   * exists is sealed and the plain copy removed. A sealed file without a keystore cannot be
   * read: that is an error saying what to do, not a silent "no token". A sealed token the
   * keystore asks to seal again (its key rotated) is sealed again.
   */
  async load(): Promise<string | undefined> {
    if (this.#keystore && existsSync(this.#sealedFile)) return this.#unseal(this.#keystore);
    if (existsSync(this.#plainFile)) {
      const token = checked(this.#plainFile, readFileSync(this.#plainFile, 'utf8').trim());
      if (this.#keystore) await this.save(token);
      return token;
    }
    if (existsSync(this.#sealedFile)) {
      throw new ConfigError(
        this.#sealedFile,
        'the vehicle token is sealed by the OS keystore, which only the desktop app can open; start the app, or put the token in sync.token again',
      );
    }
    return undefined;
  }

  async #unseal(keystore: Keystore): Promise<string> {
    let opened: { plain: string; reseal: boolean };
    try {
      opened = await keystore.decrypt(readFileSync(this.#sealedFile));
    } catch (error) {
      throw new ConfigError(
        this.#sealedFile,
        `${keystore.name} cannot open it (${(error as Error).message}); put the token in sync.token again to replace it`,
      );
    }
    const token = checked(this.#sealedFile, opened.plain);
    if (opened.reseal) {
      try {
        await this.save(token);
        log.info(`sealed the vehicle token again with ${keystore.name}'s current key`);
      } catch (error) {
        // The old sealing still opens: the token is kept, and the next start tries again.
        log.warn(`could not seal the vehicle token again in ${this.#sealedFile} (${(error as Error).message}); it stays as it was`);
      }
    }
    return token;
  }
}

function checked(file: string, token: string): string {
  if (!Token.safeParse(token).success) throw new ConfigError(file, 'does not hold an MCV vehicle token (expected mcv-v.<id>.<secret>)');
  return token;
}
