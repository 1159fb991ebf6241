#!/usr/bin/env node
// Checks for the Debian packages the console needs and installs what is missing when
// running as root; otherwise prints the exact apt-get line.
//   node scripts/system-deps.mjs test   before `npm test`: all test packages, stops if missing
//   node scripts/system-deps.mjs run    before `npm start`/`npm run serve`: socat for demo mode, never stops
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const purpose = process.argv[2] === 'run' ? 'run' : 'test';
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `Node ${process.versions.node} is too old: MCV Console needs Node 24 LTS or newer (the Node line Electron embeds).\n` +
      'Run `source scripts/use-node.sh` to get it from the npm registry (docs/toolchain.md).',
  );
  process.exit(1);
}

const has = (command, args = ['--version']) => spawnSync(command, args, { stdio: 'ignore' }).status === 0;
const hasCjkFont = () => {
  const result = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim().length > 0;
};

const socat = {
  pkg: 'socat',
  why: 'virtual serial ports for the simulated demo vehicle and the device tests',
  ok: () => has('socat', ['-V']),
};
const needs =
  purpose === 'run'
    ? [socat]
    : [
        socat,
        { pkg: 'chromium', why: 'browser tests (Playwright drives /usr/bin/chromium)', ok: () => existsSync('/usr/bin/chromium') },
        { pkg: 'fonts-wqy-microhei', why: 'Chinese glyphs in zh-CN screenshots', ok: hasCjkFont },
        { pkg: 'openssl', why: "a self-signed certificate for the center's TLS test", ok: () => has('openssl', ['version']) },
        { pkg: 'libhamlib-utils', why: 'the real rigctld/rigctl the HF driver is tested against', ok: () => has('rigctld', ['--version']) },
        { pkg: 'gpsd', why: 'the real gpsd the GNSS drivers are tested against', ok: () => has('gpsd', ['--version']) },
        {
          pkg: 'gpsd-clients',
          why: 'gpsfake, which replays real receiver logs into gpsd',
          ok: () => has('sh', ['-c', 'command -v gpsfake']),
        },
      ];

const missing = needs.filter((need) => !need.ok());
if (missing.length === 0) process.exit(0);

const packages = missing.map((m) => m.pkg).join(' ');
for (const m of missing) console.log(`missing Debian package: ${m.pkg} (${m.why})`);
const giveUp = (message) => {
  console.error(message);
  // Without socat the console still runs; the demo banner says what to install.
  process.exit(purpose === 'run' ? 0 : 1);
};
if (process.getuid?.() !== 0) giveUp(`Install it with:\n  sudo apt-get install -y ${packages}`);

console.log(`installing: apt-get install -y ${packages}`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const apt = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0;
if (!apt(['update', '-qq']) || !apt(['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.pkg)])) {
  giveUp(`apt-get failed; install by hand: apt-get install -y ${packages}`);
}
const still = missing.filter((need) => !need.ok());
if (still.length > 0) giveUp(`still missing after install: ${still.map((m) => m.pkg).join(' ')}`);
