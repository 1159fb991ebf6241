import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveServeSettings } from '../../../center/config/loadCenterConfig';
import { allowList } from '../../../center/iridium/allowList';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'directip-config-'));
  dirs.push(dir);
  const file = join(dir, 'center.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

describe('iridium.directIp config', () => {
  it('fills the defaults around what is given', () => {
    const settings = resolveServeSettings({ config: configFile({ iridium: { directIp: { listen: {}, allow: ['12.47.179.11'] } } }) });
    expect(settings.iridium?.directIp).toEqual({
      listen: { host: '0.0.0.0', port: 10800 },
      allow: ['12.47.179.11'],
      timeoutMs: 10_000,
      mtRule: { priorities: ['flash', 'immediate'], quietSeconds: 300, checkSeconds: 15 },
    });
  });

  it('refuses a config without an allow-list and a misspelt key, naming them', () => {
    expect(() => resolveServeSettings({ config: configFile({ iridium: { directIp: { listen: {} } } }) })).toThrow(
      /iridium\.directIp\.allow/,
    );
    expect(() =>
      resolveServeSettings({ config: configFile({ iridium: { directIp: { listen: {}, allow: ['1.2.3.4'], mt: { hots: 'x' } } } }) }),
    ).toThrow(/hots/);
  });
});

describe('the MO allow-list', () => {
  it('matches exact addresses and an IPv4-mapped peer by its IPv4 form', () => {
    const allowed = allowList(['12.47.179.11', '::ffff:10.0.0.5', '2001:DB8::1']);
    expect(allowed('::ffff:12.47.179.11')).toBe(true);
    expect(allowed('10.0.0.5')).toBe(true);
    expect(allowed('2001:db8::1')).toBe(true);
    expect(allowed('12.47.179.12')).toBe(false);
    expect(allowed(undefined)).toBe(false);
  });
});
