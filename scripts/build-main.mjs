#!/usr/bin/env node
// Bundles the Node-side entry points with esbuild. Dependencies stay external: they
// ship in node_modules (native modules must be unpacked from the asar anyway).
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node24',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
  define: { __MCV_VERSION__: JSON.stringify(pkg.version) },
};

await Promise.all([
  build({
    ...common,
    format: 'esm',
    entryPoints: {
      'serve/main': 'main/serve/main.ts',
      'sim/cli': 'fixtures/devices/cli.ts',
      'app/launch': 'main/app/launch.ts',
      'app/main': 'main/app/main.ts',
      'center/main': 'center/main.ts',
    },
    outdir: 'out',
  }),
  // A sandboxed preload must be a single CommonJS file; only `electron` stays external.
  build({
    ...common,
    packages: undefined,
    external: ['electron'],
    format: 'cjs',
    entryPoints: ['main/app/preload.ts'],
    outfile: 'out/app/preload.cjs',
  }),
]);
