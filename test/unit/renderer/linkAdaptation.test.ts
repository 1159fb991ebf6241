import { describe, expect, it } from 'vitest';
import { planMedia, simulcastTopLayer, VIDEO_FLOOR_KBPS } from '../../../renderer/media/linkAdaptation';

describe('planMedia', () => {
  it('sends audio only below the video floor, at low Opus bitrate with 60 ms packets, and says why', () => {
    expect(planMedia(120)).toMatchObject({
      audioOnly: true,
      reason: 'budget',
      videoMaxBitrate: 0,
      opus: { maxAverageBitrate: 16_000, ptime: 60, fec: true, dtx: true },
    });
    expect(planMedia(VIDEO_FLOOR_KBPS - 1).audioOnly).toBe(true);
    expect(planMedia(4000, { policyAudioOnly: true })).toMatchObject({ audioOnly: true, reason: 'policy' });
    expect(planMedia(4000, { operatorAudioOnly: true })).toMatchObject({ audioOnly: true, reason: 'operator' });
  });

  it('gives video what audio leaves on a satellite link, with a smaller, slower picture', () => {
    const satellite = planMedia(512 * 0.6);
    expect(satellite.audioOnly).toBe(false);
    // 307 kbit/s × 0.9 − (16 + 8) kbit/s of audio.
    expect(satellite.videoMaxBitrate).toBe(Math.floor(307_200 * 0.9 - 24_000));
    expect(satellite).toMatchObject({ scaleResolutionDownBy: 4, maxFramerate: 10, opus: { ptime: 60 } });
  });

  it('uses the full picture on 5G, capped at 2.5 Mbit/s', () => {
    expect(planMedia(4000)).toMatchObject({
      audioOnly: false,
      videoMaxBitrate: 2_500_000,
      scaleResolutionDownBy: 1,
      maxFramerate: 30,
      opus: { maxAverageBitrate: 32_000, ptime: 20 },
    });
    expect(planMedia(1000)).toMatchObject({ videoMaxBitrate: Math.floor(900_000 - 32_000 - 24_000), scaleResolutionDownBy: 1 });
  });

  it('picks the top simulcast layer the budget carries with the layers below it', () => {
    expect(simulcastTopLayer(planMedia(307))).toBe(0);
    expect(simulcastTopLayer(planMedia(800))).toBe(1);
    expect(simulcastTopLayer(planMedia(4000))).toBe(2);
  });
});
