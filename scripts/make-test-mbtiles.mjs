#!/usr/bin/env node
// Writes the test base layer (drawn tiles around Wuhan, zooms 10–14) to the given path:
//   node scripts/make-test-mbtiles.mjs [out.mbtiles]   (default fixtures/maps/test-grid.mbtiles)
// The drawing lives in test/support/testMbtiles.ts, which Node 24 loads as TypeScript.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { writeTestMbtiles } from '../test/support/testMbtiles.ts';

const out = resolve(process.argv[2] ?? 'fixtures/maps/test-grid.mbtiles');
mkdirSync(dirname(out), { recursive: true });
const { tiles, bounds } = await writeTestMbtiles(out);
console.log(`${out}: ${tiles.length} tiles, zooms 10–14, bounds ${bounds.map((n) => n.toFixed(3)).join(',')}`);
