import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { VehicleId, formatToken, type CredentialRole } from '../../protocol/sync/credentials';

/** Bytes of randomness in a token's secret (base64url: 43 characters). */
export const SECRET_BYTES = 32;

/** A new token for `id`: `mcv-v.<id>.<43 base64url characters>` (or `mcv-s.` for staff). */
export function issueToken(role: CredentialRole, id: string): string {
  return formatToken(role, id, randomBytes(SECRET_BYTES).toString('base64url'));
}

/** What the center stores of a token: the SHA-256 of the whole token text. */
export function hashToken(token: string): Buffer {
  return createHash('sha256').update(token, 'utf8').digest();
}

/**
 * Whether `token` hashes to `stored`, compared in constant time. With no stored hash
 * (unknown id) it still hashes and compares against a dummy, so an unknown id and a
 * wrong secret take the same time.
 */
export function tokenMatches(token: string, stored: Uint8Array | undefined): boolean {
  const actual = hashToken(token);
  const expected = stored && stored.length === actual.length ? stored : DUMMY_HASH;
  const equal = timingSafeEqual(actual, expected);
  return equal && expected !== DUMMY_HASH;
}

const DUMMY_HASH = new Uint8Array(32);

/** Longest id (VehicleId / token id). */
const MAX_ID = 32;

/**
 * The id for a new vehicle or staff member: a slug of the name (`MCV-07 Chengdu` →
 * `mcv-07-chengdu`), or `<prefix>-<6 hex>` when the name has no ASCII letter (a Chinese
 * name). The result always passes VehicleId.
 */
export function idForName(name: string, prefix: 'v' | 's'): string {
  if (/[A-Za-z]/.test(name)) {
    const slug = name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '') // Ä → A, é → e
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+/, '')
      .slice(0, MAX_ID)
      .replace(/-+$/, '');
    if (VehicleId.safeParse(slug).success) return slug;
  }
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}
