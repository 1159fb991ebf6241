import type { Principal } from './auth';

/**
 * Which vehicles a staff member may see and command. One place for the rule, so every
 * desk route, the live feed and the media rooms apply the same one.
 *
 * Today every staff member sees every vehicle; roles (desk, admin) and vehicle groups
 * replace this body (see issue 10, "Staff accounts and access").
 */

/** Throws a 403 `CenterHttpError` when `staff` may not see or command `vehicleId`. */
export async function requireVehicleAccess(_staff: Principal, _vehicleId: string): Promise<void> {}

/** A predicate over vehicle ids for lists and the live feed: true for the ones `staff` may see. */
export async function vehicleFilter(_staff: Principal): Promise<(vehicleId: string) => boolean> {
  return () => true;
}
