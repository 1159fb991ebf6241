import { MediaConfig } from '../../protocol/config/centerConfig';
import type { MediaStateCode } from '../../protocol/sync/mediaState';

/** What the center knows at start about live media. */
export interface MediaPlanInput {
  /** The config's `media` block, if any. */
  media: MediaConfig | undefined;
  /** The address the center listens on. */
  host: string;
  /** Whether host is loopback only (127.0.0.0/8, ::1, localhost). */
  loopback: boolean;
  /** mediasoup: importable with its worker binary present, or why not. */
  mediasoup: { loadable: true } | { loadable: false; why: string };
}

/** Run mediasoup with this config, or stay off; either way with a code for the desk and one line for the log. */
export type MediaPlan =
  | { run: MediaConfig; code: Extract<MediaStateCode, 'configured' | 'loopback-defaults'>; why: string }
  | { run: undefined; code: Extract<MediaStateCode, 'not-configured' | 'mediasoup-missing'>; why: string };

/**
 * Whether to start media, decided from the config, the bound address and mediasoup's
 * presence alone (no I/O: unit-tested here, where mediasoup's worker cannot run).
 *
 * Without a `media` block, a center on loopback (a developer's or a test machine, the
 * README's first run) runs media with defaults on 127.0.0.1 rather than staying silent:
 * the vehicle on the same machine reaches it, and nothing is exposed. A center reachable
 * from the network needs a deliberate block (announced address, port range, firewall),
 * so it stays off and says so.
 */
export function planMedia(input: MediaPlanInput): MediaPlan {
  const { media, host, loopback, mediasoup } = input;
  if (media === undefined && !loopback) {
    return {
      run: undefined,
      code: 'not-configured',
      why: `the config has no "media" block, and the center listens on ${host}, beyond this machine: add one with the announced address and WebRTC ports (docs/media.md)`,
    };
  }
  if (!mediasoup.loadable) return { run: undefined, code: 'mediasoup-missing', why: mediasoup.why };
  if (media !== undefined) return { run: media, code: 'configured', why: 'as the config\'s "media" block says' };
  const defaults = MediaConfig.parse({ listenIp: '127.0.0.1' });
  return {
    run: defaults,
    code: 'loopback-defaults',
    why: `no "media" block, and the center listens on loopback only (${host}), so defaults: WebRTC on 127.0.0.1:${defaults.rtcMinPort}-${defaults.rtcMaxPort}`,
  };
}
