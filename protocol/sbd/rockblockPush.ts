import { z } from 'zod';
import { Imei } from './imei';

/**
 * RockBLOCK web push (Rock7's MO delivery over HTTP; shared reference
 * operations-maps-sbd.md §1, "RockBLOCK web API"): a POST of JSON whose fields Rock7 repeats, as strings,
 * in the claims of an RS256 JWT signed with Rock7's key (`iss` "Rock 7", `iat`). The center
 * verifies the JWT (center/iridium/rockblockJwt.ts) and acts on the signed claims only; the
 * body's fields must agree with them.
 *
 * Both schemas keep unknown keys out rather than refusing them (zod's default strip, not
 * `.strict()`): the sender is Rock7, not us, and a field it adds one day must not make every
 * push bounce.
 */

/** Largest MO payload of a RockBLOCK (9602/9603): 340 bytes, so 680 hex digits. */
export const MAX_ROCKBLOCK_PAYLOAD_BYTES = 340;
/** Largest push body taken: a full payload in the body and again in the JWT fits with room to spare. */
export const MAX_ROCKBLOCK_PUSH_BYTES = 4096;

/** Rock7 sends numbers in the body (`932`, `37.663`) and strings in the JWT (`"932"`, `"37.6630"`): both read as numbers. */
const numberLike = (min: number, max: number) =>
  z
    .union([
      z.number(),
      z
        .string()
        .regex(/^-?\d{1,12}(\.\d{1,12})?$/, 'expected a number')
        .transform(Number),
    ])
    .pipe(z.number().min(min).max(max));

/** `transmit_time` as Rock7 writes it: `YY-MM-DD HH:MM:SS`, UTC. */
const TRANSMIT_TIME = /^(\d{2})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/** Milliseconds since the epoch of a `transmit_time`, or undefined when it names no real moment (month 13, 25:00). */
export function transmitTimeMs(text: string): number | undefined {
  const match = TRANSMIT_TIME.exec(text);
  if (!match) return undefined;
  const [yy, mo, dd, hh, mi, ss] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(2000 + yy, mo - 1, dd, hh, mi, ss);
  const back = new Date(ms);
  const real =
    back.getUTCMonth() === mo - 1 && back.getUTCDate() === dd && back.getUTCHours() === hh && back.getUTCMinutes() === mi && ss < 60;
  return real ? ms : undefined;
}

const TransmitTime = z.string().refine((text) => transmitTimeMs(text) !== undefined, 'expected "YY-MM-DD HH:MM:SS" (UTC)');

const Hex = z
  .string()
  .max(MAX_ROCKBLOCK_PAYLOAD_BYTES * 2, `at most ${MAX_ROCKBLOCK_PAYLOAD_BYTES} bytes (hex)`)
  .regex(/^(?:[0-9a-fA-F]{2})*$/, 'expected hex digits in pairs')
  .transform((hex) => hex.toLowerCase());

/** The fields of one MO message, in the body and in the JWT alike. */
const pushFields = {
  imei: Imei,
  momsn: numberLike(0, 65_535).pipe(z.number().int()),
  transmit_time: TransmitTime,
  data: Hex,
  serial: numberLike(0, 2 ** 31).optional(),
  device_type: z.string().max(64).optional(),
  iridium_latitude: numberLike(-90, 90).optional(),
  iridium_longitude: numberLike(-180, 180).optional(),
  /** Circular error probable of the Iridium position, km. */
  iridium_cep: numberLike(0, 100_000).optional(),
};

/** A JWT in compact form: three base64url parts (the signature not empty). */
export const JWT_COMPACT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** The push body, checked at the door. */
export const RockblockPush = z.object({
  ...pushFields,
  JWT: z.string().max(MAX_ROCKBLOCK_PUSH_BYTES).regex(JWT_COMPACT, 'expected a JWT (header.payload.signature, base64url)'),
});
export type RockblockPush = z.infer<typeof RockblockPush>;

/** The JWT's header: only RS256 is taken, and no extension the center would have to understand. */
export const RockblockJwtHeader = z.object({ alg: z.string().max(32), typ: z.string().max(32).optional(), crit: z.unknown().optional() });

/** The JWT's claims once its signature and issuer are verified: the MO message as Rock7 vouches for it. */
export const RockblockClaims = z.object({
  ...pushFields,
  iss: z.string().max(64),
  iat: z.number().int().min(0).optional(),
  exp: z.number().int().min(0).optional(),
  nbf: z.number().int().min(0).optional(),
});
export type RockblockClaims = z.infer<typeof RockblockClaims>;

/** The issuer Rock7 signs with. */
export const ROCKBLOCK_ISSUER = 'Rock 7';

/** The fields of the body that, when present, must equal the signed claims. */
export const ROCKBLOCK_VOUCHED_FIELDS = [
  'imei',
  'momsn',
  'transmit_time',
  'data',
  'serial',
  'device_type',
  'iridium_latitude',
  'iridium_longitude',
  'iridium_cep',
] as const satisfies ReadonlyArray<keyof RockblockPush & keyof RockblockClaims>;

/**
 * Why a push was refused as unauthenticated (HTTP 401; the answer's message starts with the
 * code): not a JWT, another algorithm than RS256 (`none`, HS256 …), a signature that does not
 * verify against the configured key, another issuer, claims that are not an MO message,
 * expired or too old (`maxAgeSeconds`), issued in the future, or a body that disagrees with them.
 */
export const RockblockJwtProblem = z.enum([
  'malformed-jwt',
  'wrong-alg',
  'bad-signature',
  'wrong-issuer',
  'malformed-claims',
  'expired',
  'not-yet-valid',
  'too-old',
  'body-mismatch',
]);
export type RockblockJwtProblem = z.infer<typeof RockblockJwtProblem>;

/**
 * The 200 answer to a push the center has decided on: `taken` (stored), `again` (taken
 * before; nothing stored twice), `refused` for good (no vehicle has the IMEI, the vehicle is
 * revoked, the payload fails its checks): a retry by Rock7 could not change that, so it is
 * not asked for. Anything the center could take later gets a non-200 answer instead.
 */
export const RockblockPushAnswer = z.object({ outcome: z.enum(['taken', 'again', 'refused']), reason: z.string().max(1000) }).strict();
export type RockblockPushAnswer = z.infer<typeof RockblockPushAnswer>;
