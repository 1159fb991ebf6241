import { z } from 'zod';
import { Priority } from '../sync/items';

const Port = z.number().int().min(0).max(65535);
const Host = z.string().min(1).max(255);

/**
 * The center's Iridium gateway (`iridium` in center.json; docs/center.md "Iridium SBD
 * (DirectIP)"). Absent: no DirectIP listener and no MT.
 */
export const DirectIpConfig = z
  .object({
    /** Where the MO listener accepts the gateway's connections (the port provisioned with Iridium). */
    listen: z.object({ host: Host.default('0.0.0.0'), port: Port.default(10800) }).strict(),
    /**
     * Source addresses allowed to deliver MO messages (exact IPv4 or IPv6 addresses; an
     * IPv4-mapped IPv6 peer matches its IPv4 form). Everything else is closed unread and logged.
     */
    allow: z.array(z.string().min(1).max(64)).min(1).max(64),
    /** A connection that has not delivered one whole message in this time is closed. */
    timeoutMs: z.number().int().min(500).max(120_000).default(10_000),
    /** The gateway's MT address; absent: orders never go by SBD. */
    mt: z
      .object({
        host: Host,
        port: Port.default(10800),
        /** Connecting, sending and waiting for the confirmation, at most. */
        timeoutMs: z.number().int().min(500).max(120_000).default(15_000),
      })
      .strict()
      .optional(),
    /**
     * When a downlink item goes by MT: it is of one of these priorities, its vehicle has an
     * IMEI, and the vehicle has not exchanged over IP for `quietSeconds` (or was last heard
     * only by SBD). Checked every `checkSeconds`.
     */
    mtRule: z
      .object({
        priorities: z.array(Priority).min(1).default(['flash', 'immediate']),
        quietSeconds: z.number().int().min(0).max(86_400).default(300),
        checkSeconds: z.number().min(0.2).max(3600).default(15),
      })
      .strict()
      .default({ priorities: ['flash', 'immediate'], quietSeconds: 300, checkSeconds: 15 }),
  })
  .strict();
export type DirectIpConfig = z.infer<typeof DirectIpConfig>;

/**
 * RockBLOCK web push (docs/center.md "RockBLOCK web push"): Rock7 POSTs each MO message as
 * JSON with an RS256 JWT; the center verifies it against Rock7's public key and takes the
 * message like a DirectIP MO. Absent: no push route.
 */
export const RockblockConfig = z
  .object({
    /** The path Rock7 is given (behind the center's HTTPS address); must not collide with the center's own. */
    path: z
      .string()
      .regex(/^\/iridium\/[A-Za-z0-9._~/-]{1,200}$/, 'the path starts with /iridium/ and has only URL-safe characters')
      .default('/iridium/v1/rockblock'),
    /** Rock7's public key (PEM), as published in its push API documentation; relative to the config file. */
    publicKeyFile: z.string().min(1).max(4096),
    /**
     * A push whose JWT was issued (`iat`; without one, whose message was transmitted) longer
     * ago than this is refused: a captured push cannot be replayed later.
     */
    maxAgeSeconds: z
      .number()
      .int()
      .min(60)
      .max(7 * 86_400)
      .default(3600),
    /** Source addresses allowed to push (exact; see DirectIP's `allow`). Absent: any source with a valid JWT. */
    allow: z.array(z.string().min(1).max(64)).min(1).max(64).optional(),
  })
  .strict();
export type RockblockConfig = z.infer<typeof RockblockConfig>;

/** Either ingest or both: DirectIP (with MT) from the Iridium gateway, RockBLOCK push from Rock7. */
export const IridiumConfig = z
  .object({ directIp: DirectIpConfig.optional(), rockblock: RockblockConfig.optional() })
  .strict()
  .refine((config) => config.directIp !== undefined || config.rockblock !== undefined, {
    message: 'give iridium.directIp, iridium.rockblock, or both',
  });
export type IridiumConfig = z.infer<typeof IridiumConfig>;
