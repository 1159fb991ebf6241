import type { types as ms } from 'mediasoup';
import type { MediaConfig } from '../../../protocol/config/centerConfig';

/**
 * What the backend passes to mediasoup, as pure functions of the center's `media` config
 * (`protocol/config/centerConfig.ts`, defaults in docs/media.md), so the unit test can read
 * them without a worker.
 */

/** ICE consent (RFC 7675) timeout, s: the transport goes ICE `disconnected` after this long without consent. */
export const ICE_CONSENT_TIMEOUT_S = 20;

export function workerSettings(config: MediaConfig): ms.WorkerSettings {
  return {
    logLevel: 'warn',
    logTags: ['info', 'ice', 'dtls', 'rtp', 'srtp', 'rtcp'],
    // Deprecated in favour of the listen infos' portRange (set there too), but still the
    // range for anything created without one.
    rtcMinPort: config.rtcMinPort,
    rtcMaxPort: config.rtcMaxPort,
  };
}

/**
 * One UDP and one TCP listen info on `listenIp` (TCP only with `forceTcp`, for networks
 * that drop UDP), each announcing `announcedAddress` when set (the center behind NAT) and
 * taking its port from the configured range.
 */
export function webRtcTransportOptions(
  config: MediaConfig,
  options: { producing: boolean; consuming: boolean; forceTcp?: boolean },
): ms.WebRtcTransportOptions {
  const protocols: ms.TransportProtocol[] = options.forceTcp ? ['tcp'] : ['udp', 'tcp'];
  const listenInfos: ms.TransportListenInfo[] = protocols.map((protocol) => ({
    protocol,
    ip: config.listenIp,
    ...(config.announcedAddress ? { announcedAddress: config.announcedAddress } : {}),
    portRange: { min: config.rtcMinPort, max: config.rtcMaxPort },
  }));
  return {
    listenInfos,
    enableUdp: !options.forceTcp,
    enableTcp: true,
    preferUdp: !options.forceTcp,
    iceConsentTimeout: ICE_CONSENT_TIMEOUT_S,
    initialAvailableOutgoingBitrate: config.initialAvailableOutgoingBitrate,
    appData: { producing: options.producing, consuming: options.consuming },
  };
}
