import { constants, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OperatorError } from '../../platform/OperatorError';
import { describeIssues } from '../../protocol/common';
import {
  JWT_COMPACT,
  ROCKBLOCK_ISSUER,
  ROCKBLOCK_VOUCHED_FIELDS,
  RockblockClaims,
  RockblockJwtHeader,
  transmitTimeMs,
  type RockblockJwtProblem,
  type RockblockPush,
} from '../../protocol/sbd/rockblockPush';

/** Clocks of Rock7 and the center may disagree by this much before a time claim counts as future or past. */
const CLOCK_SKEW_SECONDS = 300;

/** A push the center does not take as Rock7's: the problem (its code) and what exactly is wrong. */
export class RockblockJwtError extends Error {
  readonly problem: RockblockJwtProblem;
  constructor(problem: RockblockJwtProblem, message: string) {
    super(message);
    this.name = 'RockblockJwtError';
    this.problem = problem;
  }
}

/**
 * Rock7's public key from `iridium.rockblock.publicKeyFile`. The center refuses to start
 * without it (a push route that cannot verify would have to refuse every push, or worse,
 * take them unverified), naming the file and what is wrong with it.
 */
export function loadRockblockKey(file: string): KeyObject {
  let pem: Buffer;
  try {
    pem = readFileSync(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new OperatorError(`Cannot read Rock7's public key ${file} (${reason}); check iridium.rockblock.publicKeyFile.`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new OperatorError(
      `${file} is not a PEM public key (${(error as Error).message}); iridium.rockblock.publicKeyFile wants Rock7's key as published.`,
    );
  }
  if (key.asymmetricKeyType !== 'rsa')
    throw new OperatorError(`${file} holds a ${key.asymmetricKeyType ?? 'non-RSA'} key; Rock7 signs its pushes with RSA (RS256).`);
  return key;
}

export interface VerifyOptions {
  /** Now, ms. */
  now: number;
  /** Older pushes are refused (`too-old`): from the JWT's `iat`, or without one, the message's transmit time. */
  maxAgeSeconds: number;
}

/**
 * Checks that a push is Rock7's: the JWT is RS256 (nothing else: `none` and HS256 signed
 * with the public key as a secret are the classic forgeries), its signature verifies
 * against Rock7's key, its issuer is "Rock 7", it is not expired, from the future or older
 * than `maxAgeSeconds`, its claims are an MO message, and every field of the body that the
 * claims also carry agrees with them. Returns the claims: what the center acts on.
 */
export function verifyRockblockPush(push: RockblockPush, key: KeyObject, options: VerifyOptions): RockblockClaims {
  const claims = verifyRockblockJwt(push.JWT, key, options);
  for (const field of ROCKBLOCK_VOUCHED_FIELDS) {
    const inBody = push[field];
    const signed = claims[field];
    if (inBody === undefined || signed === undefined || inBody === signed) continue;
    throw new RockblockJwtError(
      'body-mismatch',
      `the body's ${field} (${String(inBody).slice(0, 40)}) is not what the JWT says (${String(signed).slice(0, 40)})`,
    );
  }
  return claims;
}

/** Verifies a compact JWT from Rock7 (see verifyRockblockPush); every failure is a RockblockJwtError. */
export function verifyRockblockJwt(jwt: string, key: KeyObject, options: VerifyOptions): RockblockClaims {
  if (!JWT_COMPACT.test(jwt)) throw new RockblockJwtError('malformed-jwt', 'not a JWT (header.payload.signature, base64url)');
  const [headerPart, payloadPart, signaturePart] = jwt.split('.') as [string, string, string];
  const header = RockblockJwtHeader.safeParse(decodeJson(headerPart, 'malformed-jwt', 'header'));
  if (!header.success) throw new RockblockJwtError('malformed-jwt', `the JWT header: ${describeIssues(header.error)}`);
  if (header.data.alg !== 'RS256')
    throw new RockblockJwtError('wrong-alg', `the JWT is signed with ${header.data.alg.slice(0, 32)}; only RS256 is taken`);
  if (header.data.crit !== undefined) throw new RockblockJwtError('malformed-jwt', 'the JWT names critical extensions (crit)');

  if (!signatureVerifies(`${headerPart}.${payloadPart}`, Buffer.from(signaturePart, 'base64url'), key))
    throw new RockblockJwtError('bad-signature', "the JWT's signature does not verify against iridium.rockblock.publicKeyFile");

  const payload = decodeJson(payloadPart, 'malformed-claims', 'payload');
  const issuer = (payload as { iss?: unknown }).iss;
  if (issuer !== ROCKBLOCK_ISSUER)
    throw new RockblockJwtError('wrong-issuer', `the JWT's issuer is ${JSON.stringify(issuer)?.slice(0, 64)}, not "${ROCKBLOCK_ISSUER}"`);
  const parsed = RockblockClaims.safeParse(payload);
  if (!parsed.success) throw new RockblockJwtError('malformed-claims', `the JWT's claims: ${describeIssues(parsed.error)}`);
  checkTimes(parsed.data, options);
  return parsed.data;
}

function checkTimes(claims: RockblockClaims, { now, maxAgeSeconds }: VerifyOptions): void {
  const nowSeconds = Math.floor(now / 1000);
  if (claims.exp !== undefined && nowSeconds > claims.exp + CLOCK_SKEW_SECONDS)
    throw new RockblockJwtError('expired', `the JWT expired at ${iso(claims.exp)}`);
  if (claims.nbf !== undefined && nowSeconds + CLOCK_SKEW_SECONDS < claims.nbf)
    throw new RockblockJwtError('not-yet-valid', `the JWT is valid only from ${iso(claims.nbf)}`);
  const issuedAt = claims.iat ?? Math.floor(transmitTimeMs(claims.transmit_time)! / 1000);
  const what = claims.iat !== undefined ? 'the JWT was issued' : 'the message was transmitted';
  if (issuedAt > nowSeconds + CLOCK_SKEW_SECONDS)
    throw new RockblockJwtError('not-yet-valid', `${what} at ${iso(issuedAt)}, in the future (is a clock wrong?)`);
  if (nowSeconds - issuedAt > maxAgeSeconds)
    throw new RockblockJwtError('too-old', `${what} at ${iso(issuedAt)}, more than iridium.rockblock.maxAgeSeconds (${maxAgeSeconds}) ago`);
}

/** RSASSA-PKCS1-v1_5 with SHA-256 over `header.payload`; a signature of the wrong length is simply false. */
function signatureVerifies(signingInput: string, signature: Buffer, key: KeyObject): boolean {
  try {
    return verify('sha256', Buffer.from(signingInput, 'ascii'), { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  } catch {
    return false;
  }
}

function decodeJson(part: string, problem: RockblockJwtProblem, what: string): object {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw new RockblockJwtError(problem, `the JWT ${what} is not base64url JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new RockblockJwtError(problem, `the JWT ${what} is not a JSON object`);
  return value;
}

const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
