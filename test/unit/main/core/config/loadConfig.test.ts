import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir } from '../../../../../main/core/config/dataDir';
import { parseHostOptions, UsageError } from '../../../../../main/core/config/hostOptions';
import { ConfigError } from '../../../../../platform/config/jsonConfigFile';
import { readConfigFile, resolveConfig } from '../../../../../main/core/config/loadConfig';
import { staleAfterMs } from '../../../../../protocol/config/consoleConfig';
import { useTempDirs } from '../../../../support/tempDir';

const tempDir = useTempDirs();

function writeConfig(dir: string, value: unknown): string {
  const file = join(dir, 'config.json');
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

function configError(file: string): string {
  try {
    readConfigFile(file);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('no error');
}

const link = { id: 'cell-1', name: '5G-1', kind: 'cellular', port: '/dev/ttyUSB2' };

describe('config file', () => {
  it('fills defaults for a minimal link', () => {
    const config = readConfigFile(writeConfig(tempDir(), { links: [link] }));
    expect(config.links[0]).toEqual({
      ...link,
      driver: 'at-cellular',
      baudRate: 115200,
      pollIntervalMs: 1000,
      commandTimeoutMs: 2000,
      metered: true,
      lteSinrFormula: 'auto',
    });
    expect(staleAfterMs(config.links[0]!)).toBe(10_000);
    expect(staleAfterMs({ ...config.links[0]!, pollIntervalMs: 5000 } as (typeof config.links)[0] & object)).toBe(15_000);
    expect(config.server).toEqual({ host: '127.0.0.1', port: 5170 });
  });

  it('names a misspelt key', () => {
    const message = configError(writeConfig(tempDir(), { links: [{ ...link, prot: '/dev/x' }] }));
    expect(message).toMatch(/links\[0\].*prot/);
  });

  it('names a value of the wrong type with its path', () => {
    const message = configError(writeConfig(tempDir(), { links: [{ ...link, baudRate: 'fast' }] }));
    expect(message).toContain('links[0].baudRate');
  });

  it('names a missing required key', () => {
    const { port: _port, ...noPort } = link;
    expect(configError(writeConfig(tempDir(), { links: [noPort] }))).toContain('links[0].port');
  });

  it('rejects duplicate link ids, naming both places', () => {
    const message = configError(writeConfig(tempDir(), { links: [link, { ...link, port: '/dev/ttyUSB3' }] }));
    expect(message).toContain('links[1].id');
    expect(message).toContain('links[0]');
  });

  it('refuses a stale limit shorter than two poll intervals, and ids kept for the demo', () => {
    expect(configError(writeConfig(tempDir(), { links: [{ ...link, pollIntervalMs: 5000, staleAfterMs: 8000 }] }))).toContain(
      'links[0].staleAfterMs',
    );
    expect(configError(writeConfig(tempDir(), { links: [{ ...link, id: 'demo-5g' }] }))).toMatch(/links\[0\]\.id: .*demo/);
  });

  it('rejects an unknown top-level key and a bad server port', () => {
    expect(configError(writeConfig(tempDir(), { lnks: [] }))).toContain('lnks');
    expect(configError(writeConfig(tempDir(), { server: { port: 70000 } }))).toContain('server.port');
  });

  it('reports invalid JSON and a missing file with the file name', () => {
    const dir = tempDir();
    expect(configError(writeConfig(dir, '{ "links": [ }'))).toMatch(/config\.json: not valid JSON/);
    expect(configError(join(dir, 'absent.json'))).toMatch(/absent\.json: cannot be read \(ENOENT\)/);
  });

  it('takes a file saved with a UTF-8 byte-order mark (Windows Notepad)', () => {
    const file = writeConfig(tempDir(), `\uFEFF${JSON.stringify({ vehicle: { name: '应急 7 号' }, links: [link] })}`);
    const config = readConfigFile(file);
    expect(config.vehicle.name).toBe('应急 7 号');
    expect(config.links.map((l) => l.id)).toEqual(['cell-1']);
  });
});

describe('resolveConfig', () => {
  it('uses defaults and demo mode when there is no config file', async () => {
    const dir = tempDir();
    const resolved = await resolveConfig({ demo: false, help: false, dataDir: dir }, {});
    expect(resolved).toMatchObject({ configFile: undefined, dataDir: dir, demo: true });
  });

  it('reads config.json from the data directory and runs without demo when links exist', async () => {
    const dir = tempDir();
    const file = writeConfig(dir, { links: [link] });
    const resolved = await resolveConfig({ demo: false, help: false, dataDir: dir }, {});
    expect(resolved).toMatchObject({ configFile: file, dataDir: dir, demo: false });
    expect((await resolveConfig({ demo: true, help: false, dataDir: dir }, {})).demo).toBe(true);
  });

  it('ranks --data-dir over MCV_DATA_DIR over the config over the OS default', async () => {
    const a = tempDir();
    const b = tempDir();
    const fromConfig = join(tempDir(), 'from-config');
    const configFile = writeConfig(tempDir(), { dataDir: fromConfig });
    expect((await resolveConfig({ demo: false, help: false, dataDir: a, configFile }, { MCV_DATA_DIR: b })).dataDir).toBe(a);
    expect((await resolveConfig({ demo: false, help: false, configFile }, { MCV_DATA_DIR: b })).dataDir).toBe(b);
    expect((await resolveConfig({ demo: false, help: false, configFile }, {})).dataDir).toBe(fromConfig);
    const osDir = join(tempDir(), 'os');
    mkdirSync(osDir);
    expect((await resolveConfig({ demo: false, help: false }, {}, osDir)).dataDir).toBe(osDir);
  });

  it('fails when an explicitly named config file is missing', async () => {
    await expect(resolveConfig({ demo: false, help: false, configFile: join(tempDir(), 'nope.json') }, {})).rejects.toThrow(ConfigError);
  });

  it('knows each OS default', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'win32')).toMatch(/MCV Console$/);
    expect(defaultDataDir({ XDG_DATA_HOME: '/data' }, 'linux')).toBe('/data/mcv-console');
    expect(defaultDataDir({}, 'linux')).toMatch(/\.local\/share\/mcv-console$/);
    expect(defaultDataDir({}, 'darwin')).toMatch(/Application Support\/MCV Console$/);
  });
});

describe('host options', () => {
  it('parses every flag', () => {
    expect(parseHostOptions(['--port', '0', '--host', '0.0.0.0', '--data-dir', '/d', '--config', '/c.json', '--demo'])).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/d',
      configFile: '/c.json',
      demo: true,
      help: false,
    });
  });

  it('rejects unknown flags and bad ports with a UsageError naming them', () => {
    expect(() => parseHostOptions(['--prot', '1'])).toThrow(UsageError);
    expect(() => parseHostOptions(['--prot', '1'])).toThrow(/--prot/);
    expect(() => parseHostOptions(['--port', 'eighty'])).toThrow(/--port must be 0\.\.65535/);
    expect(() => parseHostOptions(['--port', '70000'])).toThrow(/--port/);
  });

  it('ignores unknown flags when not strict (Electron adds Chromium switches)', () => {
    expect(parseHostOptions(['--no-sandbox', '--enable-logging', '--demo'], { strict: false })).toMatchObject({ demo: true });
    expect(() => parseHostOptions(['--data-dir'], { strict: false })).toThrow(/needs a value/);
  });
});
