/**
 * The console's cold join to live media, step by step: Go live → joined the room
 * (signaling, local here) → the send transport's ICE and DTLS over the emulated link →
 * the first RTP and the first key frame at the center → the first frame decoded at the
 * desk. The steps come from the stand-in's trace, the pages' `media:` console lines and
 * the desk's <video> frame count, each stamped when this process sees it.
 */
import type { Page } from 'playwright-core';
import { setMediaTrace } from '../test/support/media/mediaTrace';
import type { VideoRig } from '../test/support/videoRig';

export interface ColdJoin {
  totalMs: number;
  /** Each step once, ms after Go live, in order. */
  steps: Array<{ at: number; what: string }>;
  /** From the vehicle's send transport connected (DTLS done) to the first frame at the desk. */
  afterDtlsMs: number | undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class ColdJoinTimeline {
  #origin = 0;
  #steps: Array<{ at: number; what: string }> = [];

  constructor(rig: VideoRig) {
    setMediaTrace((event) => this.#add(`center: ${event}`));
    const listen = (page: Page, who: string) =>
      page.on('console', (message) => {
        if (message.text().startsWith('media:')) this.#add(`${who}: ${message.text().slice(7)}`);
      });
    listen(rig.vehicle, 'vehicle');
    listen(rig.desk, 'desk');
  }

  /** One cold join: Go live, wait for the first frame at the desk. */
  async measure(rig: VideoRig, timeoutMs: number): Promise<ColdJoin> {
    this.#steps = [];
    this.#origin = Date.now();
    await rig.goLive();
    const deadline = Date.now() + timeoutMs;
    while ((await rig.deskVideoFrames()) === 0) {
      if (Date.now() > deadline) throw new Error(`no frame at the desk within ${timeoutMs} ms of Go live`);
      await sleep(20);
    }
    const totalMs = Date.now() - this.#origin;
    this.#add('desk: first frame decoded');
    const dtls = this.#steps.find((s) => s.what === 'vehicle: the send transport is connected');
    return { totalMs, steps: [...this.#steps], afterDtlsMs: dtls ? totalMs - dtls.at : undefined };
  }

  close(): void {
    setMediaTrace(undefined);
  }

  #add(what: string): void {
    this.#steps.push({ at: Date.now() - this.#origin, what });
  }
}
