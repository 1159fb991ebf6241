/**
 * npm run bench:media-recovery
 *
 * Live video from the vehicle's console to the center desk (VideoRig: real center with the
 * werift test stand-in, headless host, two Chromiums, the vehicle's media through the UDP
 * link relay with the `satellite` profile). First BENCH_COLD_JOINS (default 5) cold joins
 * of the console (Go live → first frame decoded at the desk, the desk already watching;
 * each printed step by step, see coldJoin.ts), then BENCH_SWITCHES (default 6) changes of
 * carrying link (the live link's probes fail, so the policy moves live media to the other
 * link, and the vehicle's media arrives from new source ports): the time to the first new
 * frame at the desk after the stall. BENCH_SIGNALING=satellite puts the console's HTTP and
 * media signaling on the same profile (default: clear, as in the figures before).
 * Last line: `recovery_ms_p50=… cold_join_ms_p50=… cold_join_first_ms=… first_frame_after_dtls_ms_p50=… ratio=…`
 * (ratio = recovery p50 / cold join p50). The first join is also given alone: the later
 * ones know the center's capabilities (one signaling round trip fewer; nothing with clear
 * signaling).
 */
import { percentile, round } from './stats';
import { VideoRig } from '../test/support/videoRig';
import { type ColdJoin, ColdJoinTimeline } from './coldJoin';

const SWITCHES = Number(process.env.BENCH_SWITCHES ?? 6);
const COLD_JOINS = Number(process.env.BENCH_COLD_JOINS ?? 5);
const STALL_MS = 400;
const log = (line: string) => console.log(`[bench:media-recovery] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** After a switch: ms until the first frame that follows a stall (0 when video never stalled). */
async function recoveryAfter(rig: VideoRig, switchedAt: number): Promise<number> {
  let frames = await rig.deskVideoFrames();
  let lastNewAt = Date.now();
  let stalled = false;
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    await sleep(20);
    const now = await rig.deskVideoFrames();
    // A rejoin gives the desk a new <video>: its count starts again from 0.
    if (now > frames || (now > 0 && now < frames)) {
      if (stalled) return Date.now() - switchedAt;
      lastNewAt = Date.now();
      frames = now;
    } else if (Date.now() - lastNewAt > STALL_MS) {
      stalled = true;
    }
    if (!stalled && Date.now() - switchedAt > 6000) return 0;
  }
  throw new Error('video did not come back within 60 s');
}

async function main(): Promise<void> {
  // BENCH_SIGNALING=satellite: the console's HTTP and media signaling to the center over the same profile (default: clear).
  const signaling = process.env.BENCH_SIGNALING === 'satellite' ? 'satellite' : undefined;
  const rig = await VideoRig.start({ vehicleProfile: 'satellite', centerProfile: signaling });
  log(`media over the satellite profile; signaling ${signaling ? 'over it too' : 'clear'}`);
  try {
    await waitUntil('live on VSAT-A', async () => (await rig.liveLink()) === 'sat-a', 30_000);
    await rig.vehicle.locator('.nav-rail').getByRole('button', { name: 'Video' }).click();
    // The desk waits in the room; the cold join is the vehicle's, from Go live to the first frame.
    await rig.watch();
    await sleep(3000);
    // Cold joins first: Go live → first frame at the desk, stop, again.
    const timeline = new ColdJoinTimeline(rig);
    const joins: ColdJoin[] = [];
    for (let i = 0; i < COLD_JOINS; i++) {
      const join = await timeline.measure(rig, 60_000);
      joins.push(join);
      log(`cold join ${i + 1}: ${join.totalMs} ms; first frame ${join.afterDtlsMs ?? '?'} ms after DTLS`);
      for (const step of join.steps) log(`  +${String(step.at).padStart(6)} ms  ${step.what}`);
      if (i < COLD_JOINS - 1) {
        await rig.stopLive();
        await waitUntil('the desk without video', async () => (await rig.deskVideoFrames()) === 0, 20_000);
        await sleep(2000);
      }
    }
    timeline.close();
    const coldJoinMs = percentile(
      joins.map((j) => j.totalMs),
      50,
    );
    const afterDtls = joins.flatMap((j) => (j.afterDtlsMs === undefined ? [] : [j.afterDtlsMs]));
    await waitUntil(
      'the vehicle live',
      async () => (await rig.vehicle.getByTestId('media-state').getAttribute('data-state')) === 'live',
      60_000,
    );

    const recoveries: number[] = [];
    let from: 'a' | 'b' = 'a';
    for (let i = 0; i < SWITCHES; i++) {
      await sleep(4000);
      const switchedAt = Date.now();
      await rig.failOver(from);
      const ms = await recoveryAfter(rig, switchedAt);
      recoveries.push(ms);
      log(`switch ${i + 1}: live moved off ${from === 'a' ? 'VSAT-A' : 'VSAT-B'}; video back after ${ms} ms`);
      from = from === 'a' ? 'b' : 'a';
    }
    const p50 = percentile(recoveries, 50);
    log(
      `recovery p50 ${p50} ms, p95 ${percentile(recoveries, 95)} ms, cold join p50 ${coldJoinMs} ms (${joins.map((j) => j.totalMs).join(', ')})`,
    );
    console.log(
      `recovery_ms_p50=${p50} cold_join_ms_p50=${coldJoinMs} cold_join_first_ms=${joins[0]!.totalMs} first_frame_after_dtls_ms_p50=${percentile(afterDtls, 50)} ratio=${round(p50 / coldJoinMs, 3)}`,
    );
  } catch (error) {
    log(`failed: ${error instanceof Error ? error.message : String(error)}`);
    const state = (page: typeof rig.vehicle, id: string) =>
      page
        .getByTestId(id)
        .getAttribute('data-state', { timeout: 1000 })
        .catch(() => 'absent');
    log(
      `vehicle ${await state(rig.vehicle, 'media-state')}, desk ${await state(rig.desk, 'desk-media-state')}, desk frames ${await rig.deskVideoFrames()}`,
    );
    await rig.vehicle.screenshot({ path: 'test-output/bench-media-vehicle.png' });
    await rig.desk.screenshot({ path: 'test-output/bench-media-desk.png' });
    throw error;
  } finally {
    await rig.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
