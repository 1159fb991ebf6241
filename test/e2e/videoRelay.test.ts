import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VideoRig } from '../support/videoRig';
import { waitFor } from '../support/waitFor';

/**
 * Live media over an emulated satellite path (the UDP link relay, `satellite` profile:
 * 300 ms each way, bursty loss, 512 kbit/s) between the vehicle's console and the center,
 * then a change of the carrying link: the link the policy gave live media fails, the
 * vehicle's media now arrives from new source ports, and media must come back by itself.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let rig: VideoRig;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  rig = await VideoRig.start({ vehicleProfile: 'satellite' });
}, 90_000);

afterAll(async () => {
  await rig?.close();
});

describe('live media over satellite, and after a change of carrying link', () => {
  it('keeps video flowing at reduced quality and audio continuous over the satellite profile', { timeout: 150_000 }, async () => {
    await expect.poll(() => rig.liveLink(), { timeout: 20_000 }).toBe('sat-a');
    await rig.goLive();
    await expect.poll(() => rig.vehicle.getByTestId('media-state').getAttribute('data-state'), { timeout: 30_000 }).toBe('live');
    await rig.watch();
    // The first frame over 600 ms RTT with bursty loss: the cold join took 7–24 s here.
    await expect.poll(() => rig.deskFrames(), { timeout: 60_000 }).toBeGreaterThan(0);
    await sleep(3000);
    const [frames0, samples0] = [await rig.deskFrames(), await rig.deskSamples()];
    await sleep(5000);
    const [frames1, samples1] = [await rig.deskFrames(), await rig.deskSamples()];
    const fps = (frames1 - frames0) / 5;
    const audioShare = (samples1 - samples0) / (5 * 48_000);
    console.log(`satellite: ${fps.toFixed(1)} frames/s decoded at the desk, audio ${(audioShare * 100).toFixed(0)} % of real time`);
    expect(fps).toBeGreaterThan(3);
    expect(audioShare).toBeGreaterThan(0.8);
    // Reduced quality: the plan for a 384 kbit/s live budget caps video well below the wired case.
    const kbps = Number(await rig.vehicle.locator('[data-testid=quality-camera] [data-testid=kbps]').textContent());
    console.log(`camera sent at ${kbps} kbit/s`);
    expect(kbps).toBeLessThan(450);
    await rig.desk.screenshot({ path: join(SHOTS, 'desk-video-satellite.png') });
    // The desk talks back: its audio reaches the vehicle over the same satellite path.
    await rig.desk.getByTestId('talk').click();
    // Published at the desk first (the button turns to "Stop talking"), then heard in the vehicle.
    await expect.poll(() => rig.desk.getByTestId('talk').textContent(), { timeout: 20_000 }).toBe('Stop talking');
    const talkAt = Date.now();
    await expect.poll(() => rig.vehicleSamples(), { timeout: 45_000 }).toBeGreaterThan(48_000);
    console.log(`satellite: the vehicle heard the desk ${Date.now() - talkAt} ms after the desk published its microphone`);
  });

  it('resumes by itself after the carrying link fails over', { timeout: 120_000 }, async () => {
    const switchedAt = Date.now();
    await rig.failOver('a');
    await expect.poll(() => rig.liveLink(), { timeout: 15_000 }).toBe('sat-b');
    // Media comes back: frames rise again over a few seconds.
    let last = await rig.deskFrames();
    const resumedAt = await waitFor(
      'video resumed at the desk',
      async () => {
        const now = await rig.deskFrames();
        const risen = now > last + 2;
        last = now;
        return risen && Date.now();
      },
      45_000,
      250,
    );
    console.log(`video back at the desk ${resumedAt - switchedAt} ms after the switch`);
    const samples0 = await rig.deskSamples();
    // What the center sends the vehicle went to its old address until the ICE restart: the talk-back must flow again too.
    const heard0 = await rig.vehicleSamples();
    await sleep(6000);
    expect((await rig.deskSamples()) - samples0).toBeGreaterThan(0.8 * 6 * 48_000);
    // The console polls its stats every 2 s: allow one poll's worth.
    const heard = (await rig.vehicleSamples()) - heard0;
    console.log(`the vehicle heard ${heard} samples of the desk in the 6 s after recovery`);
    expect(heard).toBeGreaterThan(4 * 48_000 * 0.9);
    expect(await rig.vehicle.getByTestId('media-state').getAttribute('data-state')).toBe('live');
    await rig.vehicle.screenshot({ path: join(SHOTS, 'vehicle-video-after-switch.png') });
    expect(rig.problems).toEqual([]);
  });
});
