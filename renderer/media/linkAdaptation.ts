/**
 * How live media fits the link policy's `live` budget (kbit/s): below the video floor
 * the console sends audio only and says so; on narrow links Opus runs at a low bitrate
 * with longer packets (60 ms: a third of the per-packet overhead of 20 ms); video gets
 * what audio leaves, capped, with a smaller picture on narrow links.
 * Figures: ../shared/reference/media.md §3–4 (LiveKit/Jitsi presets, Opus sweet spots).
 */
export interface MediaPlan {
  audioOnly: boolean;
  /** Why audio only: the budget is below the video floor, or the link policy said so. */
  reason: 'budget' | 'policy' | 'operator' | null;
  opus: { maxAverageBitrate: number; ptime: 20 | 40 | 60; fec: true; dtx: boolean };
  /** Cap of the one video encoding, bit/s (0 with audio only). */
  videoMaxBitrate: number;
  /** Downscale of the camera picture (1 = as captured). */
  scaleResolutionDownBy: number;
  maxFramerate: number;
}

/** Below this live budget video does not pay: audio only (the policy's own line is 200 kbit/s). */
export const VIDEO_FLOOR_KBPS = 200;
const VIDEO_CAP_BPS = 2_500_000;

export function planMedia(budgetKbps: number, options: { policyAudioOnly?: boolean; operatorAudioOnly?: boolean } = {}): MediaPlan {
  const narrow = budgetKbps < 500;
  const opus = narrow
    ? { maxAverageBitrate: 16_000, ptime: 60 as const, fec: true as const, dtx: true }
    : { maxAverageBitrate: 32_000, ptime: 20 as const, fec: true as const, dtx: false };
  const reason = options.operatorAudioOnly
    ? 'operator'
    : options.policyAudioOnly
      ? 'policy'
      : budgetKbps < VIDEO_FLOOR_KBPS
        ? 'budget'
        : null;
  if (reason) return { audioOnly: true, reason, opus, videoMaxBitrate: 0, scaleResolutionDownBy: 1, maxFramerate: 0 };
  // Audio and its packet overhead first (≈60 B a packet), then a tenth for RTCP and retransmissions.
  const audioBps = opus.maxAverageBitrate + (60 * 8 * 1000) / opus.ptime;
  const videoMaxBitrate = Math.min(VIDEO_CAP_BPS, Math.max(0, Math.floor(budgetKbps * 1000 * 0.9 - audioBps)));
  const scaleResolutionDownBy = videoMaxBitrate < 300_000 ? 4 : videoMaxBitrate < 800_000 ? 2 : 1;
  const maxFramerate = videoMaxBitrate < 300_000 ? 10 : videoMaxBitrate < 800_000 ? 20 : 30;
  return { audioOnly: false, reason: null, opus, videoMaxBitrate, scaleResolutionDownBy, maxFramerate };
}

/** Simulcast layers, low to high (after LiveKit's h180/h360/h720 presets): downscale and cap. */
export const SIMULCAST_LAYERS = [
  { scaleResolutionDownBy: 4, maxBitrate: 150_000, maxFramerate: 15 },
  { scaleResolutionDownBy: 2, maxBitrate: 500_000, maxFramerate: 25 },
  { scaleResolutionDownBy: 1, maxBitrate: 1_700_000, maxFramerate: 30 },
] as const;

/**
 * With an SFU that takes simulcast: all three layers are offered, and the highest one the
 * budget carries together with those below it is the top sent (`setMaxSpatialLayer`).
 * The lowest layer is always sent when video is on.
 */
export function simulcastTopLayer(plan: MediaPlan): number {
  let total = 0;
  let top = 0;
  SIMULCAST_LAYERS.forEach((layer, index) => {
    total += layer.maxBitrate;
    if (total <= plan.videoMaxBitrate) top = index;
  });
  return top;
}
