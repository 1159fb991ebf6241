import type { RTCPeerConnection, RTCRtpTransceiver } from 'werift';
import type { MediaKind } from '../../../protocol/media/rtp';
import { type Fingerprint, type RemoteSection, remoteAnswer, remoteOffer } from './sdpSynthesis';

/**
 * The two negotiations the stand-in runs on a werift peer connection. werift must be the
 * DTLS server (mediasoup-client always makes the browser the client): its answerer would
 * pick client on `auto`, so the role is set between the remote offer and the answer.
 */

/** werift answers the browser's (synthesized) offer: creation (the probe) and every produce. */
export async function answerBrowserOffer(
  pc: RTCPeerConnection,
  sections: RemoteSection[],
  version: number,
  fingerprint: Fingerprint | undefined,
): Promise<void> {
  await pc.setRemoteDescription({ type: 'offer', sdp: remoteOffer(sections, version, fingerprint) });
  for (const dtls of pc.dtlsTransports) dtls.role = 'server';
  const answer = await pc.createAnswer();
  await pc.setLocalDescription(answer);
}

/**
 * werift offers a new sendonly transceiver (a consume): the caller learns its mid, builds
 * the consumer's section, and `finish` applies the browser's (synthesized) answer.
 */
export async function offerToBrowser(
  pc: RTCPeerConnection,
  kind: MediaKind,
): Promise<{
  transceiver: RTCRtpTransceiver;
  finish: (byMid: Map<string, RemoteSection>, version: number, fingerprint: Fingerprint | undefined) => Promise<void>;
}> {
  const transceiver = pc.addTransceiver(kind, { direction: 'sendonly' });
  const offer = await pc.createOffer();
  await pc.setLocalDescription(offer);
  if (!transceiver.mid) throw new Error('werift assigned no mid to the new transceiver');
  const offerSdp = offer.sdp;
  return {
    transceiver,
    finish: async (byMid, version, fingerprint) => {
      await pc.setRemoteDescription({ type: 'answer', sdp: remoteAnswer(offerSdp, byMid, version, fingerprint) });
    },
  };
}
