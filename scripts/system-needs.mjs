// The Debian packages the console needs, per purpose; scripts/system-deps.mjs checks and installs them.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (command, args = ['--version']) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;

/** True when fontconfig knows a font with Chinese glyphs (without one, zh-CN shows empty boxes). */
export const hasCjkFont = () => {
  const result = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
};

const socat = {
  pkg: 'socat',
  why: 'virtual serial ports for the simulated demo vehicle and the device tests',
  ok: () => has('socat', ['-V']),
};
const cjkFont = {
  pkg: 'fonts-wqy-microhei',
  why: 'Chinese glyphs: the zh-CN interface shows empty boxes without a CJK font',
  ok: hasCjkFont,
};

/**
 * `run` (before `npm start`/`npm run serve`): what the UI and the demo need on this machine.
 * `test` (before `npm test`): that, plus the browser and the real peers the tests drive.
 */
export function needsFor(purpose) {
  if (purpose === 'run') return [socat, cjkFont];
  return [
    socat,
    cjkFont,
    { pkg: 'chromium', why: 'browser tests (Playwright drives /usr/bin/chromium)', ok: () => existsSync('/usr/bin/chromium') },
    { pkg: 'openssl', why: "a self-signed certificate for the center's TLS test", ok: () => has('openssl', ['version']) },
    { pkg: 'libhamlib-utils', why: 'the real rigctld/rigctl the HF driver is tested against', ok: () => has('rigctld', ['--version']) },
    { pkg: 'gpsd', why: 'the real gpsd the GNSS drivers are tested against', ok: () => has('gpsd', ['--version']) },
    {
      pkg: 'gpsd-clients',
      why: 'gpsfake, which replays real receiver logs into gpsd',
      ok: () => has('sh', ['-c', 'command -v gpsfake']),
    },
  ];
}
