import { RTCRtpCodecParameters, RTCRtpHeaderExtensionParameters, useFIR, useNACK, usePLI, useTWCC } from 'werift';
import type { MediaKind, RtpCapabilities, RtpParameters } from '../../../protocol/media/rtp';
import { UnsupportedError } from './errors';

/**
 * The stand-in router's fixed capabilities, in mediasoup's shape and with mediasoup's
 * preferred header extension ids (`supportedRtpCapabilities.ts`): Opus 48000/2, VP8 with
 * RTX; feedback nack, nack pli, ccm fir, transport-cc. werift is configured with the same
 * payload types, so a consumer's payload types are the router's, as mediasoup-client
 * requires.
 */

export const EXT = {
  mid: 'urn:ietf:params:rtp-hdrext:sdes:mid',
  rid: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id',
  repairedRid: 'urn:ietf:params:rtp-hdrext:sdes:repaired-rtp-stream-id',
  absSendTime: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
  transportWideCc: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
  audioLevel: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
} as const;

const OPUS_PT = 100;
const VP8_PT = 101;
const VP8_RTX_PT = 102;

const videoFeedback = [{ type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' }, { type: 'transport-cc' }];
const audioFeedback = [{ type: 'transport-cc' }];

export function routerRtpCapabilities(): RtpCapabilities {
  return {
    codecs: [
      {
        kind: 'audio',
        mimeType: 'audio/opus',
        preferredPayloadType: OPUS_PT,
        clockRate: 48000,
        channels: 2,
        parameters: {},
        rtcpFeedback: audioFeedback.map((f) => ({ ...f })),
      },
      {
        kind: 'video',
        mimeType: 'video/VP8',
        preferredPayloadType: VP8_PT,
        clockRate: 90000,
        parameters: {},
        rtcpFeedback: videoFeedback.map((f) => ({ ...f })),
      },
      {
        kind: 'video',
        mimeType: 'video/rtx',
        preferredPayloadType: VP8_RTX_PT,
        clockRate: 90000,
        parameters: { apt: VP8_PT },
        rtcpFeedback: [],
      },
    ],
    headerExtensions: [
      { kind: 'audio', uri: EXT.mid, preferredId: 1, preferredEncrypt: false, direction: 'sendrecv' },
      { kind: 'video', uri: EXT.mid, preferredId: 1, preferredEncrypt: false, direction: 'sendrecv' },
      { kind: 'video', uri: EXT.rid, preferredId: 2, preferredEncrypt: false, direction: 'recvonly' },
      { kind: 'video', uri: EXT.repairedRid, preferredId: 3, preferredEncrypt: false, direction: 'recvonly' },
      { kind: 'audio', uri: EXT.absSendTime, preferredId: 4, preferredEncrypt: false, direction: 'sendrecv' },
      { kind: 'video', uri: EXT.absSendTime, preferredId: 4, preferredEncrypt: false, direction: 'sendrecv' },
      { kind: 'audio', uri: EXT.transportWideCc, preferredId: 5, preferredEncrypt: false, direction: 'recvonly' },
      { kind: 'video', uri: EXT.transportWideCc, preferredId: 5, preferredEncrypt: false, direction: 'sendrecv' },
      { kind: 'audio', uri: EXT.audioLevel, preferredId: 10, preferredEncrypt: false, direction: 'sendrecv' },
    ],
  };
}

/** werift's own codec list: the router's codecs and payload types. */
export function weriftCodecs(): { audio: RTCRtpCodecParameters[]; video: RTCRtpCodecParameters[] } {
  return {
    audio: [
      new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: OPUS_PT, rtcpFeedback: [useTWCC()] }),
    ],
    video: [
      new RTCRtpCodecParameters({
        mimeType: 'video/VP8',
        clockRate: 90000,
        payloadType: VP8_PT,
        rtcpFeedback: [useNACK(), usePLI(), useFIR(), useTWCC()],
      }),
      new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000, payloadType: VP8_RTX_PT, parameters: `apt=${VP8_PT}` }),
    ],
  };
}

/**
 * The extensions werift may negotiate. werift renumbers its own list (1, 2, …); the ids it
 * writes are the ones in the remote description, which the stand-in synthesizes with the
 * router's ids.
 */
export function weriftHeaderExtensions(): { audio: RTCRtpHeaderExtensionParameters[]; video: RTCRtpHeaderExtensionParameters[] } {
  const make = (uris: string[]) => uris.map((uri) => new RTCRtpHeaderExtensionParameters({ uri }));
  return {
    audio: make([EXT.mid, EXT.absSendTime, EXT.transportWideCc, EXT.audioLevel]),
    video: make([EXT.mid, EXT.rid, EXT.repairedRid, EXT.absSendTime, EXT.transportWideCc]),
  };
}

type RouterCodec = NonNullable<RtpCapabilities['codecs']>[number];
type ParamCodec = RtpParameters['codecs'][number];

function sameCodec(
  a: { mimeType: string; clockRate: number; channels?: number },
  b: { mimeType: string; clockRate: number; channels?: number },
): boolean {
  return a.mimeType.toLowerCase() === b.mimeType.toLowerCase() && a.clockRate === b.clockRate && (a.channels ?? 1) === (b.channels ?? 1);
}

const isRtx = (mimeType: string) => /\/rtx$/i.test(mimeType);

/** The producer's media codec (the first that is not RTX), checked against the router's; rejects what the router cannot route. */
export function producerMediaCodec(kind: MediaKind, rtpParameters: RtpParameters): ParamCodec {
  const codec = rtpParameters.codecs.find((c) => !isRtx(c.mimeType));
  if (!codec) throw new UnsupportedError('rtpParameters carry no media codec');
  if (!codec.mimeType.toLowerCase().startsWith(`${kind}/`)) throw new UnsupportedError(`codec ${codec.mimeType} is not ${kind}`);
  if (!routerCodecFor(codec)) throw new UnsupportedError(`the stand-in router does not route ${codec.mimeType}/${codec.clockRate}`);
  return codec;
}

export function routerCodecFor(codec: { mimeType: string; clockRate: number; channels?: number }): RouterCodec | undefined {
  return routerRtpCapabilities().codecs?.find((c) => !isRtx(c.mimeType) && sameCodec(c, codec));
}

/** Whether `capabilities` (a consuming device's) can receive `codec`. */
export function canReceive(codec: { mimeType: string; clockRate: number; channels?: number }, capabilities: RtpCapabilities): boolean {
  return (capabilities.codecs ?? []).some((c) => sameCodec(c, codec));
}

/**
 * A consumer's rtpParameters, after mediasoup's `getConsumerRtpParameters`: the router's
 * codec (and its RTX when the device has RTX), the extensions werift writes and the device
 * knows, one encoding with werift's SSRCs.
 */
export function consumerRtpParameters(options: {
  kind: MediaKind;
  producerCodec: { mimeType: string; clockRate: number; channels?: number };
  capabilities: RtpCapabilities;
  mid: string;
  ssrc: number;
  rtxSsrc: number;
  cname: string;
}): RtpParameters {
  const caps = routerRtpCapabilities();
  const media = routerCodecFor(options.producerCodec);
  if (!media || !canReceive(media, options.capabilities))
    throw new UnsupportedError(`the consuming device cannot receive ${options.producerCodec.mimeType}`);
  const deviceExtensions = new Set((options.capabilities.headerExtensions ?? []).filter((e) => e.kind === options.kind).map((e) => e.uri));
  const written: string[] = options.kind === 'video' ? [EXT.absSendTime, EXT.transportWideCc] : [EXT.absSendTime];
  const headerExtensions = (caps.headerExtensions ?? [])
    .filter((e) => e.kind === options.kind && written.includes(e.uri) && deviceExtensions.has(e.uri))
    .map((e) => ({ uri: e.uri, id: e.preferredId, encrypt: false, parameters: {} }));
  const hasTwcc = headerExtensions.some((e) => e.uri === EXT.transportWideCc);
  const feedback = (media.rtcpFeedback ?? []).filter((f) => f.type !== 'transport-cc' || hasTwcc).map((f) => ({ ...f }));
  const codecs: ParamCodec[] = [
    {
      mimeType: media.mimeType,
      payloadType: media.preferredPayloadType ?? 0,
      clockRate: media.clockRate,
      ...(media.channels ? { channels: media.channels } : {}),
      parameters: { ...media.parameters },
      rtcpFeedback: feedback,
    },
  ];
  const rtx = caps.codecs?.find((c) => isRtx(c.mimeType) && c.parameters?.apt === media.preferredPayloadType);
  const deviceHasRtx = (options.capabilities.codecs ?? []).some((c) => c.kind === options.kind && isRtx(c.mimeType));
  if (rtx && deviceHasRtx)
    codecs.push({
      mimeType: rtx.mimeType,
      payloadType: rtx.preferredPayloadType ?? 0,
      clockRate: rtx.clockRate,
      parameters: { ...rtx.parameters },
      rtcpFeedback: [],
    });
  return {
    mid: options.mid,
    codecs,
    headerExtensions,
    encodings: [{ ssrc: options.ssrc, ...(codecs.length > 1 ? { rtx: { ssrc: options.rtxSsrc } } : {}) }],
    rtcp: { cname: options.cname, reducedSize: true },
  };
}
