import type { GroupName, StaffRole } from '../../protocol/sync/access';
import type { CenterStore, CredentialRecord } from '../store/CenterStore';
import type { Principal } from './auth';
import { CenterHttpError } from './errors';

/**
 * Which vehicles a staff member may see and command. One place for the rule, so every
 * desk route, the live feed and the media rooms apply the same one:
 *
 * - an `admin` sees and commands every vehicle;
 * - `desk` staff see and command the vehicles that share at least one group with them,
 *   and nothing else — with no groups, nothing (lists come back empty, not refused).
 *
 * A refusal is `403 vehicle-not-in-your-groups`, and it is the same for a vehicle that
 * does not exist: desk staff cannot tell another group's vehicles from missing ones by
 * probing ids (an admin gets `404 unknown-vehicle` for a missing one).
 */

/** What a staff member may see, read from the store when their request is authenticated. */
export interface StaffAccess {
  role: StaffRole;
  groups: readonly GroupName[];
  /**
   * For `desk` staff, the vehicles in their groups at authentication (revoked ones too:
   * their items stay on the desk); empty for an admin, who sees all anyway.
   */
  vehicleIds: ReadonlySet<string>;
}

/** Loads a staff credential's access: one indexed query for desk staff, none for an admin. */
export async function loadStaffAccess(store: CenterStore, staff: CredentialRecord): Promise<StaffAccess> {
  const role = staff.staffRole ?? 'desk';
  const vehicleIds = role === 'admin' ? [] : await store.vehiclesInGroups(staff.groups);
  return { role, groups: staff.groups, vehicleIds: new Set(vehicleIds) };
}

/** Throws a 403 `CenterHttpError` when `staff` may not see or command `vehicleId`. */
export async function requireVehicleAccess(staff: Principal, vehicleId: string): Promise<void> {
  const access = accessOf(staff);
  if (access.role === 'admin' || access.vehicleIds.has(vehicleId)) return;
  throw new CenterHttpError(
    'vehicle-not-in-your-groups',
    access.groups.length === 0
      ? `you are in no vehicle group, so you see no vehicle (asked for ${JSON.stringify(vehicleId.slice(0, 40))}); a center admin can add you to one`
      : `vehicle ${JSON.stringify(vehicleId.slice(0, 40))} is not in your groups (${access.groups.join(', ')})`,
  );
}

/**
 * A predicate over vehicle ids for lists and the live feed: true for the ones `staff` may
 * see. It answers from what was read at authentication, without the store, so a feed
 * calls this once per connection and then once per event; a change of groups shows on
 * the staff member's next request (or reconnection of the feed).
 */
export async function vehicleFilter(staff: Principal): Promise<(vehicleId: string) => boolean> {
  const visible = visibleVehicleIds(staff);
  return visible === 'all' ? () => true : (vehicleId) => visible.has(vehicleId);
}

/** The vehicles `staff` may see, for queries that filter in the store: `'all'` for an admin. */
export function visibleVehicleIds(staff: Principal): ReadonlySet<string> | 'all' {
  const access = accessOf(staff);
  return access.role === 'admin' ? 'all' : access.vehicleIds;
}

/** A staff principal's access; anything else (a vehicle, a principal made without it) is refused, never waved through. */
function accessOf(staff: Principal): StaffAccess {
  if (staff.role !== 'staff' || !staff.access) throw new CenterHttpError('forbidden', 'only center staff may use the desk');
  return staff.access;
}
