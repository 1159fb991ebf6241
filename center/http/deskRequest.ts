import { VehicleId } from '../../protocol/sync/credentials';
import type { CenterStore } from '../store/CenterStore';
import { requireVehicleAccess } from './access';
import type { Principal } from './auth';
import { parseJson, readBody, requireMediaType, type Schema } from './body';
import { CenterHttpError } from './errors';
import type { RouteContext } from './router';

/** Largest desk request body. */
export const DESK_BODY_LIMIT = 64 * 1024;

/**
 * The vehicle a desk request names, checked: 404 when unknown, 403 when outside the staff
 * member's groups, and with `active` 409 when revoked (nothing can be sent to it).
 */
export async function deskVehicle(store: CenterStore, staff: Principal, raw: string | undefined, active = false): Promise<string> {
  const id = VehicleId.safeParse(raw);
  const credential = id.success ? await store.getCredential('vehicle', id.data) : undefined;
  if (!credential) throw new CenterHttpError('unknown-vehicle', `no vehicle ${JSON.stringify(raw ?? '').slice(0, 80)}`);
  await requireVehicleAccess(staff, credential.id);
  if (active && credential.revokedAt !== null) throw new CenterHttpError('vehicle-revoked', `vehicle ${credential.id} is revoked`);
  return credential.id;
}

/** A desk request's JSON body, checked against its schema (415, 413 and 400 with the bad keys named otherwise). */
export async function deskJsonBody<T>(req: RouteContext['req'], schema: Schema<T>, what: string): Promise<T> {
  requireMediaType(req, 'application/json');
  return parseJson(await readBody(req, DESK_BODY_LIMIT, what), schema, what);
}
