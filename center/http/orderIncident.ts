import type { Principal } from './auth';
import { vehicleFilter } from './access';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';

/**
 * The incident an order is about, as it travels with the order (`OrderBody.incident`): its
 * id and title. The staff member must see it (`404 unknown-incident` otherwise). One whose
 * header has not arrived yet travels under its id's first characters.
 */
export async function orderIncident(context: CenterContext, staff: Principal, incidentId: string): Promise<{ id: string; title: string }> {
  const owner = await context.store.incidents.incidentOwner(incidentId);
  const visible = await vehicleFilter(staff);
  if (!owner || (owner.vehicleId !== null && !visible(owner.vehicleId)))
    throw new CenterHttpError('unknown-incident', `no incident ${JSON.stringify(incidentId)}`);
  return { id: incidentId, title: owner.title ?? incidentId.slice(0, 8) };
}
