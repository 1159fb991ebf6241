import { z } from 'zod';
import { DtlsParameters, IceCandidate, IceParameters, MediaKind, RtpCapabilities, RtpParameters } from './rtp';

/**
 * Media signaling between a console (or a desk) and the center: mediasoup-demo's request
 * and notification names and data (docs/media.md), over protoo frames. One room per
 * vehicle: the vehicle's console and the center staff who watch it. Every request's data
 * and every response is checked here, on both ends.
 */

/** WebSocket path; the query carries a single-use ticket from `MEDIA_TICKET_PATH` (browsers cannot set headers on a WebSocket). */
export const MEDIA_SOCKET_PATH = '/media/v1/socket';
/** `POST` with the vehicle's or staff member's bearer token → `MediaTicket`. */
export const MEDIA_TICKET_PATH = '/media/v1/ticket';
/** `GET` with a vehicle's or staff member's token → `MediaState` (protocol/sync/mediaState.ts): whether the center runs live media, and why. */
export const MEDIA_STATE_PATH = '/media/v1/state';
/** `GET` with a staff token → `MediaRooms`: who is in each vehicle's room and what they send. */
export const MEDIA_ROOMS_PATH = '/media/v1/rooms';

export const MediaTicketRequest = z.object({ roomId: z.string().min(1).max(64).optional() }).strict();
export const MediaTicket = z
  .object({ ticket: z.string().min(16).max(128), expiresAt: z.number().int(), roomId: z.string(), peerId: z.string() })
  .strict();
export type MediaTicket = z.infer<typeof MediaTicket>;

const Id = z.string().min(1).max(64);
const AppData = z.record(z.string(), z.unknown());
const Empty = z.object({}).strict().optional();
const Nothing = z.undefined().or(z.null()).or(z.object({}).strict()).optional();

export const PeerInfo = z.object({ id: Id, displayName: z.string().max(100), role: z.enum(['vehicle', 'staff']) }).strict();
export type PeerInfo = z.infer<typeof PeerInfo>;

export const TransportOptions = z
  .object({ id: Id, iceParameters: IceParameters, iceCandidates: z.array(IceCandidate).max(16), dtlsParameters: DtlsParameters })
  .loose();
export type TransportOptions = z.infer<typeof TransportOptions>;

/** Client → server requests: data schema and response schema, by method. */
export const mediaRequests = {
  getRouterRtpCapabilities: { data: Empty, response: RtpCapabilities },
  join: {
    data: z
      .object({
        displayName: z.string().trim().min(1).max(100),
        rtpCapabilities: RtpCapabilities.optional(),
        device: z.record(z.string(), z.unknown()).optional(),
      })
      .strict(),
    /** `simulcast`: whether the center's SFU takes several encodings per video producer. */
    response: z.object({ peers: z.array(PeerInfo), simulcast: z.boolean() }).strict(),
  },
  createWebRtcTransport: {
    data: z.object({ producing: z.boolean(), consuming: z.boolean(), forceTcp: z.boolean().optional() }).loose(),
    response: TransportOptions,
  },
  connectWebRtcTransport: { data: z.object({ transportId: Id, dtlsParameters: DtlsParameters }).strict(), response: Nothing },
  restartIce: { data: z.object({ transportId: Id }).strict(), response: IceParameters },
  produce: {
    data: z.object({ transportId: Id, kind: MediaKind, rtpParameters: RtpParameters, appData: AppData.optional() }).strict(),
    response: z.object({ id: Id }).strict(),
  },
  closeProducer: { data: z.object({ producerId: Id }).strict(), response: Nothing },
  pauseProducer: { data: z.object({ producerId: Id }).strict(), response: Nothing },
  resumeProducer: { data: z.object({ producerId: Id }).strict(), response: Nothing },
  pauseConsumer: { data: z.object({ consumerId: Id }).strict(), response: Nothing },
  resumeConsumer: { data: z.object({ consumerId: Id }).strict(), response: Nothing },
  setConsumerPreferredLayers: {
    data: z
      .object({ consumerId: Id, spatialLayer: z.number().int().min(0).max(7), temporalLayer: z.number().int().min(0).max(7).optional() })
      .strict(),
    response: Nothing,
  },
  requestConsumerKeyFrame: { data: z.object({ consumerId: Id }).strict(), response: Nothing },
  getTransportStats: { data: z.object({ transportId: Id }).strict(), response: z.array(z.record(z.string(), z.unknown())) },
} as const;
export type MediaRequestMethod = keyof typeof mediaRequests;
export type MediaRequestData<M extends MediaRequestMethod> = z.infer<(typeof mediaRequests)[M]['data']>;
export type MediaResponse<M extends MediaRequestMethod> = z.infer<(typeof mediaRequests)[M]['response']>;

export function isMediaRequestMethod(method: string): method is MediaRequestMethod {
  return Object.hasOwn(mediaRequests, method);
}

/** Server → client request: a consumer for a producer of another peer, created paused; the client answers once it is ready. */
export const NewConsumer = z
  .object({
    peerId: Id,
    producerId: Id,
    id: Id,
    kind: MediaKind,
    rtpParameters: RtpParameters,
    type: z.enum(['simple', 'simulcast', 'svc', 'pipe']),
    appData: AppData,
    producerPaused: z.boolean(),
  })
  .strict();
export type NewConsumer = z.infer<typeof NewConsumer>;

/** Server → client notifications. */
export const mediaNotifications = {
  newPeer: PeerInfo,
  peerClosed: z.object({ peerId: Id }).strict(),
  consumerClosed: z.object({ consumerId: Id }).strict(),
  consumerPaused: z.object({ consumerId: Id }).strict(),
  consumerResumed: z.object({ consumerId: Id }).strict(),
  consumerLayersChanged: z
    .object({ consumerId: Id, spatialLayer: z.number().int().nullable(), temporalLayer: z.number().int().nullable() })
    .strict(),
  producerScore: z.object({ producerId: Id, score: z.array(z.record(z.string(), z.unknown())) }).strict(),
  consumerScore: z.object({ consumerId: Id, score: z.record(z.string(), z.unknown()) }).strict(),
} as const;
export type MediaNotificationMethod = keyof typeof mediaNotifications;

export const MediaRooms = z
  .object({
    rooms: z.array(
      z
        .object({
          roomId: z.string(),
          peers: z.array(PeerInfo.extend({ producers: z.array(z.object({ id: Id, kind: MediaKind }).strict()) })),
        })
        .strict(),
    ),
  })
  .strict();
export type MediaRooms = z.infer<typeof MediaRooms>;
