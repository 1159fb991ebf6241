import { z } from 'zod';
import { IridiumConfig } from '../sbd/iridiumConfig';
import { FirstReportDeadlines } from '../sync/incidents';

/** The mediasoup SFU's settings. Ports must be reachable from the vehicles (open them in the firewall). */
export const MediaConfig = z
  .object({
    /** mediasoup workers (one per CPU core is usual). */
    workers: z.number().int().min(1).max(64).default(1),
    /** Address the WebRTC transports listen on, e.g. 0.0.0.0. */
    listenIp: z.string().min(1).default('0.0.0.0'),
    /** Address announced to the vehicles in ICE candidates (the center's public IP or name) when it differs from listenIp. */
    announcedAddress: z.string().min(1).optional(),
    /** UDP/TCP port range for WebRTC. */
    rtcMinPort: z.number().int().min(1024).max(65535).default(40000),
    rtcMaxPort: z.number().int().min(1024).max(65535).default(40999),
    /** Start bitrate of a consumer's sender, bit/s: low, since vehicles may be on satellite. */
    initialAvailableOutgoingBitrate: z.number().int().min(30_000).default(300_000),
    /** Largest bitrate a producer may send, bit/s. */
    maxIncomingBitrate: z.number().int().min(30_000).default(3_000_000),
    /** A peer whose ICE stays disconnected this long is closed (it rejoins). */
    disconnectGraceMs: z.number().int().min(1000).max(120_000).default(30_000),
  })
  .strict()
  .refine((m) => m.rtcMinPort <= m.rtcMaxPort, { message: 'rtcMinPort must not be above rtcMaxPort', path: ['rtcMinPort'] });
export type MediaConfig = z.infer<typeof MediaConfig>;

/** The desk's live feed: how much it keeps for resuming and how far behind a desk may fall (docs/center.md). */
export const FeedConfig = z
  .object({
    /** Events kept for desks that reconnect with Last-Event-ID. */
    historyEvents: z.number().int().min(10).max(1_000_000).default(20_000),
    /** A desk this many events behind the newest is dropped (it reconnects and resumes, or refetches). At most historyEvents. */
    maxLagEvents: z.number().int().min(10).max(1_000_000).default(5000),
  })
  .strict();
export type FeedConfig = z.infer<typeof FeedConfig>;

/**
 * The center server's configuration file (`--config center.json`); flags win over it.
 * Strict, so a misspelt key is reported by name instead of ignored.
 */
export const CenterConfig = z
  .object({
    /** Where the center keeps its database and attachments. */
    dataDir: z.string().min(1).optional(),
    /** Address to listen on. Plain HTTP is allowed only on loopback unless `allowPlain`. */
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(0).max(65535).default(7000),
    /** PEM files; with both, the center speaks HTTPS. */
    tls: z
      .object({ cert: z.string().min(1), key: z.string().min(1) })
      .strict()
      .optional(),
    /** Serve plain HTTP on a non-loopback address (behind a TLS-terminating proxy, or on a closed network). */
    allowPlain: z.boolean().default(false),
    /** UDP echo responder for the consoles' path probes (RFC 862, our probe payloads only); 0 turns it off. */
    echoPort: z.number().int().min(0).max(65535).default(7007),
    /** Limits of the HTTP(S) server against clients that hold resources (docs/center.md, "Limits"). */
    http: z
      .object({
        maxConnections: z.number().int().min(8).max(100_000).default(1000),
        headersTimeoutMs: z.number().int().min(1000).max(120_000).default(30_000),
        // HF data moves ~300 B/s; a body slower than this after 20 s holds a handler for nothing.
        minBodyBytesPerSecond: z.number().int().min(0).max(1_000_000).default(50),
      })
      .strict()
      .default({ maxConnections: 1000, headersTimeoutMs: 30_000, minBodyBytesPerSecond: 50 }),
    /** Largest attachment a vehicle may upload, bytes. */
    maxAttachmentBytes: z
      .number()
      .int()
      .min(1)
      .max(4 * 1024 ** 3)
      .default(2 * 1024 ** 3),
    /** The desk marks a vehicle not heard from for this long (its reports are expected more often). */
    staleAfterMs: z
      .number()
      .int()
      .min(10_000)
      .max(7 * 24 * 3_600_000)
      .default(10 * 60_000),
    /** Live audio/video through mediasoup (docs/media.md). Absent: no media; the signaling socket answers 503. */
    media: MediaConfig.optional(),
    feed: FeedConfig.default({ historyEvents: 20_000, maxLagEvents: 5000 }),
    /** Incidents: per level, minutes from when it happened by which the 初报 must reach the center (defaults: protocol/sync/incidents.ts). */
    incidents: z.object({ firstReportMinutes: FirstReportDeadlines }).strict().optional(),
    /** Base layers for the desk's map: a folder of MBTiles files (default `maps/` in the data directory). docs/maps.md. */
    maps: z
      .object({ dir: z.string().min(1).optional() })
      .strict()
      .optional(),
    /** Iridium SBD through the gateway's DirectIP (protocol/sbd/iridiumConfig.ts). Absent: none. */
    iridium: IridiumConfig.optional(),
  })
  .strict();
export type CenterConfig = z.infer<typeof CenterConfig>;
export type CenterConfigInput = z.input<typeof CenterConfig>;
