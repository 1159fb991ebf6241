import type { types as ms } from 'mediasoup';

/**
 * The codecs every room's router offers, after mediasoup-demo's `config.js` but narrower
 * and slower to start: Opus for voice; VP8 and H264 (constrained baseline 42e01f, which
 * hardware encoders and Safari speak, and main 4d0032) for video. No VP9/AV1: the vehicles'
 * encoders and the center's desks all do VP8 or H264, and fewer codecs mean a shorter SDP.
 *
 * `x-google-start-bitrate` (kbit/s) is where a libwebrtc sender starts before it has an
 * estimate. Its default (300 kbit/s unless set) would already be much for a vehicle on
 * satellite; the backend sets it from `initialAvailableOutgoingBitrate`, so the
 * center's send side and the vehicles' send side start at the same low rate.
 */
export function routerMediaCodecs(startBitrateKbps: number): ms.RouterRtpCodecCapability[] {
  const start = Math.max(30, Math.round(startBitrateKbps));
  return [
    { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
    { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': start } },
    {
      kind: 'video',
      mimeType: 'video/H264',
      clockRate: 90000,
      parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': start },
    },
    {
      kind: 'video',
      mimeType: 'video/H264',
      clockRate: 90000,
      parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': start },
    },
  ];
}
