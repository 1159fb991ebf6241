import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseCli } from '../../../center/cli/args';
import { runCli } from '../../../center/cli/run';
import { defaultDataDir } from '../../../center/config/dataDir';
import { ConfigError } from '../../../platform/config/jsonConfigFile';
import { resolveServeSettings } from '../../../center/config/loadCenterConfig';
import { isLoopback } from '../../../center/config/loopback';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

describe('center CLI arguments', () => {
  it('serves by default and reads every serve flag', () => {
    expect(parseCli([])).toEqual({ command: 'serve', flags: {} });
    expect(
      parseCli([
        '--port',
        '0',
        '--host',
        '::1',
        '--echo-port',
        '0',
        '--allow-plain',
        '--tls-cert',
        'c.pem',
        '--tls-key',
        'k.pem',
        '--data-dir',
        'd',
      ]),
    ).toEqual({
      command: 'serve',
      flags: { port: 0, host: '::1', echoPort: 0, allowPlain: true, tlsCert: 'c.pem', tlsKey: 'k.pem', dataDir: 'd' },
    });
    expect(parseCli(['vehicles', 'add', 'MCV 07', '--id', 'mcv-07'])).toEqual({
      command: 'add',
      role: 'vehicle',
      name: 'MCV 07',
      id: 'mcv-07',
      access: {},
      common: {},
    });
    expect(parseCli(['staff', 'revoke', 'wang', '--data-dir', '/d'])).toEqual({
      command: 'revoke',
      role: 'staff',
      id: 'wang',
      common: { dataDir: '/d' },
    });
  });

  it('names what is wrong in a usage error', () => {
    expect(() => parseCli(['--port', '70000'])).toThrow('--port must be 0..65535, got "70000"');
    expect(() => parseCli(['--echo-port', 'x'])).toThrow('--echo-port must be 0..65535');
    expect(() => parseCli(['--colour'])).toThrow(UsageError);
    expect(() => parseCli(['launch'])).toThrow('unknown command "launch"');
    expect(() => parseCli(['vehicles', 'add'])).toThrow('vehicles add takes one name');
    expect(() => parseCli(['staff', 'remove', 'x'])).toThrow('unknown command "staff remove"');
    expect(() => parseCli(['serve', 'extra'])).toThrow('unexpected argument "extra"');
  });

  it('prints the usage and exits 2 for --help and unknown commands', async () => {
    const lines: string[] = [];
    const io = { out: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    expect(await runCli(['--help'], io)).toBe(2);
    expect(await runCli(['frobnicate'], io)).toBe(2);
    expect(lines.join('\n')).toContain('unknown command "frobnicate"');
    expect(lines.join('\n')).toContain('usage: npm run center');
  });
});

describe('serve settings', () => {
  it("lets flags win over the file and resolves the file's paths next to it", () => {
    const dir = tempDir();
    const file = join(dir, 'center.json');
    writeFileSync(
      file,
      JSON.stringify({ dataDir: 'data', host: '127.0.0.2', port: 7100, tls: { cert: 'c.pem', key: 'k.pem' }, echoPort: 7107 }),
    );
    expect(resolveServeSettings({ config: file })).toEqual({
      dataDir: join(dir, 'data'),
      host: '127.0.0.2',
      port: 7100,
      tls: { cert: join(dir, 'c.pem'), key: join(dir, 'k.pem') },
      allowPlain: false,
      echoPort: 7107,
      maxAttachmentBytes: 2 * 1024 ** 3,
      staleAfterMs: 600_000,
      feed: { historyEvents: 20_000, maxLagEvents: 5000 },
      http: { maxConnections: 1000, headersTimeoutMs: 30_000, minBodyBytesPerSecond: 50 },
    });
    expect(resolveServeSettings({ config: file, port: 0, echoPort: 0, dataDir: '/elsewhere' })).toMatchObject({
      port: 0,
      echoPort: 0,
      dataDir: '/elsewhere',
    });
  });

  it('names the bad key of a config file', () => {
    const file = join(tempDir(), 'center.json');
    writeFileSync(file, JSON.stringify({ port: 'seven', tls: { cert: 'c.pem' }, colour: 'red' }));
    expect(() => resolveServeSettings({ config: file })).toThrow(ConfigError);
    expect(() => resolveServeSettings({ config: file })).toThrow(/port: .*tls\.key: .*|tls\.key: .*port: /);
    expect(() => resolveServeSettings({ config: file })).toThrow(/colour/);
    writeFileSync(file, '{ not json');
    expect(() => resolveServeSettings({ config: file })).toThrow(`Config file ${file}: not valid JSON`);
    expect(() => resolveServeSettings({ config: join(tempDir(), 'missing.json') })).toThrow('cannot be read (ENOENT)');
  });

  it('refuses plain HTTP beyond loopback unless allowed, and half a TLS pair', () => {
    expect(() => resolveServeSettings({ host: '0.0.0.0', dataDir: '/d' })).toThrow('Refusing plain HTTP on 0.0.0.0');
    expect(resolveServeSettings({ host: '0.0.0.0', allowPlain: true, dataDir: '/d' }).allowPlain).toBe(true);
    expect(resolveServeSettings({ host: '0.0.0.0', tlsCert: 'c', tlsKey: 'k', dataDir: '/d' }).tls).toBeDefined();
    expect(() => resolveServeSettings({ tlsCert: 'c', dataDir: '/d' })).toThrow('TLS needs both');
    expect(['127.0.0.1', '127.9.9.9', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '::', '10.0.0.1', '128.0.0.1', 'example.org'].some(isLoopback)).toBe(false);
  });

  it('defaults the data directory to $MCV_CENTER_DATA_DIR, else the XDG or Windows folder', () => {
    expect(defaultDataDir({ MCV_CENTER_DATA_DIR: '/srv/center' }, 'linux', '/home/op')).toBe('/srv/center');
    expect(defaultDataDir({}, 'linux', '/home/op')).toBe('/home/op/.local/share/mcv-center');
    expect(defaultDataDir({ XDG_DATA_HOME: '/x' }, 'linux', '/home/op')).toBe('/x/mcv-center');
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'win32', 'C:\\Users\\op')).toContain('mcv-center');
  });
});
