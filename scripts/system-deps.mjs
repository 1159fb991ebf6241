#!/usr/bin/env node
// Checks for the Debian packages the console needs and installs what is missing when
// running as root; otherwise prints the exact apt-get line.
//   node scripts/system-deps.mjs test   before `npm test`: all test packages, stops if missing
//   node scripts/system-deps.mjs run    before `npm start`/`npm run serve`: socat for demo mode and a CJK font, never stops
// The list is in system-needs.mjs.
import { spawnSync } from 'node:child_process';
import { needsFor } from './system-needs.mjs';

const purpose = process.argv[2] === 'run' ? 'run' : 'test';
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `Node ${process.versions.node} is too old: MCV Console needs Node 24 LTS or newer (the Node line Electron embeds).\n` +
      'Run `source scripts/use-node.sh` to get it from the npm registry (docs/toolchain.md).',
  );
  process.exit(1);
}

const needs = needsFor(purpose);

const missing = needs.filter((need) => !need.ok());
if (missing.length === 0) process.exit(0);

const packages = missing.map((m) => m.pkg).join(' ');
for (const m of missing) console.log(`missing Debian package: ${m.pkg} (${m.why})`);
const giveUp = (message) => {
  console.error(message);
  // Without socat or the font the console still runs; the demo banner says what to install, zh-CN shows boxes.
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
