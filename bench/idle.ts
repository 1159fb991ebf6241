/**
 * npm run bench:idle
 *
 * The console core's CPU time per wall-clock second with the full demo vehicle (two
 * modems with probed paths, Iridium, HF via rigctld, GNSS, VSAT) polling at its default
 * rates, measured over 60 s after a 10 s warm-up. The simulators run in their own
 * processes and are not counted. Baseline in the same run: an idle Node process doing
 * nothing for the same time. Last line: `cpu_fraction=… baseline=… ratio=…`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCore } from '../main/core/createCore';
import { forkSimulatorSpawner } from '../main/core/demo/forkSimulator';
import { round } from './stats';

const WARMUP_MS = Number(process.env.BENCH_WARMUP_MS ?? 10_000);
const MEASURE_MS = Number(process.env.BENCH_MEASURE_MS ?? 60_000);
const simulator = join(process.cwd(), 'out', 'sim', 'cli.js');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuSeconds(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function measure(): Promise<number> {
  const cpu0 = cpuSeconds();
  const wall0 = performance.now();
  await sleep(MEASURE_MS);
  return (cpuSeconds() - cpu0) / ((performance.now() - wall0) / 1000);
}

// Baseline: this process with nothing to do.
const baseline = await measure();

process.env.MCV_LOG = 'silent';
const dir = mkdtempSync(join(tmpdir(), 'mcv-bench-idle-'));
const core = await createCore({
  host: 'headless',
  version: 'bench',
  hostOptions: { dataDir: dir, demo: true, help: false },
  spawnSimulator: forkSimulatorSpawner(simulator),
  env: {},
});
let events = 0;
core.subscribe(() => events++);
const links = await core.dispatch('links.list', {});
await sleep(WARMUP_MS);
const before = events;
const fraction = await measure();
const perSecond = (events - before) / (MEASURE_MS / 1000);
await core.close();
rmSync(dir, { recursive: true, force: true });

console.log(`demo vehicle: ${links.ok ? (links.value as unknown[]).length : '?'} links, ${round(perSecond, 1)} events/s`);
console.log(`baseline (idle Node process): ${round(baseline * 100, 3)} % of one core`);
console.log(`console core with the demo vehicle: ${round(fraction * 100, 3)} % of one core`);
console.log(`cpu_fraction=${round(fraction, 4)} baseline=${round(baseline, 5)} ratio=${round(fraction / Math.max(baseline, 1e-6), 1)}`);
process.exit(0);
