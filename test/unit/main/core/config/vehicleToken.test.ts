import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveConfig } from '../../../../../main/core/config/loadConfig';
import { PLAIN_TOKEN_FILE, SEALED_TOKEN_FILE, VehicleTokenStore, type Keystore } from '../../../../../main/core/config/VehicleTokenStore';
import { ConfigError } from '../../../../../platform/config/jsonConfigFile';
import { useTempDirs } from '../../../../support/tempDir';

const tempDir = useTempDirs();
const TOKEN = `mcv-v.mcv-07.${'a'.repeat(43)}`;
const NEWER = `mcv-v.mcv-07.${'b'.repeat(43)}`;
const centerUrl = 'https://center.example.org:7000';

/**
 * A keystore that really transforms the bytes (so a test can tell sealed from plain) and
 * remembers what it was asked. Bytes sealed under `oldKey` still open, but it asks for them
 * to be sealed again (as Electron's decryptStringAsync does after a key rotation).
 */
function fakeKeystore(key = 'sealed', oldKey = 'old'): Keystore & { sealed: string[] } {
  const sealed: string[] = [];
  return {
    name: 'the test keystore',
    sealed,
    encrypt: async (plain) => {
      sealed.push(plain);
      return Buffer.from(`${key}:${Buffer.from(plain).toString('base64')}`);
    },
    decrypt: async (data) => {
      const [prefix, body] = data.toString('utf8').split(':');
      if (body === undefined || (prefix !== key && prefix !== oldKey)) throw new Error('not sealed by this keystore');
      return { plain: Buffer.from(body, 'base64').toString('utf8'), reseal: prefix === oldKey };
    },
  };
}

function writeConfig(dir: string, value: unknown, prefix = ''): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, prefix + JSON.stringify(value, null, 2));
  return file;
}

const resolveIn = (dir: string, keystore?: Keystore) => resolveConfig({ demo: false, help: false, dataDir: dir }, {}, undefined, keystore);
const mode = (file: string) => statSync(file).mode & 0o777;

let logged: string[];
beforeEach(() => {
  logged = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
});
afterEach(() => vi.restoreAllMocks());

describe('the vehicle token is kept out of config.json', () => {
  it('moves a token found in config.json into an owner-only file, once, and rewrites the config without it', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, { vehicle: { name: 'MCV-07' }, sync: { centerUrl, token: TOKEN, pollSeconds: 20 } }, '\uFEFF');
    const first = await resolveIn(dir);
    expect(first.config.sync?.token).toBe(TOKEN);
    expect(first.tokenFile).toBe(join(dir, PLAIN_TOKEN_FILE));
    expect(readFileSync(join(dir, PLAIN_TOKEN_FILE), 'utf8')).toBe(`${TOKEN}\n`);
    expect(mode(join(dir, PLAIN_TOKEN_FILE))).toBe(0o600);
    const rewritten = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(rewritten).toEqual({ vehicle: { name: 'MCV-07' }, sync: { centerUrl, pollSeconds: 20 } });
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(logged.filter((line) => line.includes('moved the vehicle token'))).toHaveLength(1);

    const second = await resolveIn(dir);
    expect(second.config.sync?.token).toBe(TOKEN);
    expect(logged.filter((line) => line.includes('moved the vehicle token'))).toHaveLength(1);
  });

  it('takes a new token pasted into config.json over the stored one', async () => {
    const dir = tempDir();
    writeConfig(dir, { sync: { centerUrl, token: TOKEN } });
    await resolveIn(dir);
    writeConfig(dir, { sync: { centerUrl, token: NEWER } });
    expect((await resolveIn(dir)).config.sync?.token).toBe(NEWER);
    expect(readFileSync(join(dir, PLAIN_TOKEN_FILE), 'utf8').trim()).toBe(NEWER);
  });

  it('still finds the token when a crash left it in both places (stored, config not yet rewritten)', async () => {
    const dir = tempDir();
    await new VehicleTokenStore(dir).save(TOKEN);
    const file = writeConfig(dir, { sync: { centerUrl, token: TOKEN } });
    expect((await resolveIn(dir)).config.sync?.token).toBe(TOKEN);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
  });

  it('seals the token with the OS keystore when there is one, and moves an older plain file into it', async () => {
    const dir = tempDir();
    const keystore = fakeKeystore();
    await new VehicleTokenStore(dir).save(TOKEN);
    writeConfig(dir, { sync: { centerUrl } });
    const resolved = await resolveIn(dir, keystore);
    expect(resolved.config.sync?.token).toBe(TOKEN);
    expect(resolved.tokenFile).toBe(join(dir, SEALED_TOKEN_FILE));
    expect(existsSync(join(dir, PLAIN_TOKEN_FILE))).toBe(false);
    const sealed = readFileSync(join(dir, SEALED_TOKEN_FILE), 'utf8');
    expect(sealed).not.toContain(TOKEN);
    expect(mode(join(dir, SEALED_TOKEN_FILE))).toBe(0o600);
    expect(keystore.sealed).toEqual([TOKEN]);
    expect((await resolveIn(dir, keystore)).config.sync?.token).toBe(TOKEN);
  });

  it('moves a token from config.json straight into the keystore', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, { sync: { centerUrl, token: TOKEN } });
    expect((await resolveIn(dir, fakeKeystore())).config.sync?.token).toBe(TOKEN);
    expect(readFileSync(file, 'utf8')).not.toContain(TOKEN);
    expect(existsSync(join(dir, PLAIN_TOKEN_FILE))).toBe(false);
    expect(readFileSync(join(dir, SEALED_TOKEN_FILE), 'utf8')).not.toContain(TOKEN);
  });

  it('says what to do when a sealed token is found without a keystore (the headless host)', async () => {
    const dir = tempDir();
    await new VehicleTokenStore(dir, fakeKeystore()).save(TOKEN);
    writeConfig(dir, { sync: { centerUrl } });
    await expect(resolveIn(dir)).rejects.toThrow(/sealed by the OS keystore.*start the app, or put the token in sync\.token/);
  });

  it('names the file when the stored token is damaged or sealed by another store', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, PLAIN_TOKEN_FILE), 'not a token\n');
    writeConfig(dir, { sync: { centerUrl } });
    await expect(resolveIn(dir)).rejects.toThrow(`${join(dir, PLAIN_TOKEN_FILE)}: does not hold an MCV vehicle token`);
    writeFileSync(join(dir, SEALED_TOKEN_FILE), 'garbage');
    await expect(resolveIn(dir, fakeKeystore())).rejects.toThrow(/the test keystore cannot open it \(not sealed by this keystore\)/);
  });

  it('explains where the token goes when sync has none anywhere', async () => {
    const dir = tempDir();
    writeConfig(dir, { sync: { centerUrl } });
    let message = '';
    try {
      await resolveIn(dir);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    expect(message).toContain('sync.token: no vehicle token');
    expect(message).toContain(join(dir, PLAIN_TOKEN_FILE));
  });

  it('leaves an invalid token in config.json for the schema to report by key, storing nothing', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, { sync: { centerUrl, token: 'hunter2' } });
    await expect(resolveIn(dir)).rejects.toThrow(/sync\.token: not an MCV token/);
    expect(readFileSync(file, 'utf8')).toContain('hunter2');
    expect(existsSync(join(dir, PLAIN_TOKEN_FILE))).toBe(false);
  });

  it('keeps the token and warns when config.json cannot be rewritten', async () => {
    const dir = tempDir();
    const configFile = writeConfig(dir, { sync: { centerUrl, token: TOKEN } });
    // A folder where the rewrite's temporary file would go: the write fails, even for root.
    mkdirSync(join(dir, `.config.json.${process.pid}.tmp`));
    const resolved = await resolveIn(dir);
    expect(resolved.config.sync?.token).toBe(TOKEN);
    expect(readFileSync(join(dir, PLAIN_TOKEN_FILE), 'utf8').trim()).toBe(TOKEN);
    expect(readFileSync(configFile, 'utf8')).toContain(TOKEN);
    expect(logged.filter((line) => line.includes('could not be rewritten without it'))).toHaveLength(1);
  });

  it('seals the token again when the keystore asks (its key rotated), and reads it back', async () => {
    const dir = tempDir();
    await new VehicleTokenStore(dir, fakeKeystore('old')).save(TOKEN);
    expect(readFileSync(join(dir, SEALED_TOKEN_FILE), 'utf8')).toMatch(/^old:/);
    writeConfig(dir, { sync: { centerUrl } });
    const keystore = fakeKeystore('sealed', 'old');
    expect((await resolveIn(dir, keystore)).config.sync?.token).toBe(TOKEN);
    expect(keystore.sealed).toEqual([TOKEN]);
    expect(readFileSync(join(dir, SEALED_TOKEN_FILE), 'utf8')).toMatch(/^sealed:/);
    expect(mode(join(dir, SEALED_TOKEN_FILE))).toBe(0o600);
    expect(logged.filter((line) => line.includes('sealed the vehicle token again'))).toHaveLength(1);
    // Sealed with the current key now: read without sealing again.
    expect((await resolveIn(dir, keystore)).config.sync?.token).toBe(TOKEN);
    expect(keystore.sealed).toEqual([TOKEN]);
  });
});
