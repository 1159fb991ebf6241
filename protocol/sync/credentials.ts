import { z } from 'zod';

/**
 * Credentials the center issues: `mcv-v.<vehicleId>.<secret>` for a vehicle,
 * `mcv-s.<staffId>.<secret>` for center staff. The id in the token lets the center find
 * the stored SHA-256 of the token and compare it in constant time; the secret is 32
 * random bytes in base64url. The console reads its vehicle id from its token.
 */

export const VehicleId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'use 1–32 lower-case letters, digits or "-" (first a letter or digit)');
export type VehicleId = z.infer<typeof VehicleId>;

export type CredentialRole = 'vehicle' | 'staff';
const PREFIX: Record<CredentialRole, string> = { vehicle: 'mcv-v', staff: 'mcv-s' };

export const Token = z
  .string()
  .max(200)
  .regex(
    /^mcv-[vs]\.[a-z0-9][a-z0-9-]{0,31}\.[A-Za-z0-9_-]{43}$/,
    'not an MCV token (expected mcv-v.<id>.<secret> or mcv-s.<id>.<secret>)',
  );

export interface ParsedToken {
  role: CredentialRole;
  id: string;
}

/** The role and id a token claims, or undefined when it is not one of ours. */
export function parseToken(token: string): ParsedToken | undefined {
  if (!Token.safeParse(token).success) return undefined;
  const [prefix, id] = token.split('.');
  return { role: prefix === PREFIX.vehicle ? 'vehicle' : 'staff', id: id! };
}

export function formatToken(role: CredentialRole, id: string, secret: string): string {
  return `${PREFIX[role]}.${id}.${secret}`;
}
