import { describe, expect, it } from 'vitest';
import { configLocationLine, findSupportedBrowser, noElectronNotice } from '../../../../../main/core/config/startupHints';

describe('what the console says at start', () => {
  it('names the config file read, and that edits need a restart', () => {
    expect(configLocationLine({ configFile: '/data/mcv/config.json', dataDir: '/data/mcv' })).toBe(
      '  config: /data/mcv/config.json (read at start: restart the console after editing it)',
    );
  });

  it('says where to create config.json when there is none', () => {
    expect(configLocationLine({ configFile: undefined, dataDir: '/home/op/.local/share/mcv-console' })).toBe(
      '  config: none yet; create /home/op/.local/share/mcv-console/config.json (README, "Configuration") and restart the console to read it. Until then: defaults and the demo vehicle',
    );
  });

  it('tells which browser to open without Electron, and how to get one', () => {
    expect(findSupportedBrowser(['/a/chromium', '/b/google-chrome'], (path) => path === '/b/google-chrome')).toBe('/b/google-chrome');
    expect(findSupportedBrowser(['/a/chromium'], () => false)).toBeUndefined();
    expect(noElectronNotice('/usr/bin/chromium')).toBe(
      'Electron’s binary is not available on this machine, so the console runs as the headless host instead: open the URL it prints in Chromium or Google Chrome (/usr/bin/chromium is installed).',
    );
    expect(noElectronNotice(undefined)).toContain('(none found here: sudo apt-get install -y chromium)');
  });
});
