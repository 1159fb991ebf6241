import { z } from 'zod';

/**
 * The path an uplink item first reached the center by: `ip` (an HTTP exchange) or `sbd`
 * (an Iridium SBD message through the gateway's DirectIP). The item is kept once by
 * (vehicle, seq) whichever path brings it; a later copy by the other path changes nothing
 * but `otherPathAt`. The desk marks items that came by Iridium, so staff know why a
 * message came without its photo or an hour after the vehicle lost its cellular link.
 */
export const ArrivalPath = z.enum(['ip', 'sbd']);
export type ArrivalPath = z.infer<typeof ArrivalPath>;

const Ms = z.number().int().min(0);

export const DeskVia = z
  .object({
    path: ArrivalPath,
    /** SBD only (else null): the gateway's CDR reference of the MO session, its MOMSN, and the session time (the gateway's clock, ms). */
    cdrReference: z.number().int().min(0).nullable(),
    momsn: z.number().int().min(0).max(65535).nullable(),
    sessionAt: Ms.nullable(),
    /** When a copy came by the other path as well (first time), ms; null when none did. */
    otherPathAt: Ms.nullable(),
  })
  .strict();
export type DeskVia = z.infer<typeof DeskVia>;

/**
 * `via` on a desk record from a vehicle: absent for items the center received before it
 * kept the path (migration 17), and in answers of older centers — so it stays optional.
 */
export const optionalVia = DeskVia.optional();
