/**
 * npm run bench:center-load
 *
 * One center for a province: the real center process on loopback, N simulated vehicles
 * (default 500, BENCH_VEHICLES), each with its own token, sending a position every 5 s and
 * a message every minute over the real sync protocol (bench/loadVehicle.ts), and 20 desks
 * (BENCH_DESKS) following the live feed with the desk's own reader, for BENCH_SECONDS
 * (default 60). Then a saturation phase (BENCH_SATURATE_SECONDS, default 10): every
 * vehicle sends its next position as soon as the last one is answered, which gives the
 * center's item throughput when it is the bottleneck.
 *
 * Measured: exchange latency (request to answer, at the vehicle) and feed latency (the
 * answer of the exchange that held an item to that item's event at each desk) in the
 * paced phase after its first BENCH_WARMUP_SECONDS (default 10: 500 new connections and a
 * cold JIT, reported on a line of their own); lost (sent but not held) and doubled (held twice) over everything, from
 * the desk items API at the end. Baseline in the same run: the saturation phase's rows
 * inserted again with plain better-sqlite3 into a twin table of the same database
 * (bench/rawUplinkInserts.ts). `ratio` = the center's saturated items/s over raw rows/s.
 *
 * The bench client (vehicles and desks) and the center share the machine's cores.
 * BENCH_CPU_PROF=<dir> runs the center with `--cpu-prof` into that folder.
 * Last line: `vehicles=… items_per_s=… p99_exchange_ms=… lost=… doubled=… feed_p99_ms=… ratio=…`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addCredential } from '../center/credentials/credentialService';
import { SqliteCenterStore } from '../center/store/sqlite/SqliteCenterStore';
import { DeskItemsResponse } from '../protocol/sync/desk';
import { DESK_PATHS } from '../protocol/sync/http';
import { DeskFeedClient } from '../renderer/desk/deskFeed';
import { startCenter } from '../test/support/centerProcess';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { FsyncProbe } from './fsyncProbe';
import { LoadVehicle, type Sent } from './loadVehicle';
import { rawUplinkInserts } from './rawUplinkInserts';
import { percentile, round } from './stats';

const VEHICLES = Number(process.env.BENCH_VEHICLES ?? 500);
const DESKS = Number(process.env.BENCH_DESKS ?? 20);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const SATURATE_SECONDS = Number(process.env.BENCH_SATURATE_SECONDS ?? 10);
/** The first seconds of the paced phase (500 new connections, a cold JIT) are reported apart. */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const POSITION_MS = 5000;
const MESSAGE_MS = 60_000;

const log = (line: string) => console.log(`[bench:center-load] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The center's CPU seconds so far (user + system, from /proc; Linux only). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Credentials straight into the store before the center starts (the CLI would take a process per vehicle). */
async function issueTokens(dataDir: string) {
  const store = SqliteCenterStore.open({ file: join(dataDir, 'center.db') });
  try {
    const vehicles = [];
    for (let i = 1; i <= VEHICLES; i++) {
      vehicles.push(await addCredential(store, 'vehicle', `MCV-${String(i).padStart(4, '0')}`, `bench-${String(i).padStart(4, '0')}`));
    }
    const staff = await addCredential(store, 'staff', 'Bench Desk', 'bench-desk', { staffRole: 'admin' });
    return { vehicles, staff };
  } finally {
    await store.close();
  }
}

/** Every item the center holds, through the desk API. */
async function centerItems(url: string, token: string) {
  const all: DeskItemsResponse['items'] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(new URL(`${DESK_PATHS.items}?after=${after}&limit=500`, url), {
      headers: { authorization: `Bearer ${token}` },
    });
    const page = DeskItemsResponse.parse(await response.json());
    all.push(...page.items);
    if (page.items.length < 500) return all;
    after = page.next;
  }
}

async function drain(vehicles: LoadVehicle[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (vehicles.some((v) => v.pending > 0) && Date.now() < deadline) {
    await Promise.all(vehicles.filter((v) => v.pending > 0).map((v) => v.exchange()));
    // Failures answer at once: do not spin on them.
    await sleep(100);
  }
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mcv-bench-load-'));
  const profileDir = process.env.BENCH_CPU_PROF;
  const { vehicles: issued, staff } = await issueTokens(dataDir);
  const center = await startCenter({
    dataDir,
    echo: false,
    env: { MCV_LOG: 'info', ...(profileDir ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profileDir}` } : {}) },
  });
  const pid = center.child.pid!;
  const vehicles = issued.map((v) => new LoadVehicle(v.id, v.token, center.url));
  const arrivals: Array<Map<string, number>> = [];
  const desks = Array.from({ length: DESKS }, (_, i) => {
    const seen = new Map<string, number>();
    arrivals.push(seen);
    const desk = new DeskFeedClient({
      token: staff.token,
      baseUrl: center.url,
      onEvent: (event) => {
        if (event.kind === 'item' && !seen.has(event.data.item.id)) seen.set(event.data.item.id, performance.now());
        if (event.kind === 'reset') log(`desk ${i} was told to refetch (${event.data.reason})`);
      },
      onProblem: (problem) => log(`desk ${i}: ${problem}`),
    });
    desk.start();
    return desk;
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    await sleep(1000);
    log(`${VEHICLES} vehicles, ${DESKS} desks, ${SECONDS} s paced then ${SATURATE_SECONDS} s saturated; center pid ${pid}`);

    // Paced phase: each vehicle at its own phase in the 5 s and 60 s cycles.
    const probe = await FsyncProbe.start(join(dataDir, 'fsync-probe'));
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const cpuAtStart = cpuSeconds(pid);
    const pacedStart = performance.now();
    for (const vehicle of vehicles) {
      const tick = (make: () => void) => () => {
        make();
        void vehicle.exchange();
      };
      const position = tick(() => vehicle.position());
      const message = tick(() => vehicle.message());
      const every = (send: () => void, periodMs: number) =>
        timers.push(
          setTimeout(() => {
            send();
            timers.push(setInterval(send, periodMs));
          }, Math.random() * periodMs),
        );
      every(position, POSITION_MS);
      every(message, MESSAGE_MS);
    }
    await sleep(SECONDS * 1000);
    timers.splice(0).forEach((t) => clearTimeout(t));
    await drain(vehicles);
    const pacedSeconds = (performance.now() - pacedStart) / 1000;
    const pacedCpu = cpuSeconds(pid) - cpuAtStart;
    await probe.stop();
    loopDelay.disable();
    log(
      `disk: 4 KiB + fdatasync every 100 ms, p50 ${round(percentile(probe.samples, 50))} / p99 ${round(percentile(probe.samples, 99))} / max ${round(Math.max(...probe.samples))} ms; bench client event-loop delay p99 ${round(loopDelay.percentile(99) / 1e6)} ms`,
    );
    const pacedSent = vehicles.flatMap((v) => v.sent);
    const warm = pacedStart + WARMUP_SECONDS * 1000;
    const exchanges = vehicles.flatMap((v) => v.latencies);
    const exchangeMs = exchanges.filter((e) => e.at >= warm).map((e) => e.ms);
    const warmupMs = exchanges.filter((e) => e.at < warm).map((e) => e.ms);
    await sleep(2000); // the last events on their way to the desks
    const feedMs: number[] = [];
    let feedMissed = 0;
    for (const seen of arrivals) {
      for (const sent of pacedSent) {
        const at = seen.get(sent.id);
        if (at === undefined || sent.answeredAt === undefined) feedMissed++;
        else if (sent.answeredAt >= warm) feedMs.push(Math.max(0, at - sent.answeredAt));
      }
    }
    log(
      `warm-up (first ${WARMUP_SECONDS} s, not in the figures below): ${warmupMs.length} exchanges p50 ${round(percentile(warmupMs, 50))} / p99 ${round(percentile(warmupMs, 99))} ms`,
    );
    log(
      `paced: ${pacedSent.length} items in ${round(pacedSeconds, 1)} s; after warm-up ${exchangeMs.length} exchanges p50 ${round(percentile(exchangeMs, 50))} / p99 ${round(percentile(exchangeMs, 99))} ms; feed p50 ${round(percentile(feedMs, 50))} / p99 ${round(percentile(feedMs, 99))} ms over ${feedMs.length} deliveries, ${feedMissed} not seen; center CPU ${round(pacedCpu / pacedSeconds, 3)} of a core`,
    );

    // Saturation: closed loop, every vehicle as fast as the center answers.
    const satFrom = Date.now();
    const satStart = performance.now();
    const before = vehicles.reduce((n, v) => n + v.sent.length, 0);
    const cpuBeforeSat = cpuSeconds(pid);
    await Promise.all(
      vehicles.map(async (vehicle) => {
        while (performance.now() - satStart < SATURATE_SECONDS * 1000) {
          vehicle.position();
          await vehicle.exchange();
        }
      }),
    );
    await drain(vehicles);
    const satSeconds = (performance.now() - satStart) / 1000;
    const satTo = Date.now();
    const satItems = vehicles.reduce((n, v) => n + v.sent.length, 0) - before;
    const satPerSecond = satItems / satSeconds;
    log(
      `saturated: ${satItems} items in ${round(satSeconds, 1)} s = ${round(satPerSecond, 1)} items/s; center CPU ${round((cpuSeconds(pid) - cpuBeforeSat) / satSeconds, 3)} of a core`,
    );

    // Exactly once: what the vehicles sent against what the center holds.
    const held = await centerItems(center.url, staff.token);
    const counts = new Map<string, number>();
    for (const item of held) counts.set(`${item.vehicleId}/${item.id}`, (counts.get(`${item.vehicleId}/${item.id}`) ?? 0) + 1);
    const all: Sent[] = vehicles.flatMap((v) => v.sent);
    const lost = all.filter((s) => !counts.has(`${s.vehicleId}/${s.id}`)).length;
    const doubled = [...counts.values()].reduce((n, c) => n + c - 1, 0);
    const failures = vehicles.reduce((n, v) => n + v.failures, 0);
    const refused = vehicles.reduce((n, v) => n + v.refused, 0);
    log(`held ${held.length} of ${all.length} sent; ${failures} failed exchanges (sent again), ${refused} items refused`);

    for (const desk of desks) desk.close();
    for (const vehicle of vehicles) vehicle.close();
    const code = await center.stop();
    if (code !== 0) log(`the center exited with ${code}:\n${center.output()}`);
    const commits = /exchanges: \d+ applied in \d+ commits/.exec(center.output());
    if (commits) log(`center: ${commits[0]}`);
    const raw = rawUplinkInserts(join(dataDir, 'center.db'), satFrom, satTo);
    log(`raw inserts of the same ${raw.rows} rows, one transaction per exchange: ${round(raw.perSecond, 1)} rows/s`);

    console.log(
      `vehicles=${VEHICLES} items_per_s=${round(pacedSent.length / pacedSeconds, 1)} p99_exchange_ms=${round(percentile(exchangeMs, 99), 1)} lost=${lost} doubled=${doubled} feed_p99_ms=${round(percentile(feedMs, 99), 1)} ratio=${round(satPerSecond / raw.perSecond, 3)}`,
    );
  } finally {
    timers.forEach((t) => clearTimeout(t));
    for (const desk of desks) desk.close();
    for (const vehicle of vehicles) vehicle.close();
    await center.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
